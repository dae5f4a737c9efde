// Hook Jobs as they are in the cluster now: the lab's "kubectl get pods / describe".
import type { HookLog } from '../observe/observer.js';
import type { JobSummary, PodSummary } from '../kube/summaries.js';
import { fieldDiff, type FieldCheck } from './diff.js';
import { assertion, containsText, describeMatcher, oneLine, type AssertionResult, type TextMatcher } from './result.js';

export interface JobExpectation {
  /** Whether any Job of this hook exists now. Defaults to true when other fields are given. */
  present?: boolean;
  /** How many Jobs of this hook exist now. */
  count?: number;
  failed?: boolean;
  succeeded?: boolean;
  running?: boolean;
  /** The Job's Failed reason, e.g. BackoffLimitExceeded or DeadlineExceeded. */
  reason?: TextMatcher;
  /** Of the newest pod of the newest Job. */
  podPhase?: string;
  exitCode?: number;
  /** Somewhere in the hook's latest log (saved by the observer, or read from the pod). */
  logIncludes?: TextMatcher;
}

export interface HookJobFacts {
  hook: string;
  jobs: readonly JobSummary[];
  pods: readonly PodSummary[];
  logs: readonly HookLog[];
}

const newestFirst = <T extends { createdAt?: string }>(items: readonly T[]) => [...items].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));

export function describeJobExpectation(hook: string, e: JobExpectation): string {
  if (e.present === false) return `job ${hook}: gone`;
  const parts = [
    e.count !== undefined ? `${e.count} job(s)` : '',
    e.failed ? 'failed' : e.failed === false ? 'not failed' : '',
    e.succeeded ? 'succeeded' : e.succeeded === false ? 'not succeeded' : '',
    e.running ? 'running' : e.running === false ? 'not running' : '',
    e.reason ? `reason ${describeMatcher(e.reason)}` : '',
    e.podPhase ? `pod ${e.podPhase}` : '',
    e.exitCode !== undefined ? `exit code ${e.exitCode}` : '',
    e.logIncludes ? `log has ${describeMatcher(e.logIncludes)}` : '',
  ].filter(Boolean);
  return `job ${hook}: ${parts.length ? parts.join(', ') : 'present'}`;
}

export function assertJob(facts: HookJobFacts, e: JobExpectation): AssertionResult {
  const name = describeJobExpectation(facts.hook, e);
  const job = newestFirst(facts.jobs)[0];
  const pod = job ? newestFirst(facts.pods.filter((p) => p.jobName === job.name))[0] : undefined;
  const log = newestFirst(facts.logs.map((l) => ({ ...l, createdAt: l.terminatedAt })))[0];
  const wantPresent = e.present ?? true;
  const checks: FieldCheck[] = [{ field: 'present', expected: String(wantPresent), actual: String(facts.jobs.length > 0), ok: wantPresent === facts.jobs.length > 0 }];
  if (e.count !== undefined) checks.push({ field: 'count', expected: String(e.count), actual: String(facts.jobs.length), ok: facts.jobs.length === e.count });
  const state = job?.state ?? 'absent';
  for (const flag of ['failed', 'succeeded', 'running'] as const) {
    const want = e[flag];
    if (want !== undefined) checks.push({ field: 'state', expected: want ? flag : `not ${flag}`, actual: state, ok: (state === flag) === want });
  }
  if (e.reason !== undefined) {
    checks.push({ field: 'reason', expected: describeMatcher(e.reason), actual: job?.reason ?? '(none)', ok: containsText(e.reason, job?.reason ?? '') });
  }
  if (e.podPhase !== undefined) checks.push({ field: 'pod phase', expected: e.podPhase, actual: pod?.phase ?? '(no pod)', ok: pod?.phase === e.podPhase });
  if (e.exitCode !== undefined) {
    const actual = pod?.exitCode ?? log?.exitCode;
    checks.push({ field: 'exit code', expected: String(e.exitCode), actual: actual === undefined ? '(none)' : String(actual), ok: actual === e.exitCode });
  }
  if (e.logIncludes !== undefined) {
    const text = log?.log ?? '';
    checks.push({ field: 'log', expected: `includes ${describeMatcher(e.logIncludes)}`, actual: log ? JSON.stringify(oneLine(text || log.error || '(empty)', 300)) : '(no log saved)', ok: containsText(e.logIncludes, text) });
  }
  const actual = job
    ? `${facts.jobs.length} job(s); newest ${job.name}: ${job.state}${job.reason ? ` (${job.reason})` : ''}${pod ? `, pod ${pod.phase}${pod.exitCode !== undefined ? ` exit ${pod.exitCode}` : ''}` : ''}`
    : 'no job';
  return assertion(name, checks.every((c) => c.ok), checks.map((c) => `${c.field}: ${c.expected}`).join(', '), actual, fieldDiff(checks));
}
