// The machine-readable record of one run: every Helm command with its output, the history as
// Helm printed it, the timeline, the pods and every assertion. Its contract is the JsonReport
// type here and harness/report.schema.json beside it; bump JSON_REPORT_VERSION when it changes.
import { commandLine } from '../assert/command.js';
import type { AssertionResult } from '../assert/result.js';
import type { HistoryEntry } from '../helm/history.js';
import type { ReleaseStatus } from '../helm/status.js';
import type { TypedCommandResult } from '../guide/typed-command.js';
import type { HelmCommandResult } from '../helm/types.js';
import type { EventSummary } from '../kube/resources.js';
import type { JobSummary, PodSummary } from '../kube/summaries.js';
import type { ObserverGap } from '../observe/gaps.js';
import type { HookLog } from '../observe/observer.js';
import type { TimelineEntry } from '../observe/timeline.js';
import { LINE_LIMIT } from './cluster-text.js';
import { runTimings, type RunTimings } from './timings.js';
import { allAssertions, type Diagnostics, type NamespaceFate, type RunOutcome, type ScenarioRunResult, type StepResult } from './model.js';

/**
 * 1: the first published shape.
 * 2: adds observerGaps, the outcome "not cleaned up" and namespaceFate.leftBehind.
 * 3: adds timings (report/timings.ts).
 * 4: adds typedCommands (the guide's own commands, as typed into bash), steps[].typed and clusterValues.
 * 5: adds logFile and logCut to hookLogs[] and diagnostics.podLogs[]: a log longer than JSON_LOG_BYTES
 *    is kept to its end, the whole of it in its file beside the report.
 */
export const JSON_REPORT_VERSION = 5;

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
  const left = start.toLocaleString('en-US');
  return { ...entry, log: bytes.subarray(start).toString(), logCut: `the first ${left} bytes left out${entry.logFile ? `; full log: ${entry.logFile}` : ''}` };
}

/** One Helm command as the report holds it: its place in the run and the command line as typed. */
export type ReportCommand = HelmCommandResult & { index: number; command: string };

/** One of the guide's own commands as the report holds it: its place among them, then how it ran. */
export type ReportTypedCommand = TypedCommandResult & { index: number };

export interface JsonReport {
  reportVersion: number;
  scenario: ScenarioRunResult['scenario'];
  helm: ScenarioRunResult['helm'];
  runId: string;
  release: string;
  namespace: string;
  outcome: RunOutcome;
  reason?: string;
  startedAt: string;
  durationMs: number;
  deadlineSeconds: number;
  summary: { assertions: number; failed: number };
  steps: StepResult[];
  commands: ReportCommand[];
  /** The guide's own commands, typed into bash with the guide's set-up, in the order they ran. */
  typedCommands: ReportTypedCommand[];
  /** The values file passed with -f, which the guides' commands call "$CLUSTER_VALUES"; absent for observed runs. */
  clusterValues?: string;
  /** `helm history -o json` at the end of the run, as printed and as read; null when there was no release left. */
  history: { stdout: string; json: unknown; entries: HistoryEntry[] } | null;
  historyError?: string;
  status: ReleaseStatus | null;
  statusError?: string;
  timeline: TimelineEntry[];
  pods: PodSummary[];
  jobs: JobSummary[];
  /** Kubernetes Events in the namespace at the end of the run. */
  events: EventSummary[];
  hookLogs: HookLog[];
  observerGaps: ObserverGap[];
  assertions: AssertionResult[];
  diagnostics?: Diagnostics;
  namespaceFate: NamespaceFate;
  /** Where the run's time went: Helm per command, each hook Job's phases, the harness around Helm. */
  timings: RunTimings;
}

/**
 * The part of a report the labs render their blocks from. Every JsonReport is one; the labs'
 * committed fixtures are reports cut down to it (labs/blocks.ts slimReport).
 */
export interface LabReport {
  scenario: Pick<JsonReport['scenario'], 'name'>;
  helm: Pick<JsonReport['helm'], 'major'> & Partial<Pick<JsonReport['helm'], 'version'>>;
  release: string;
  namespace: string;
  commands: (Pick<ReportCommand, 'args' | 'exitCode' | 'stdout' | 'stderr' | 'startedAt' | 'durationMs'> & Partial<Pick<ReportCommand, 'killedBecause'>>)[];
  typedCommands: ReportTypedCommand[];
  clusterValues: string;
  history: { json: unknown } | null;
  historyError?: string;
  timeline: TimelineEntry[];
  pods: PodSummary[];
  jobs: JobSummary[];
  hookLogs: HookLog[];
  events: EventSummary[];
  assertions: Pick<AssertionResult, 'name' | 'passed' | 'expected' | 'actual'>[];
}

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
    hookLogs: run.hookLogs.map((l) => boundedLog(l)),
    observerGaps: run.observerGaps,
    assertions,
    ...(run.diagnostics ? { diagnostics: { ...run.diagnostics, podLogs: run.diagnostics.podLogs.map((l) => boundedLog(l)) } } : {}),
    namespaceFate: run.namespaceFate,
    timings: runTimings(run),
  };
}

export function renderJsonReport(run: ScenarioRunResult): string {
  return `${JSON.stringify(toJsonReport(run), null, 2)}\n`;
}
