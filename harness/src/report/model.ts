// The result of one scenario run under one Helm major: produced by the runner, rendered by the reports.
import type { AssertionResult, Diagnostics, HelmCommandResult, JsonReport, NamespaceFate, ReleaseHistory, ReleaseStatus, RunOutcome, TypedCommandResult } from '../report-contract.js';

export type { Diagnostics, NamespaceFate, PodLog, RunOutcome, StepOutcome, StepResult } from '../report-contract.js';

/** `seedStep` of an observed run (`demo-hooks observe`): the reports tell it apart from a scenario run by this. */
export const OBSERVE_MARK = 'observe';

/**
 * What the runner hands the reports: the JSON report (report-contract.ts) before toJsonReport
 * numbers the commands, counts the assertions and reads the timings, with the typed history and
 * status kept whole.
 */
export interface ScenarioRunResult extends Omit<JsonReport, 'reportVersion' | 'summary' | 'commands' | 'typedCommands' | 'history' | 'status' | 'assertions' | 'timings'> {
  commands: HelmCommandResult[];
  /** The guide's own commands, typed into bash as the guide shows them (`attendeeTypes`). */
  typedCommands: TypedCommandResult[];
  /** `helm history -o json` at the end of the run, exactly as Helm printed it (plus a typed view). */
  history?: ReleaseHistory;
  status?: ReleaseStatus;
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

/**
 * The worst outcome of a suite, for its exit code. A lost cluster outweighs everything (what the
 * other runs saw is not Helm's doing alone), and any other outcome outweighs leftovers.
 */
export function suiteVerdict(runs: readonly Pick<ScenarioRunResult, 'outcome'>[]): 'passed' | 'failed' | 'not cleaned up' | 'environment' {
  if (runs.some((r) => r.outcome === 'environment')) return 'environment';
  if (runs.some((r) => r.outcome !== 'passed' && r.outcome !== 'not cleaned up')) return 'failed';
  return runs.some((r) => r.outcome === 'not cleaned up') ? 'not cleaned up' : 'passed';
}

export function allAssertions(run: ScenarioRunResult): AssertionResult[] {
  return run.steps.flatMap((s) => s.assertions);
}

export function failedAssertions(run: ScenarioRunResult): AssertionResult[] {
  return allAssertions(run).filter((a) => !a.passed);
}
