// Which run of a suite starts first. Longest first: a run that starts last and runs long keeps
// every other slot idle while it finishes, and the suite's wall time is the last run's end.
// How long a run takes is read from its previous report in the suite's report directory; a run
// with none is placed by its deadline, the scenario's own bound on it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HelmNaming } from '../helm/releases.js';
import { jsonReportFileName } from '../report/json.js';
import type { Scenario } from './types.js';

export interface SuiteRun {
  scenario: Scenario;
  helm: HelmNaming;
}

/** The last duration a report in reportDir holds for this run, in seconds; undefined when there is none. */
export function lastDurationSeconds(run: SuiteRun, reportDir: string): number | undefined {
  try {
    const report = JSON.parse(readFileSync(path.join(reportDir, jsonReportFileName(run)), 'utf8')) as { durationMs?: unknown };
    return typeof report.durationMs === 'number' ? report.durationMs / 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** The runs' indexes in the order to start them: longest expected first, ties in the given order. */
export function longestFirst(runs: readonly SuiteRun[], expectedSeconds: (run: SuiteRun) => number): number[] {
  const cost = runs.map(expectedSeconds);
  return runs.map((_, i) => i).sort((a, b) => cost[b]! - cost[a]! || a - b);
}
