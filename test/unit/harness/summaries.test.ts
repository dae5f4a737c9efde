// Pod and Job summaries from API objects, as list calls (Date) and watches (strings) give them.
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { summarizeJob, summarizePod, toIso } from '../../../harness/src/kube/summaries.js';

describe('summarizePod', () => {
  it('a hook pod whose container exited 1', () => {
    const pod: V1Pod = {
      metadata: { name: 'p', labels: { 'demo-hooks.dev/hook': 'migration', 'batch.kubernetes.io/job-name': 'j' }, creationTimestamp: new Date('2026-03-01T10:00:00Z') },
      status: { phase: 'Failed', containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }] },
    };
    expect(summarizePod(pod)).toEqual({
      name: 'p',
      hook: 'migration',
      jobName: 'j',
      phase: 'Failed',
      ready: false,
      terminating: false,
      exitCode: 1,
      reason: 'Error',
      containers: [{ name: 'c', state: 'terminated', exitCode: 1, reason: 'Error', restarts: 0 }],
      createdAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('an app pod, ready, terminating, carrying its version', () => {
    const pod = {
      metadata: { name: 'web', labels: { 'demo-hooks.dev/app-version': '2.0.0' }, deletionTimestamp: '2026-03-01T10:00:00Z' },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'web', restartCount: 2, state: { running: {} } }] },
    } as unknown as V1Pod;
    expect(summarizePod(pod)).toMatchObject({ appVersion: '2.0.0', ready: true, terminating: true, containers: [{ state: 'running', restarts: 2 }] });
    expect(summarizePod(pod)).not.toHaveProperty('exitCode');
  });

  it('an app pod whose init container crash-loops: the last run\'s exit code is kept while it waits', () => {
    const pod = {
      metadata: { name: 'web', labels: { 'demo-hooks.dev/app-version': '2.0.0' } },
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'wait-for-db', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }],
        containerStatuses: [{ name: 'web', restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      },
    } as unknown as V1Pod;
    expect(summarizePod(pod)).toMatchObject({
      ready: false,
      initContainers: [{ name: 'wait-for-db', state: 'waiting', reason: 'CrashLoopBackOff', exitCode: 1, restarts: 3 }],
      containers: [{ name: 'web', state: 'waiting', reason: 'PodInitializing' }],
    });
    // The pod's own exit code is that of its main containers, which never ran.
    expect(summarizePod(pod)).not.toHaveProperty('exitCode');
  });

  it('a pod that cannot start says why', () => {
    const pod = { metadata: { name: 'x' }, status: { phase: 'Pending', containerStatuses: [{ name: 'c', restartCount: 0, state: { waiting: { reason: 'ErrImageNeverPull' } } }] } } as unknown as V1Pod;
    expect(summarizePod(pod)).toMatchObject({ phase: 'Pending', reason: 'ErrImageNeverPull' });
  });
});

describe('summarizeJob', () => {
  it('only the final Failed/Complete conditions end a Job', () => {
    const job = (conditions: { type: string; status: string; reason?: string }[]) => ({ metadata: { name: 'j' }, status: { conditions } }) as V1Job;
    expect(summarizeJob(job([{ type: 'FailureTarget', status: 'True' }])).state).toBe('running');
    expect(summarizeJob(job([{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded' }]))).toMatchObject({ state: 'failed', reason: 'DeadlineExceeded' });
    expect(summarizeJob(job([{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }])).state).toBe('succeeded');
  });
});

describe('toIso', () => {
  it('accepts Date and string, rejects garbage', () => {
    expect(toIso(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00.000Z');
    expect(toIso('2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00.000Z');
    expect(toIso('not a date')).toBeUndefined();
    expect(toIso(undefined)).toBeUndefined();
  });
});
