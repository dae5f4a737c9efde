// Any chart's hooks are recognised by Helm's own annotations, not by demo-hooks' labels.
import { hookMeta, hookNameOf } from '../../../harness/src/observe/hook-identity.js';
import { buildTimeline, type ObservedEvent } from '../../../harness/src/observe/timeline.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const obj = (name: string, annotations: Record<string, string> = {}, labels: Record<string, string> = {}) => ({
  metadata: { name, uid: `uid-${name}`, annotations, labels },
});

describe('hookMeta', () => {
  it('reads events, weight and delete policies; Helm defaults the weight to 0', () => {
    expect(hookMeta(obj('a', { 'helm.sh/hook': 'pre-install, pre-upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' }))).toEqual({
      events: ['pre-install', 'pre-upgrade'],
      weight: -5,
      deletePolicies: ['before-hook-creation', 'hook-succeeded'],
    });
    expect(hookMeta(obj('b', { 'helm.sh/hook': 'test' }))).toEqual({ events: ['test'], weight: 0, deletePolicies: [] });
    expect(hookMeta(obj('c'))).toBeUndefined();
  });
});

describe('hookNameOf', () => {
  it('prefers the demo-hooks label, then the annotated object, then the owning Job', () => {
    const jobs = new Map([['migrate', 'migrate']]);
    expect(hookNameOf('Job', obj('x', { 'helm.sh/hook': 'pre-upgrade' }, { 'demo-hooks.dev/hook': 'migration' }), jobs)).toBe('migration');
    expect(hookNameOf('Pod', obj('test-conn', { 'helm.sh/hook': 'test' }), jobs)).toBe('test-conn');
    expect(hookNameOf('Pod', obj('migrate-abcde', {}, { 'batch.kubernetes.io/job-name': 'migrate' }), jobs)).toBe('migrate');
    expect(hookNameOf('Pod', obj('web-1', {}, { 'batch.kubernetes.io/job-name': 'not-a-hook' }), jobs)).toBeUndefined();
  });
});

describe('buildTimeline with annotated hooks', () => {
  const events: ObservedEvent[] = [
    { at: T0 + 10, kind: 'ServiceAccount', type: 'ADDED', object: obj('migrate-sa', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': '-10' }) },
    { at: T0 + 20, kind: 'Job', type: 'ADDED', object: obj('migrate', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-delete-policy': 'hook-succeeded' }) },
    { at: T0 + 30, kind: 'Pod', type: 'ADDED', object: obj('migrate-abcde', {}, { 'batch.kubernetes.io/job-name': 'migrate' }) },
  ];
  const timeline = buildTimeline(events);

  it('counts a ServiceAccount hook as run the moment it exists, with its weight', () => {
    expect(timeline.filter((e) => e.name === 'migrate-sa').map((e) => e.what)).toEqual(['created', 'succeeded']);
    expect(timeline[0]).toMatchObject({ kind: 'ServiceAccount', hook: 'migrate-sa', weight: -10, hookEvents: ['pre-install'] });
  });

  it("names a Job's pod after the Job's hook and records the Job's delete policy", () => {
    expect(timeline.find((e) => e.kind === 'Job' && e.what === 'created')).toMatchObject({ hook: 'migrate', weight: 0, deletePolicies: ['hook-succeeded'] });
    expect(timeline.find((e) => e.kind === 'Pod')).toMatchObject({ name: 'migrate-abcde', hook: 'migrate' });
  });
});

describe('buildTimeline for a namespace with a history', () => {
  it('marks objects created before the watch began, and only those', () => {
    const since = T0 + 10_000;
    const at = (ms: number) => new Date(T0 + ms).toISOString().replace(/\.\d+Z$/, 'Z');
    const withCreation = (name: string, createdMs: number) => ({
      metadata: { ...obj(name, { 'helm.sh/hook': 'post-install' }).metadata, creationTimestamp: at(createdMs) },
    });
    const timeline = buildTimeline(
      [
        { at: since + 50, kind: 'Job', type: 'ADDED', object: withCreation('old', 2_000) },
        { at: since + 900, kind: 'Job', type: 'ADDED', object: withCreation('new', 10_400) },
      ],
      since,
    );
    expect(timeline.find((e) => e.name === 'old' && e.what === 'created')).toMatchObject({ existedBefore: true });
    expect(timeline.find((e) => e.name === 'new' && e.what === 'created')).not.toHaveProperty('existedBefore');
  });
});
