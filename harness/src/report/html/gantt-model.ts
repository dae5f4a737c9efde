// From the timeline to what the Gantt draws: one row per hook object, one bar per time it was
// created (a delete policy and a re-run make a second bar), each bar with its outcome and end.
// Pure, so the order and the outcomes are tested without a browser.
import type { TimelineEntry } from '../../observe/timeline.js';
import type { ReportCommand } from './report-input.js';
import { changingCommands } from './report-input.js';

export type BarOutcome = 'succeeded' | 'failed' | 'running' | 'created';

export interface GanttBar {
  start: number;
  /** When it succeeded or failed; undefined while it was still running at the end. */
  end?: number;
  deletedAt?: number;
  outcome: BarOutcome;
  exitCode?: number;
  reason?: string;
  /** Known for hooks observed with their annotations; empty means Helm's default policy. */
  deletePolicies?: string[];
  /** The object was there before the run began (a namespace with a history): its start is not its creation. */
  existedBefore?: boolean;
}

export interface GanttRow {
  kind: string;
  name: string;
  hook: string;
  weight?: number;
  /** Index among the changing Helm commands of the one that made the row's first bar. */
  group: number;
  bars: GanttBar[];
}

export interface GanttCommandBand {
  label: string;
  start: number;
  end: number;
  exitCode: number;
  killed?: string;
}

export interface GanttModel {
  t0: number;
  t1: number;
  rows: GanttRow[];
  commands: GanttCommandBand[];
}

const ms = (iso: string) => Date.parse(iso);

/**
 * Hook objects are the objects Helm created as hooks: Jobs, bare Pods, ConfigMaps, Secrets, ….
 * A Job's pods carry the Job's hook and are part of its bar, not rows of their own.
 */
export function hookObjectEntries(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  const jobHooks = new Set(timeline.filter((e) => e.kind === 'Job' && e.hook).map((e) => e.hook));
  return timeline.filter((e) => e.hook && e.kind !== 'Event' && !(e.kind === 'Pod' && jobHooks.has(e.hook)));
}

export function buildGanttModel(timeline: readonly TimelineEntry[], allCommands: readonly ReportCommand[]): GanttModel {
  const commands = changingCommands(allCommands).map((c) => ({
    label: c.args[0] ?? 'helm',
    start: ms(c.startedAt),
    end: ms(c.startedAt) + c.durationMs,
    exitCode: c.exitCode,
    ...(c.killedBecause ? { killed: c.killedBecause } : {}),
  }));
  const entries = hookObjectEntries(timeline);
  const times = [...entries.map((e) => ms(e.at)), ...commands.flatMap((c) => [c.start, c.end])];
  const t0 = times.length ? Math.min(...times) : 0;
  const t1 = times.length ? Math.max(...times) : 1;

  const rows = new Map<string, GanttRow>();
  for (const e of entries) {
    const key = `${e.kind}/${e.name}`;
    let row = rows.get(key);
    const at = ms(e.at);
    if (e.what === 'created') {
      if (!row) {
        row = { kind: e.kind, name: e.name, hook: e.hook as string, group: groupOf(at, commands), bars: [] };
        if (e.weight !== undefined) row.weight = e.weight;
        rows.set(key, row);
      }
      row.bars.push({ start: at, outcome: 'running', ...(e.deletePolicies ? { deletePolicies: e.deletePolicies } : {}), ...(e.existedBefore ? { existedBefore: true } : {}) });
      continue;
    }
    const bar = row?.bars[row.bars.length - 1];
    if (!bar) continue;
    if (e.what === 'succeeded' || e.what === 'failed') {
      if (bar.end !== undefined) continue;
      bar.end = at;
      bar.outcome = e.what === 'succeeded' && e.kind !== 'Job' && e.kind !== 'Pod' ? 'created' : e.what;
      if (e.exitCode !== undefined) bar.exitCode = e.exitCode;
      if (e.reason) bar.reason = e.reason;
    } else if (e.what === 'deleted') {
      bar.deletedAt = at;
    }
  }
  return { t0, t1: Math.max(t1, t0 + 1), rows: orderRows([...rows.values()]), commands };
}

/** The Helm command running at `at`, else the last one that started before it. */
function groupOf(at: number, commands: readonly GanttCommandBand[]): number {
  let group = 0;
  commands.forEach((c, i) => {
    if (c.start <= at) group = i;
  });
  return group;
}

/**
 * Per Helm command, Helm's own order: weight, then name (pkg/action/hooks.go execHook sorts with
 * hookByWeight, which breaks ties by name). Rows whose weight was not recorded keep the order they
 * were created in, which is the order Helm ran them; an object that was there before counts from
 * when it was made again, since Helm deletes the old one (before-hook-creation) only when its turn comes.
 */
export function orderRows(rows: readonly GanttRow[]): GanttRow[] {
  const madeAt = (r: GanttRow) => (r.bars.find((b) => !b.existedBefore) ?? r.bars[0])?.start ?? 0;
  return [...rows].sort((a, b) => {
    if (a.group !== b.group) return a.group - b.group;
    if (a.weight !== undefined && b.weight !== undefined) {
      return a.weight !== b.weight ? a.weight - b.weight : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    }
    return madeAt(a) - madeAt(b);
  });
}
