// What the hooks did during a Helm command, read from the observed timeline — including hooks
// whose Jobs a delete policy has already removed.
import { hookStartOrder, type TimelineEntry } from '../observe/timeline.js';
import { lineDiff, fieldDiff, type FieldCheck } from './diff.js';
import { assertion, type AssertionResult } from './result.js';

export interface HookRunExpectation {
  outcome?: 'succeeded' | 'failed';
  exitCode?: number;
  /** How many Jobs of this hook were created; Helm creates one per event it runs for. */
  times?: number;
}

export interface HookRunFacts {
  hook: string;
  jobsCreated: number;
  outcome?: 'succeeded' | 'failed';
  exitCode?: number;
  reason?: string;
}

/** Summarises one hook's entries; the last Job/Pod outcome wins. */
export function hookRunFacts(entries: readonly TimelineEntry[], hook: string): HookRunFacts {
  const mine = entries.filter((e) => e.hook === hook);
  const jobOutcome = mine.filter((e) => e.kind === 'Job' && (e.what === 'succeeded' || e.what === 'failed')).at(-1);
  const podOutcome = mine.filter((e) => e.kind === 'Pod' && (e.what === 'succeeded' || e.what === 'failed')).at(-1);
  const outcome = (jobOutcome ?? podOutcome)?.what as HookRunFacts['outcome'];
  return {
    hook,
    jobsCreated: mine.filter((e) => e.kind === 'Job' && e.what === 'created').length,
    ...(outcome ? { outcome } : {}),
    ...(podOutcome?.exitCode !== undefined ? { exitCode: podOutcome.exitCode } : {}),
    ...(jobOutcome?.reason ? { reason: jobOutcome.reason } : {}),
  };
}

/** True once the timeline holds everything the expectation asks about (used to wait for it). */
export function hookRunSettled(entries: readonly TimelineEntry[], hook: string, e: HookRunExpectation): boolean {
  const f = hookRunFacts(entries, hook);
  if (f.jobsCreated === 0) return false;
  if (e.outcome && !f.outcome) return false;
  if (e.exitCode !== undefined && f.exitCode === undefined) return false;
  return e.times === undefined || f.jobsCreated >= e.times;
}

export function assertHookRan(entries: readonly TimelineEntry[], hook: string, e: HookRunExpectation = {}): AssertionResult {
  const f = hookRunFacts(entries, hook);
  const name = `hook ${hook} ran${e.outcome ? ` and ${e.outcome}` : ''}${e.exitCode !== undefined ? ` (exit ${e.exitCode})` : ''}${e.times !== undefined ? ` ${e.times}×` : ''}`;
  const checks: FieldCheck[] = [
    e.times === undefined
      ? { field: 'ran', expected: 'yes', actual: f.jobsCreated > 0 ? 'yes' : 'no', ok: f.jobsCreated > 0 }
      : { field: 'jobs created', expected: String(e.times), actual: String(f.jobsCreated), ok: f.jobsCreated === e.times },
  ];
  if (e.outcome) checks.push({ field: 'outcome', expected: e.outcome, actual: f.outcome ?? '(unfinished)', ok: f.outcome === e.outcome });
  if (e.exitCode !== undefined) checks.push({ field: 'exit code', expected: String(e.exitCode), actual: f.exitCode === undefined ? '(none)' : String(f.exitCode), ok: f.exitCode === e.exitCode });
  const actual = f.jobsCreated === 0 ? 'did not run' : `ran ${f.jobsCreated}×, ${f.outcome ?? 'unfinished'}${f.exitCode !== undefined ? ` (exit ${f.exitCode})` : ''}${f.reason ? `, ${f.reason}` : ''}`;
  return assertion(name, checks.every((c) => c.ok), checks.map((c) => `${c.field}: ${c.expected}`).join(', '), actual, fieldDiff(checks));
}

export function assertHookDidNotRun(entries: readonly TimelineEntry[], hook: string): AssertionResult {
  const f = hookRunFacts(entries, hook);
  return assertion(`hook ${hook} did not run`, f.jobsCreated === 0, 'no job created', f.jobsCreated === 0 ? 'no job created' : `${f.jobsCreated} job(s) created`);
}

export function assertNoHookRan(entries: readonly TimelineEntry[]): AssertionResult {
  const ran = hookStartOrder(entries);
  return assertion('no hook ran', ran.length === 0, 'no hook job created', ran.length ? `hooks ran: ${ran.join(', ')}` : 'no hook job created');
}

/** The listed hooks started in this order (others may run in between). */
export function assertHookOrder(entries: readonly TimelineEntry[], expected: readonly string[]): AssertionResult {
  const started = hookStartOrder(entries).filter((h) => expected.includes(h));
  return assertion(
    `hooks started in order: ${expected.join(' → ')}`,
    started.length === expected.length && started.every((h, i) => h === expected[i]),
    expected.join(' → '),
    started.length ? started.join(' → ') : '(none of them started)',
    lineDiff(expected, started),
  );
}

/**
 * Whether the hook's Job was created before or after the pods a pattern names were gone: post-delete
 * hooks start once deletion is requested, not once the objects are gone, unless Helm waits. With
 * several matching pods, "gone" is when the last of them was seen deleted.
 */
export function assertHookCreatedAroundPodGone(
  entries: readonly TimelineEntry[],
  hook: string,
  podPattern: RegExp,
  podLabel: string,
  order: 'before' | 'after',
): AssertionResult {
  const created = entries.find((e) => e.kind === 'Job' && e.hook === hook && e.what === 'created');
  const gone = entries.filter((e) => e.kind === 'Pod' && podPattern.test(e.name) && e.what === 'deleted').at(-1);
  const name = `hook ${hook} was created ${order} ${podLabel} was gone`;
  const expected = order === 'before' ? `Job of ${hook} created, then ${podLabel} gone` : `${podLabel} gone, then Job of ${hook} created`;
  if (!created) return assertion(name, false, expected, `no Job of hook ${hook} was created`);
  if (!gone) return assertion(name, false, expected, `${podLabel} was not seen gone`);
  const aheadMs = Date.parse(gone.at) - Date.parse(created.at);
  return assertion(
    name,
    order === 'before' ? aheadMs > 0 : aheadMs < 0,
    expected,
    aheadMs > 0 ? `Job created ${(aheadMs / 1000).toFixed(1)} s before the pod was gone` : `pod gone ${(-aheadMs / 1000).toFixed(1)} s before the Job was created`,
  );
}

export interface HookDurationExpectation {
  outcome: 'succeeded' | 'failed';
  /** Bounds on the time from the hook's Job being created to it finishing with `outcome`. */
  atLeastSeconds: number;
  atMostSeconds: number;
}

/**
 * How long the hook's Job took, from created to finished, by the observer's clock: e.g. a Job with
 * activeDeadlineSeconds is marked Failed no sooner than its deadline and no later than the deadline
 * plus its pod's grace period. The first Job of the hook in the entries is the one measured.
 */
export function assertHookDuration(entries: readonly TimelineEntry[], hook: string, e: HookDurationExpectation): AssertionResult {
  const name = `hook ${hook} ${e.outcome} between ${e.atLeastSeconds} s and ${e.atMostSeconds} s after its Job was created`;
  const expected = `${e.outcome} after ${e.atLeastSeconds}–${e.atMostSeconds} s`;
  const created = entries.find((x) => x.kind === 'Job' && x.hook === hook && x.what === 'created');
  if (!created) return assertion(name, false, expected, `no Job of hook ${hook} was created`);
  const finished = entries.find((x) => x.kind === 'Job' && x.name === created.name && (x.what === 'succeeded' || x.what === 'failed') && x.at >= created.at);
  if (!finished) return assertion(name, false, expected, `Job ${created.name} was not seen finishing`);
  const seconds = (Date.parse(finished.at) - Date.parse(created.at)) / 1000;
  const actual = `${finished.what} after ${seconds.toFixed(1)} s${finished.reason ? ` (${finished.reason})` : ''}`;
  return assertion(name, finished.what === e.outcome && seconds >= e.atLeastSeconds && seconds <= e.atMostSeconds, expected, actual);
}
