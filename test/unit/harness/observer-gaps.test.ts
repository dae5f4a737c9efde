// When the observer was blind: which gaps overlap what an assertion judges, when a watch has
// caught up with a fresh list, and hook assertions refusing to pass over a gap.
import type { AssertionResult } from '../../../harness/src/assert/result.js';
import { atLeast, isCaughtUp, type CacheEntry } from '../../../harness/src/kube/caught-up.js';
import type { CatchUp } from '../../../harness/src/kube/watch.js';
import { blindness, gapsOverlapping, type ObserverGap } from '../../../harness/src/observe/gaps.js';
import type { NamespaceObserver } from '../../../harness/src/observe/observer.js';
import { buildTimeline, type ObservedEvent } from '../../../harness/src/observe/timeline.js';
import { expectHookDidNotRun, expectHookRan, expectHooksInOrder, expectNoHookRan } from '../../../harness/src/scenario/steps/expect-hooks.js';
import type { Step, StepContext } from '../../../harness/src/scenario/types.js';
import { preUpgradeFailure, T0 } from './fixtures/watch-events.js';

const iso = (ms: number) => new Date(T0 + ms).toISOString();
const gap = (from: number, to: number | undefined, extra: Partial<ObserverGap> = {}): ObserverGap => ({
  watch: 'Job',
  from: iso(from),
  ...(to === undefined ? {} : { to: iso(to) }),
  reason: 'read ECONNRESET',
  closedBy: 'resumed',
  ...extra,
});

describe('gaps overlapping a judged interval', () => {
  const judged = [iso(1000), iso(5000)] as const;

  it('a gap inside, across either end, or around the interval overlaps it', () => {
    expect(gapsOverlapping([gap(2000, 3000)], ...judged)).toHaveLength(1);
    expect(gapsOverlapping([gap(0, 1500)], ...judged)).toHaveLength(1);
    expect(gapsOverlapping([gap(4000, 9000)], ...judged)).toHaveLength(1);
    expect(gapsOverlapping([gap(0, 9000)], ...judged)).toHaveLength(1);
  });

  it('a gap wholly before or after does not', () => {
    expect(gapsOverlapping([gap(0, 999)], ...judged)).toEqual([]);
    expect(gapsOverlapping([gap(5001, 6000)], ...judged)).toEqual([]);
  });

  it('a gap that has not ended lasts until now', () => {
    expect(gapsOverlapping([gap(0, undefined, { closedBy: undefined })], ...judged)).toHaveLength(1);
    expect(gapsOverlapping([gap(6000, undefined, { closedBy: undefined })], ...judged)).toEqual([]);
  });

  it('a resumed gap counts too: what it replayed carries the time it arrived', () => {
    expect(blindness([gap(2000, 3000, { closedBy: 'resumed' })], ...judged, 'no hook ran')).toBeDefined();
  });

  it('says which watch was blind, from when to when, and what cannot be proven', () => {
    expect(blindness([gap(2000, undefined, { closedBy: undefined, reason: 'connect ECONNREFUSED 127.0.0.1:40123' })], ...judged, 'no hook ran')).toBe(
      `the observer's Job watch was blind from ${iso(2000)} to now (connect ECONNREFUSED 127.0.0.1:40123; and still is): cannot prove no hook ran`,
    );
    expect(blindness([gap(2000, 3000, { watch: 'Pod', closedBy: 'relisted' })], ...judged, 'hook migration ran')).toBe(
      `the observer's Pod watch was blind from ${iso(2000)} to ${iso(3000)} (read ECONNRESET; then had to list again (410 Gone)): cannot prove hook migration ran`,
    );
    expect(blindness([gap(0, 500)], ...judged, 'no hook ran')).toBeUndefined();
  });
});

describe('a watch caught up with a fresh list', () => {
  const e = (name: string, uid: string, rv: string): CacheEntry => ({ name: `ns/${name}`, uid, resourceVersion: rv });
  const none = new Map<string, string>();

  it('compares resourceVersions as numbers, and others only for equality', () => {
    expect(atLeast('100', '99')).toBe(true);
    expect(atLeast('99', '100')).toBe(false);
    expect(atLeast('abc', 'abc')).toBe(true);
    expect(atLeast('abd', 'abc')).toBe(false);
  });

  it('is caught up when it holds every listed object at the listed version or newer', () => {
    expect(isCaughtUp({ listed: [e('a', 'u1', '10')], listResourceVersion: '12', cached: [e('a', 'u1', '10')], deletions: none })).toEqual({ caughtUp: true });
    expect(isCaughtUp({ listed: [e('a', 'u1', '10')], listResourceVersion: '12', cached: [e('a', 'u1', '14')], deletions: none })).toEqual({ caughtUp: true });
  });

  it('is behind when a listed object is missing or older', () => {
    expect(isCaughtUp({ listed: [e('hook-job', 'u1', '10')], listResourceVersion: '12', cached: [], deletions: none })).toEqual({
      caughtUp: false,
      behind: 'ns/hook-job at resourceVersion 10 not seen yet',
    });
    expect(isCaughtUp({ listed: [e('a', 'u1', '10')], listResourceVersion: '12', cached: [e('a', 'u1', '9')], deletions: none }).caughtUp).toBe(false);
  });

  it('a listed object the watch has since seen deleted is fine', () => {
    expect(isCaughtUp({ listed: [e('a', 'u1', '10')], listResourceVersion: '12', cached: [], deletions: new Map([['u1', '13']]) })).toEqual({ caughtUp: true });
  });

  it('an object the list no longer holds must have been created after it', () => {
    expect(isCaughtUp({ listed: [], listResourceVersion: '12', cached: [e('new', 'u2', '13')], deletions: none })).toEqual({ caughtUp: true });
    expect(isCaughtUp({ listed: [], listResourceVersion: '12', cached: [e('old', 'u2', '8')], deletions: none }).caughtUp).toBe(false);
  });
});

/** An observer as hook steps see it, with a timeline and gaps of the test's choosing. */
function observerWith(events: readonly ObservedEvent[], gaps: ObserverGap[], catchUp: CatchUp = { ok: true }) {
  let caughtUpCalls = 0;
  const observer = {
    timeline: () => buildTimeline(events),
    hookGaps: () => gaps,
    catchUp: async () => {
      caughtUpCalls += 1;
      return catchUp;
    },
    waitUntil: async () => true,
  } as unknown as NamespaceObserver;
  return { observer, caughtUpCalls: () => caughtUpCalls };
}

async function runStep(step: Step, observer: NamespaceObserver, lastChangeAt = iso(0)): Promise<AssertionResult[]> {
  const checks: AssertionResult[] = [];
  const ctx = {
    observer,
    signal: new AbortController().signal,
    lastChange: () => ({ startedAt: lastChangeAt }),
    check: (a: AssertionResult) => checks.push(a),
  } as unknown as StepContext;
  await step.run(ctx);
  return checks;
}

describe('hook assertions over a blind observer', () => {
  const cut = gap(-1000, undefined, { closedBy: undefined, reason: 'connect ECONNREFUSED 127.0.0.1:40123' });

  it('"no hook ran" refuses to pass while the observer was blind, though it saw no hook', async () => {
    const { observer, caughtUpCalls } = observerWith([], [cut]);
    const [result] = await runStep(expectNoHookRan(), observer);
    expect(result).toMatchObject({ name: 'no hook ran', passed: false });
    expect(result?.actual).toMatch(/^the observer's Job watch was blind from .* to now \(connect ECONNREFUSED 127\.0\.0\.1:40123; and still is\): cannot prove no hook ran$/);
    expect(caughtUpCalls()).toBe(1);
  });

  it('passes when the observer saw the whole interval', async () => {
    const { observer } = observerWith([], [gap(-9000, -5000)]);
    expect(await runStep(expectNoHookRan(), observer)).toEqual([expect.objectContaining({ name: 'no hook ran', passed: true })]);
  });

  it('"hook X did not run", "hook X ran" and the order refuse too', async () => {
    const { observer } = observerWith(preUpgradeFailure, [cut]);
    const results = [
      ...(await runStep(expectHookDidNotRun('cleanup'), observer)),
      ...(await runStep(expectHookRan('migration', { outcome: 'failed', exitCode: 1 }), observer)),
      ...(await runStep(expectHooksInOrder(['backup', 'migration']), observer)),
    ];
    expect(results.map((r) => [r.name, r.passed])).toEqual([
      ['hook cleanup did not run', false],
      ['hook migration ran and failed (exit 1)', false],
      ['hooks started in order: backup → migration', false],
    ]);
    results.forEach((r) => expect(r.actual).toMatch(/blind from .*: cannot prove /));
  });

  it('the same facts pass without the gap', async () => {
    const { observer } = observerWith(preUpgradeFailure, []);
    const results = [
      ...(await runStep(expectHookDidNotRun('cleanup'), observer)),
      ...(await runStep(expectHookRan('migration', { outcome: 'failed', exitCode: 1 }), observer)),
      ...(await runStep(expectHooksInOrder(['backup', 'migration']), observer)),
    ];
    expect(results.every((r) => r.passed)).toBe(true);
  });

  it('an observer that did not catch up cannot prove anything either', async () => {
    const { observer } = observerWith([], [], { ok: false, reason: 'the observer did not catch up within 30s: Job watch: ns/x at resourceVersion 10 not seen yet' });
    const [result] = await runStep(expectNoHookRan(), observer);
    expect(result).toMatchObject({ passed: false, actual: 'the observer did not catch up within 30s: Job watch: ns/x at resourceVersion 10 not seen yet: cannot prove no hook ran' });
  });
});
