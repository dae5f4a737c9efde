// The parts of a JSON report (report/json.ts) the HTML report draws. Loose on purpose: the labs'
// committed fixture reports are real runs trimmed to the fields the guides use.
import type { TimelineEntry } from '../../observe/timeline.js';

export interface ReportCommand {
  args: string[];
  exitCode: number;
  startedAt: string;
  durationMs: number;
  stdout?: string;
  stderr?: string;
  killedBecause?: string;
}

export interface ReportAssertion {
  name: string;
  passed: boolean;
  expected: string;
  actual: string;
}

export interface ReportPod {
  name: string;
  hook?: string;
  phase: string;
  ready: boolean;
  exitCode?: number;
  reason?: string;
}

export interface ReportHookLog {
  hook: string;
  pod: string;
  container: string;
  exitCode?: number;
  log: string;
  error?: string;
  /** Present when log holds only the log's end (report/json.ts boundedLog). */
  logCut?: string;
}

export interface HtmlReportInput {
  scenario: { name: string; title?: string; seedStep?: string };
  helm: { major: number; version?: string };
  release: string;
  namespace: string;
  outcome?: string;
  reason?: string;
  commands: ReportCommand[];
  /** `helm history -o json` as Helm printed it (rows with revision, status, chart, app_version, description). */
  history: { json: unknown } | null;
  timeline: TimelineEntry[];
  pods: ReportPod[];
  hookLogs: ReportHookLog[];
  assertions?: ReportAssertion[];
}

export interface HistoryRow {
  revision: number;
  updated?: string;
  status: string;
  chart: string;
  app_version: string;
  description: string;
}

export function historyRows(json: unknown): HistoryRow[] {
  return Array.isArray(json) ? (json as HistoryRow[]) : [];
}

/** Reads are not part of the story: history, status and version are how the harness looks. */
export function changingCommands(commands: readonly ReportCommand[]): ReportCommand[] {
  return commands.filter((c) => !['history', 'status', 'version', 'get'].includes(c.args[0] ?? ''));
}
