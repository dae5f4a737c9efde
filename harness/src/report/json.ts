// The machine-readable record of one run: every Helm command with its output, the history as
// Helm printed it, the timeline, the pods and every assertion. Its contract is JsonReport in
// report-contract.ts, from which harness/report.schema.json is generated (hack/report-schema.ts);
// bump JSON_REPORT_VERSION there when it changes.
import { commandLine } from '../assert/command.js';
import { JSON_REPORT_VERSION, type JsonReport } from '../report-contract.js';
import { runTimings } from './timings.js';
import { allAssertions, type ScenarioRunResult } from './model.js';

export { JSON_REPORT_VERSION };
export type { JsonReport, LabReport, ReportCommand, ReportTypedCommand } from '../report-contract.js';

export function jsonReportFileName(run: { scenario: { name: string }; helm: { major: number } }): string {
  return `${run.scenario.name}-helm${run.helm.major}.json`;
}

export function toJsonReport(run: ScenarioRunResult): JsonReport {
  const assertions = allAssertions(run);
  return {
    reportVersion: JSON_REPORT_VERSION,
    scenario: run.scenario,
    helm: run.helm,
    runId: run.runId,
    release: run.release,
    namespace: run.namespace,
    outcome: run.outcome,
    ...(run.reason ? { reason: run.reason } : {}),
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    deadlineSeconds: run.deadlineSeconds,
    summary: { assertions: assertions.length, failed: assertions.filter((a) => !a.passed).length },
    steps: run.steps,
    commands: run.commands.map((c, index) => ({ index, command: commandLine(c), ...c })),
    typedCommands: run.typedCommands.map((c, index) => ({ index, ...c })),
    ...(run.clusterValues ? { clusterValues: run.clusterValues } : {}),
    history: run.history ? { stdout: run.history.stdout, json: run.history.json, entries: run.history.entries } : null,
    ...(run.historyError ? { historyError: run.historyError } : {}),
    status: run.status ?? null,
    ...(run.statusError ? { statusError: run.statusError } : {}),
    timeline: run.timeline,
    pods: run.pods,
    jobs: run.jobs,
    events: run.events,
    hookLogs: run.hookLogs,
    observerGaps: run.observerGaps,
    assertions,
    ...(run.diagnostics ? { diagnostics: run.diagnostics } : {}),
    namespaceFate: run.namespaceFate,
    timings: runTimings(run),
  };
}

export function renderJsonReport(run: ScenarioRunResult): string {
  return `${JSON.stringify(toJsonReport(run), null, 2)}\n`;
}
