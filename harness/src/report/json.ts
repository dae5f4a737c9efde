// The machine-readable record of one run: every Helm command with its output, the history as
// Helm printed it, the timeline, the pods and every assertion.
import { commandLine } from '../assert/command.js';
import { allAssertions, type ScenarioRunResult } from './model.js';

export const JSON_REPORT_VERSION = 1;

export function jsonReportFileName(run: Pick<ScenarioRunResult, 'scenario' | 'helm'>): string {
  return `${run.scenario.name}-helm${run.helm.major}.json`;
}

export function toJsonReport(run: ScenarioRunResult): Record<string, unknown> {
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
  };
}

export function renderJsonReport(run: ScenarioRunResult): string {
  return `${JSON.stringify(toJsonReport(run), null, 2)}\n`;
}
