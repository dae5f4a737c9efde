// The result of one scenario run under one Helm major: produced by the runner, rendered by the reports.
import type { AssertionResult } from '../assert/result.js';
import type { ReleaseHistory } from '../helm/history.js';
import type { ReleaseStatus } from '../helm/status.js';
import type { HelmCommandResult, HelmMajor } from '../helm/types.js';
import type { EventSummary } from '../kube/resources.js';
import type { JobSummary, PodSummary } from '../kube/summaries.js';
import type { ObserverGap } from '../observe/gaps.js';
import type { HookLog } from '../observe/observer.js';
import type { TypedCommandResult } from '../guide/typed-command.js';
import type { TimelineEntry } from '../observe/timeline.js';

/** "not cleaned up": every step passed, but removing the run's namespace failed or left something. */
export type RunOutcome = 'passed' | 'failed' | 'timed out' | 'error' | 'interrupted' | 'not cleaned up';
export type StepOutcome = 'passed' | 'failed' | 'error' | 'skipped';

export interface StepResult {
  title: string;
  outcome: StepOutcome;
  durationMs: number;
  assertions: AssertionResult[];
  /** Indexes into ScenarioRunResult.commands of the Helm commands this step ran. */
  commands: number[];
  /** Indexes into ScenarioRunResult.typedCommands of the guide's commands this step typed. */
  typed?: number[];
  error?: string;
}

export interface PodLog {
  pod: string;
  container: string;
  log: string;
  /** As on HookLog: the whole log's file beside the reports, and what a JSON report left out of it. */
  logFile?: string;
  logCut?: string;
}

export interface Diagnostics {
  /** Logs of non-hook pods that were not ready when the run ended (hook logs are always kept). */
  podLogs: PodLog[];
  warnings: EventSummary[];
  observerErrors: string[];
}

export interface NamespaceFate {
  kept: boolean;
  why: string;
  /** Commands to look around in a kept namespace. */
  inspect?: string[];
  cleanupError?: string;
  /** What was still there when removing the namespace gave up, e.g. "pod/x (Running)". */
  leftBehind?: string[];
  /** Deletion was started and the run did not wait for it; the suite or the next run checks the namespace went. */
  inBackground?: boolean;
}

/** `seedStep` of an observed run (`demo-hooks observe`): the reports tell it apart from a scenario run by this. */
export const OBSERVE_MARK = 'observe';

export interface ScenarioRunResult {
  scenario: { name: string; title: string; seedStep: string; description: string };
  helm: { major: HelmMajor; version: string; binary: string };
  runId: string;
  release: string;
  namespace: string;
  outcome: RunOutcome;
  /** Why the run did not pass, in one sentence. */
  reason?: string;
  startedAt: string;
  durationMs: number;
  deadlineSeconds: number;
  steps: StepResult[];
  commands: HelmCommandResult[];
  /** The guide's own commands, typed into bash as the guide shows them (`attendeeTypes`). */
  typedCommands: TypedCommandResult[];
  /** The values file a scenario run passed with -f: what the guides call "$CLUSTER_VALUES". */
  clusterValues?: string;
  /** `helm history -o json` at the end of the run, exactly as Helm printed it (plus a typed view). */
  history?: ReleaseHistory;
  historyError?: string;
  status?: ReleaseStatus;
  statusError?: string;
  timeline: TimelineEntry[];
  pods: PodSummary[];
  jobs: JobSummary[];
  events: EventSummary[];
  hookLogs: HookLog[];
  /** Every time one of the observer's watches was not receiving; hook assertions over one were refused. */
  observerGaps: ObserverGap[];
  diagnostics?: Diagnostics;
  namespaceFate: NamespaceFate;
  /** How long the run waited for its namespace to be deleted and gone; unset when it did not wait. */
  namespaceDeletionMs?: number;
}

/**
 * A passed run whose namespace could not be removed is not a clean pass. Runs that did not pass
 * keep their outcome: the leftovers are in their namespace fate.
 */
export function outcomeAfterCleanup(outcome: RunOutcome, fate: NamespaceFate): RunOutcome {
  return outcome === 'passed' && fate.cleanupError ? 'not cleaned up' : outcome;
}

/** Records how the run's namespace was settled; a passed run whose namespace stayed becomes "not cleaned up". */
export function settleRun(run: ScenarioRunResult, fate: NamespaceFate): void {
  run.namespaceFate = fate;
  const outcome = outcomeAfterCleanup(run.outcome, fate);
  if (outcome === run.outcome) return;
  run.outcome = outcome;
  run.reason = `every step passed, but namespace ${run.namespace} was not removed: ${fate.cleanupError ?? ''}`;
}

/** The worst outcome of a suite, for its exit code: any other outcome outweighs leftovers. */
export function suiteVerdict(runs: readonly Pick<ScenarioRunResult, 'outcome'>[]): 'passed' | 'failed' | 'not cleaned up' {
  if (runs.some((r) => r.outcome !== 'passed' && r.outcome !== 'not cleaned up')) return 'failed';
  return runs.some((r) => r.outcome === 'not cleaned up') ? 'not cleaned up' : 'passed';
}

export function allAssertions(run: ScenarioRunResult): AssertionResult[] {
  return run.steps.flatMap((s) => s.assertions);
}

export function failedAssertions(run: ScenarioRunResult): AssertionResult[] {
  return allAssertions(run).filter((a) => !a.passed);
}
