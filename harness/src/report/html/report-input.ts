// The parts of a JSON report the HTML report draws: HtmlReportInput of the contract
// (report-contract.ts), loose on purpose: the labs' committed fixture reports are real runs
// trimmed to the fields the guides use, and reports of observed runs and earlier versions draw too.
import type { HtmlReportInput } from '../../report-contract.js';

export type { HtmlReportInput };
export type ReportCommand = HtmlReportInput['commands'][number];

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
