// Assertions: each yields { name, passed, expected, actual, diff } in words a workshop attendee can read.
import { appRunsVersion, appServesVersion, assertAppVersion, assertStuckInInit } from '../../../harness/src/assert/app.js';
import { assertExit, assertOutput, commandLine } from '../../../harness/src/assert/command.js';
import { assertAppliedMigrations, assertBackupFile, assertRole, assertSchemaVersion } from '../../../harness/src/assert/database.js';
import { assertHookCreatedAroundPodGone, assertHookDuration } from '../../../harness/src/assert/hooks.js';
import { fieldDiff, lineDiff } from '../../../harness/src/assert/diff.js';
import { assertHistory, assertReleaseStatus } from '../../../harness/src/assert/history.js';
import { assertJob } from '../../../harness/src/assert/jobs.js';
import { assertLeftovers, assertNothingLeft } from '../../../harness/src/assert/leftovers.js';
import type { HistoryEntry } from '../../../harness/src/helm/history.js';
import type { HelmCommandResult } from '../../../harness/src/helm/types.js';
import type { JobSummary, PodSummary } from '../../../harness/src/kube/summaries.js';

const entry = (revision: number, status: string, description: string): HistoryEntry => ({ revision, status, description, chart: 'demo-hooks-0.1.0', appVersion: '1.0.0' });
const preFailHistory = [
  entry(1, 'deployed', 'Install complete'),
  entry(2, 'failed', 'Upgrade "r" failed: pre-upgrade hooks failed: 1 error occurred:\n\t* job r-demo-hooks-db-migration failed: BackoffLimitExceeded'),
];

describe('diffs', () => {
  it('line diff keeps equal lines and marks the rest', () => {
    expect(lineDiff(['a', 'b', 'c'], ['a', 'x', 'c'])).toBe('  a\n- b\n+ x\n  c');
    expect(lineDiff([], ['only'])).toBe('+ only');
  });

  it('field diff lists only the fields that differ', () => {
    expect(fieldDiff([{ field: 'status', expected: 'failed', actual: 'deployed', ok: false }, { field: 'revision', expected: '2', actual: '2', ok: true }])).toBe('- status: failed\n+ status: deployed');
  });
});

describe('assertHistory', () => {
  it('passes when every revision matches, descriptions by regex', () => {
    const result = assertHistory(preFailHistory, [
      { revision: 1, status: 'deployed', description: 'Install complete' },
      { revision: 2, status: 'failed', description: /pre-upgrade hooks failed/ },
    ]);
    expect(result).toMatchObject({ name: 'history: 1 deployed, 2 failed', passed: true });
    expect(result).not.toHaveProperty('diff');
  });

  it('shows only the revision that differs', () => {
    const result = assertHistory(preFailHistory, [
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'failed', description: /pre-upgrade hooks failed/ },
    ]);
    expect(result.passed).toBe(false);
    expect(result.diff).toBe('- rev 1  superseded\n+ rev 1  deployed  description "Install complete"\n  rev 2  failed  description /pre-upgrade hooks failed/');
  });

  it('fails on a missing or an extra revision', () => {
    expect(assertHistory(preFailHistory, [{ revision: 1, status: 'deployed' }]).passed).toBe(false);
    expect(assertHistory(preFailHistory.slice(0, 1), [{ revision: 1, status: 'deployed' }, { revision: 2, status: 'failed' }]).passed).toBe(false);
  });

  it('says why there is no history', () => {
    expect(assertHistory(undefined, [{ revision: 1, status: 'deployed' }], 'Error: release: not found')).toMatchObject({ passed: false, actual: 'no history (Error: release: not found)' });
  });

  it('release status compares status, revision and description', () => {
    const status = { name: 'r', namespace: 'ns', revision: 3, status: 'deployed', description: 'Rollback to 1', hooks: [], config: {}, json: {} };
    expect(assertReleaseStatus(status, { status: 'deployed', revision: 3, description: 'Rollback to 1' }).passed).toBe(true);
    expect(assertReleaseStatus(status, { status: 'pending-rollback' }).diff).toBe('- status: pending-rollback\n+ status: deployed');
  });
});

describe('assertJob', () => {
  const failedJob: JobSummary = { name: 'r-demo-hooks-db-migration', hook: 'migration', state: 'failed', reason: 'BackoffLimitExceeded', active: 0, succeededPods: 0, failedPods: 1, createdAt: '2026-03-01T10:00:02.000Z' };
  const failedPod: PodSummary = { name: 'r-demo-hooks-db-migration-y2', hook: 'migration', jobName: 'r-demo-hooks-db-migration', phase: 'Failed', ready: false, terminating: false, exitCode: 1, reason: 'Error', containers: [], createdAt: '2026-03-01T10:00:02.000Z' };
  const log = { hook: 'migration', pod: failedPod.name, container: 'db-migration', exitCode: 1, terminatedAt: '2026-03-01T10:00:03.500Z', log: 'demo-hooks: hook migration failing on purpose (hooks.migration.fail=true), exit 1\n' };
  const facts = { hook: 'migration', jobs: [failedJob], pods: [failedPod], logs: [log] };

  it('checks a failed hook as the lab describes it', () => {
    const result = assertJob(facts, { failed: true, reason: 'BackoffLimitExceeded', podPhase: 'Failed', exitCode: 1, logIncludes: 'failing on purpose' });
    expect(result).toMatchObject({
      passed: true,
      name: 'job migration: failed, reason "BackoffLimitExceeded", pod Failed, exit code 1, log has "failing on purpose"',
      actual: '1 job(s); newest r-demo-hooks-db-migration: failed (BackoffLimitExceeded), pod Failed exit 1',
    });
  });

  it('reports each wrong field', () => {
    const result = assertJob(facts, { succeeded: true, exitCode: 0 });
    expect(result.passed).toBe(false);
    expect(result.diff).toBe('- state: succeeded\n+ state: failed\n- exit code: 0\n+ exit code: 1');
  });

  it('present: false passes only when no Job is left', () => {
    expect(assertJob({ ...facts, jobs: [], pods: [] }, { present: false })).toMatchObject({ passed: true, name: 'job migration: gone', actual: 'no job' });
    expect(assertJob(facts, { present: false }).passed).toBe(false);
  });

  it('looks at the newest Job when several exist', () => {
    const older: JobSummary = { ...failedJob, name: 'old', state: 'succeeded', createdAt: '2026-03-01T09:00:00.000Z' };
    expect(assertJob({ ...facts, jobs: [older, failedJob] }, { failed: true, count: 2 }).passed).toBe(true);
  });
});

describe('app and database', () => {
  const pod = (name: string, version: string, ready: boolean, terminating = false): PodSummary => ({ name, appVersion: version, phase: 'Running', ready, terminating, containers: [] });

  it('the app runs a version once a ready pod has it and no live pod has another', () => {
    expect(appRunsVersion([pod('a', '1.0.0', true)], '1.0.0')).toBe(true);
    expect(appRunsVersion([pod('a', '1.0.0', true), pod('b', '2.0.0', false)], '2.0.0')).toBe(false); // rollout under way
    expect(appRunsVersion([pod('a', '1.0.0', true, true), pod('b', '2.0.0', true)], '2.0.0')).toBe(true); // old pod terminating
    expect(appRunsVersion([], '1.0.0')).toBe(false);
    expect(assertAppVersion([pod('a', '2.0.0', true)], '1.0.0')).toMatchObject({ passed: false, actual: 'a: 2.0.0 (ready)' });
  });

  it('what is served is what ready pods run; a pod stuck in init is named with its init container', () => {
    const stuck: PodSummary = { ...pod('b', '2.0.0', false), phase: 'Pending', initContainers: [{ name: 'wait-for-db', state: 'waiting', reason: 'CrashLoopBackOff', exitCode: 1, restarts: 2 }] };
    expect(appServesVersion([pod('a', '1.0.0', true), stuck], '1.0.0')).toBe(true);
    expect(appServesVersion([pod('a', '1.0.0', false)], '1.0.0')).toBe(false);
    expect(assertStuckInInit([pod('a', '1.0.0', true), stuck], '2.0.0')).toMatchObject({ passed: true, name: 'a 2.0.0 app pod is stuck in its init container' });
    // Not ready but still initialising (no failed run yet) is not stuck; neither is another version.
    const waiting: PodSummary = { ...stuck, initContainers: [{ name: 'wait-for-db', state: 'running', restarts: 0 }] };
    expect(assertStuckInInit([waiting], '2.0.0')).toMatchObject({ passed: false, actual: 'b: 2.0.0 not ready, init wait-for-db running, 0 restart(s)' });
    expect(assertStuckInInit([stuck], '3.0.0').passed).toBe(false);
  });

  it('schema facts', () => {
    expect(assertSchemaVersion({ ok: true, value: ['001', '002', '003'] }, '003').passed).toBe(true);
    expect(assertSchemaVersion({ ok: true, value: ['001', '002'] }, '003')).toMatchObject({ passed: false, actual: 'applied: 001, 002' });
    expect(assertSchemaVersion({ ok: false, error: 'relation "schema_migrations" does not exist' }, '003').actual).toContain('cannot read schema_migrations');
    expect(assertAppliedMigrations({ ok: true, value: ['001', '002'] }, ['001', '002']).passed).toBe(true);
  });

  it('database roles: present, absent, or unreadable', () => {
    expect(assertRole({ ok: true, value: ['app_reader'] }, 'app_reader', true).passed).toBe(true);
    expect(assertRole({ ok: true, value: [] }, 'app_reader', true)).toMatchObject({ passed: false, actual: 'no role app_reader' });
    expect(assertRole({ ok: true, value: [] }, 'app_reader', false).passed).toBe(true);
    // A database that cannot be asked proves neither.
    expect(assertRole({ ok: false, error: 'pod not found' }, 'app_reader', false).passed).toBe(false);
  });

  it('a hook created before a pod was gone, and after', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    const db = /^r-demo-hooks-postgresql-0$/;
    const timeline = [
      { at: at(1), kind: 'Job' as const, name: 'r-demo-hooks-cleanup', hook: 'cleanup', what: 'created' as const },
      { at: at(4), kind: 'Pod' as const, name: 'r-demo-hooks-postgresql-0', what: 'deleted' as const },
    ];
    expect(assertHookCreatedAroundPodGone(timeline, 'cleanup', db, 'db', 'before')).toMatchObject({ passed: true, actual: 'Job created 3.0 s before the pod was gone' });
    expect(assertHookCreatedAroundPodGone(timeline, 'cleanup', db, 'db', 'after')).toMatchObject({ passed: false, expected: 'db gone, then Job of cleanup created' });
    const late = [timeline[1]!, { ...timeline[0]!, at: at(6) }];
    expect(assertHookCreatedAroundPodGone(late, 'cleanup', db, 'db', 'before')).toMatchObject({ passed: false, actual: 'pod gone 2.0 s before the Job was created' });
    expect(assertHookCreatedAroundPodGone(late, 'cleanup', db, 'db', 'after')).toMatchObject({ passed: true, name: 'hook cleanup was created after db was gone' });
    // With two matching pods, the last one to go decides.
    const two = [...late, { ...timeline[1]!, at: at(9) }];
    expect(assertHookCreatedAroundPodGone(two, 'cleanup', /^r-demo-hooks-postgresql-0$/, 'db', 'after').passed).toBe(false);
    expect(assertHookCreatedAroundPodGone([timeline[0]!], 'cleanup', db, 'db', 'before')).toMatchObject({ passed: false, actual: 'db was not seen gone' });
    expect(assertHookCreatedAroundPodGone([timeline[1]!], 'cleanup', db, 'db', 'after').passed).toBe(false);
  });

  it('a hook Job\'s time from created to finished is held to bounds both ways', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString();
    const created = { at: at(0), kind: 'Job' as const, name: 'r-demo-hooks-db-migration', hook: 'migration', what: 'created' as const };
    const failed = (s: number) => ({ ...created, at: at(s), what: 'failed' as const, reason: 'DeadlineExceeded' });
    const bounds = { outcome: 'failed' as const, atLeastSeconds: 10, atMostSeconds: 50 };
    expect(assertHookDuration([created, failed(12.5)], 'migration', bounds)).toMatchObject({ passed: true, actual: 'failed after 12.5 s (DeadlineExceeded)' });
    expect(assertHookDuration([created, failed(9)], 'migration', bounds).passed).toBe(false);
    expect(assertHookDuration([created, failed(51)], 'migration', bounds).passed).toBe(false);
    expect(assertHookDuration([created, { ...failed(12), what: 'succeeded' as const }], 'migration', bounds).passed).toBe(false);
    expect(assertHookDuration([created], 'migration', bounds)).toMatchObject({ passed: false, actual: 'Job r-demo-hooks-db-migration was not seen finishing' });
    expect(assertHookDuration([], 'migration', bounds)).toMatchObject({ passed: false, actual: 'no Job of hook migration was created' });
  });

  it('backup files', () => {
    expect(assertBackupFile({ ok: true, value: ['r-rev2.sql'] }, 'r-rev2.sql').passed).toBe(true);
    expect(assertBackupFile({ ok: true, value: [] }, 'r-rev2.sql')).toMatchObject({ passed: false, actual: 'backup volume is empty' });
    expect(assertBackupFile({ ok: true, value: [] }, 'r-rev2.sql', false).passed).toBe(true);
  });

  it('leftovers name what is left', () => {
    expect(assertNothingLeft('gone', { Pod: [], Job: [] }).passed).toBe(true);
    const left = assertNothingLeft('gone', { Pod: [], PersistentVolumeClaim: ['data-r-demo-hooks-postgresql-0'] });
    expect(left).toMatchObject({ passed: false, actual: 'PersistentVolumeClaim: data-r-demo-hooks-postgresql-0', diff: '+ PersistentVolumeClaim/data-r-demo-hooks-postgresql-0' });
  });

  it('expected leftovers: each pattern matches one object, * only a generated suffix, nothing extra', () => {
    const expected = { Job: ['{fullname}-db-migration'], Pod: ['{fullname}-db-migration-*'] };
    const exact = { Job: ['r-demo-hooks-db-migration'], Pod: ['r-demo-hooks-db-migration-x7k2p'], Secret: [] };
    expect(assertLeftovers('left', expected, exact, 'r-demo-hooks').passed).toBe(true);
    // A pod of another hook, a missing Job, and a second migration pod are all differences.
    const wrong = { Job: [], Pod: ['r-demo-hooks-db-migration-x7k2p', 'r-demo-hooks-db-migration-q9w8e', 'r-demo-hooks-notify-abcde'] };
    expect(assertLeftovers('left', expected, wrong, 'r-demo-hooks')).toMatchObject({
      passed: false,
      expected: 'Job r-demo-hooks-db-migration; Pod r-demo-hooks-db-migration-*',
      diff: '- Job/r-demo-hooks-db-migration\n+ Pod/r-demo-hooks-db-migration-q9w8e\n+ Pod/r-demo-hooks-notify-abcde',
    });
    // The full name is literal text: a dot in it matches only a dot.
    expect(assertLeftovers('left', { Job: ['{fullname}-x'] }, { Job: ['aXb-x'] }, 'a.b').passed).toBe(false);
  });
});

describe('command assertions', () => {
  const result = (exitCode: number, stderr = ''): HelmCommandResult => ({ args: ['upgrade', 'r', 'charts/demo-hooks', '--set', 'a=b c'], exitCode, stdout: '', stderr, durationMs: 10, startedAt: '2026-03-01T10:00:00.000Z', helmMajor: 3 });

  it('an expected failure passes; an unexpected one shows Helm’s error', () => {
    expect(assertExit(result(1, 'Error: UPGRADE FAILED: pre-upgrade hooks failed'), true)).toMatchObject({ passed: true, name: 'helm upgrade fails' });
    expect(assertExit(result(1, 'Error: values don\'t meet the specifications of the schema(s)'), false)).toMatchObject({
      passed: false,
      actual: "exit code 1: Error: values don't meet the specifications of the schema(s)",
    });
  });

  it('a killed Helm never counts as the expected failure', () => {
    expect(assertExit({ ...result(-1), killedBecause: 'scenario deadline of 180s exceeded' }, true)).toMatchObject({ passed: false, actual: 'killed: scenario deadline of 180s exceeded' });
  });

  it('matches output and quotes the command line like a shell', () => {
    expect(assertOutput(result(1, 'Error: UPGRADE FAILED: pre-upgrade hooks failed'), 'stderr', /pre-upgrade hooks failed/).passed).toBe(true);
    expect(commandLine(result(0))).toBe("helm3 upgrade r charts/demo-hooks --set 'a=b c'");
  });
});
