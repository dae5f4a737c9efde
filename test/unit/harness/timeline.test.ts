// Building the hook timeline from raw watch events, and reading hook facts from it.
import { assertHookDidNotRun, assertHookOrder, assertHookRan, hookRunFacts, hookRunSettled } from '../../../harness/src/assert/hooks.js';
import { buildTimeline, hookStartOrder, type TimelineEntry } from '../../../harness/src/observe/timeline.js';
import { names, preUpgradeFailure, T0 } from './fixtures/watch-events.js';

const rel = (ms: number) => new Date(T0 + ms).toISOString();
const brief = (e: TimelineEntry) => `${e.kind} ${e.hook ?? '-'} ${e.what}${e.exitCode !== undefined ? ` exit=${e.exitCode}` : ''}${e.reason ? ` ${e.reason}` : ''}`;

describe('buildTimeline', () => {
  const timeline = buildTimeline(preUpgradeFailure);

  it('turns watch events into the story of each hook, in time order', () => {
    expect(timeline.map(brief)).toEqual([
      'Job backup created',
      'Pod backup created',
      'Job backup started',
      'Pod backup started',
      'Pod backup succeeded exit=0',
      'Job backup succeeded',
      'Job migration created',
      'Pod migration created',
      'Job migration started',
      'Pod migration started',
      'Pod migration failed exit=1 Error',
      'Job migration failed BackoffLimitExceeded',
      'Event migration event BackoffLimitExceeded',
      'Job backup deleted',
      'Pod backup deleted',
      'Event - event Pulled',
    ]);
  });

  it('stamps entries with the time the harness saw them', () => {
    expect(timeline[0]).toMatchObject({ at: rel(100), kind: 'Job', name: names.backupJob, hook: 'backup', what: 'created' });
    expect(timeline.find((e) => e.kind === 'Pod' && e.what === 'failed')?.at).toBe(rel(3500));
  });

  it('waits for the final Failed condition, not FailureTarget', () => {
    const failed = timeline.filter((e) => e.kind === 'Job' && e.hook === 'migration' && e.what === 'failed');
    expect(failed).toEqual([
      expect.objectContaining({ at: rel(3700), reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }),
    ]);
  });

  it('ties Kubernetes Events to the hook of the object they are about', () => {
    expect(timeline.find((e) => e.kind === 'Event' && e.reason === 'BackoffLimitExceeded')).toMatchObject({
      name: names.migrationJob,
      involvedKind: 'Job',
      hook: 'migration',
      warning: true,
    });
    expect(timeline.find((e) => e.reason === 'Pulled')).toMatchObject({ warning: false });
    expect(timeline.find((e) => e.reason === 'Pulled')).not.toHaveProperty('hook');
  });

  it('does not repeat anything when a reconnected watch replays ADDED', () => {
    expect(timeline.filter((e) => e.hook === 'migration' && e.kind === 'Job' && e.what === 'created')).toHaveLength(1);
  });

  it('reports a repeated Event again only when its count goes up', () => {
    const again = buildTimeline([
      ...preUpgradeFailure,
      { at: T0 + 6000, kind: 'Event', type: 'MODIFIED', object: { kind: 'Event', metadata: { uid: 'ev-uid-1' }, involvedObject: { kind: 'Job', name: names.migrationJob }, reason: 'BackoffLimitExceeded', type: 'Warning', count: 2 } },
    ]);
    expect(again.filter((e) => e.reason === 'BackoffLimitExceeded' && e.kind === 'Event')).toHaveLength(2);
  });

  it('is empty without events', () => {
    expect(buildTimeline([])).toEqual([]);
  });
});

describe('hook facts from the timeline', () => {
  const timeline = buildTimeline(preUpgradeFailure);

  it('orders hooks by when their Job was created', () => {
    expect(hookStartOrder(timeline)).toEqual(['backup', 'migration']);
    expect(hookStartOrder(timeline, rel(2250))).toEqual(['migration']);
    expect(hookStartOrder(timeline, undefined, rel(2250))).toEqual(['backup']);
  });

  it('summarises what a hook did', () => {
    expect(hookRunFacts(timeline, 'migration')).toEqual({ hook: 'migration', jobsCreated: 1, outcome: 'failed', exitCode: 1, reason: 'BackoffLimitExceeded' });
    expect(hookRunFacts(timeline, 'backup')).toEqual({ hook: 'backup', jobsCreated: 1, outcome: 'succeeded', exitCode: 0 });
    expect(hookRunFacts(timeline, 'notify')).toEqual({ hook: 'notify', jobsCreated: 0 });
  });

  it('knows when it has seen enough to judge an expectation', () => {
    const beforeFailure = buildTimeline(preUpgradeFailure.filter((e) => e.at < T0 + 3400));
    expect(hookRunSettled(beforeFailure, 'migration', { outcome: 'failed' })).toBe(false);
    expect(hookRunSettled(timeline, 'migration', { outcome: 'failed', exitCode: 1 })).toBe(true);
  });

  it('passes and fails hook assertions with readable diffs', () => {
    expect(assertHookRan(timeline, 'migration', { outcome: 'failed', exitCode: 1 }).passed).toBe(true);
    const wrong = assertHookRan(timeline, 'migration', { outcome: 'succeeded' });
    expect(wrong).toMatchObject({ passed: false, actual: 'ran 1×, failed (exit 1), BackoffLimitExceeded' });
    expect(wrong.diff).toBe('- outcome: succeeded\n+ outcome: failed');
    expect(assertHookDidNotRun(timeline, 'notify').passed).toBe(true);
    expect(assertHookDidNotRun(timeline, 'backup').passed).toBe(false);
  });

  it('checks the relative order of the listed hooks', () => {
    expect(assertHookOrder(timeline, ['backup', 'migration']).passed).toBe(true);
    const reversed = assertHookOrder(timeline, ['migration', 'backup']);
    expect(reversed.passed).toBe(false);
    expect(reversed.actual).toBe('backup → migration');
    expect(reversed.diff).toBe('- migration\n  backup\n+ migration');
  });
});
