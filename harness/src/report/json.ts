// The machine-readable record of one run: every Helm command with its output, the history as
// Helm printed it, the timeline, the pods and every assertion. Its contract is JsonReport in
// report-contract.ts, from which harness/report.schema.json is generated (hack/report-schema.ts);
// bump JSON_REPORT_VERSION there when it changes.
import { commandLine } from '../assert/command.js';
import { helmTag, type HelmNaming } from '../helm/releases.js';
import { JSON_REPORT_VERSION, type JsonReport } from '../report-contract.js';
import { count, LINE_LIMIT } from './cluster-text.js';
import { runTimings } from './timings.js';
import { allAssertions, type ScenarioRunResult } from './model.js';

export { JSON_REPORT_VERSION };
export type { JsonReport, LabReport, ReportCommand, ReportTypedCommand } from '../report-contract.js';

/** A log's share of a JSON report: the whole log is a file beside it (report/files.ts), so a report stays bounded. */
export const JSON_LOG_BYTES = 256 * 1024;

/**
 * The log, or its end within JSON_LOG_BYTES with a note of what was left out: from a line's start
 * where one is near, else from a character's start (a log that ends in one huge line keeps its end).
 */
export function boundedLog<T extends { log: string; logFile?: string; logCut?: string }>(entry: T, limit = JSON_LOG_BYTES): T {
  if (entry.log.length <= limit / 4 || Buffer.byteLength(entry.log) <= limit) return entry;
  const bytes = Buffer.from(entry.log);
  let start = bytes.length - limit;
  const newline = bytes.indexOf(0x0a, start);
  if (newline !== -1 && newline - start < LINE_LIMIT && newline < bytes.length - 1) start = newline + 1;
  else while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start += 1;
  const left = count(start);
  return { ...entry, log: bytes.subarray(start).toString(), logCut: `the first ${left} bytes left out${entry.logFile ? `; full log: ${entry.logFile}` : ''}` };
}

/** pre-fail-helm3.json; pre-fail-helm-v3.18.6.json where the suite ran two releases of Helm 3. */
export function jsonReportFileName(run: { scenario: { name: string }; helm: HelmNaming }): string {
  return `${run.scenario.name}-${helmTag(run.helm)}.json`;
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
    hookLogs: run.hookLogs.map((l) => boundedLog(l)),
    observerGaps: run.observerGaps,
    apiOutages: run.apiOutages,
    assertions,
    ...(run.diagnostics ? { diagnostics: { ...run.diagnostics, podLogs: run.diagnostics.podLogs.map((l) => boundedLog(l)) } } : {}),
    namespaceFate: run.namespaceFate,
    timings: runTimings(run),
  };
}

export function renderJsonReport(run: ScenarioRunResult): string {
  return `${JSON.stringify(toJsonReport(run), null, 2)}\n`;
}
