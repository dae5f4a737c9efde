// Where the time of one scenario run went, read from its JSON report: Helm's commands, each hook
// Job inside them split into its phases, and the harness's own time around them. Prints figures
// for bench/run.sh; asserts nothing.
//
//   node --import tsx bench/timings.ts REPORT.json [--wall SECONDS]
//   node --import tsx bench/timings.ts --release-changes REPORT.json
//
// --wall: the run's wall time as the bench measured it (the whole `demo-hooks run` process).
// --release-changes: prints the args of the run's install/upgrade commands, one line each, with the
// run's release and namespace written as RELEASE, so the bench can prove its bare commands are the same.
import { readFileSync } from 'node:fs';
import type { JsonReport, ReportCommand } from '../harness/src/report/json.js';
import type { TimelineEntry } from '../harness/src/observe/timeline.js';

const usage = 'usage: node --import tsx bench/timings.ts REPORT.json [--wall SECONDS] | --release-changes REPORT.json';

interface Interval {
  start: number;
  end: number;
}

/** One hook Job, timed on the harness's clock: each phase ends where the next begins. */
interface HookTiming {
  hook: string;
  outcome: string;
  total: number;
  scheduling?: number;
  containerStart?: number;
  work?: number;
  jobStatus?: number;
}

const WATCH_SKEW_MS = 1000;
const sec = (ms: number | undefined) => (ms === undefined ? '   —' : (ms / 1000).toFixed(1).padStart(4));
const at = (e: TimelineEntry | undefined) => (e ? Date.parse(e.at) : undefined);
const span = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? undefined : to - from);
const commandInterval = (c: ReportCommand): Interval => ({ start: Date.parse(c.startedAt), end: Date.parse(c.startedAt) + c.durationMs });

function figure(label: string, value: string): void {
  console.log(`${label.padEnd(58)} ${value}`);
}

/** Helm's commands can overlap (the final status and history are read together): time counted once. */
function union(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const i of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/**
 * A Job's pod is named after the Job plus a suffix. The phases: scheduling (Job created → its pod
 * scheduled, or created when no Scheduled event was seen), container start (→ the pod running),
 * work (→ the pod finished), Job status (→ the Job controller marked the Job finished).
 */
function hookTimings(timeline: TimelineEntry[], within: Interval): HookTiming[] {
  const jobsCreated = timeline.filter((e) => e.kind === 'Job' && e.what === 'created' && !e.existedBefore);
  const timings: HookTiming[] = [];
  for (const created of jobsCreated) {
    const t0 = Date.parse(created.at);
    if (t0 < within.start || t0 > within.end) continue;
    // Watches deliver independently: a Job's pod can be seen a few ms before the Job itself.
    const after = timeline.filter((e) => Date.parse(e.at) >= t0 - WATCH_SKEW_MS);
    const jobEnd = after.find((e) => e.kind === 'Job' && e.name === created.name && Date.parse(e.at) >= t0 && (e.what === 'succeeded' || e.what === 'failed'));
    const podCreated = after.find((e) => e.kind === 'Pod' && e.what === 'created' && e.name.startsWith(`${created.name}-`));
    const pod = podCreated?.name;
    const scheduled = pod ? after.find((e) => e.kind === 'Event' && e.name === pod && e.reason === 'Scheduled') : undefined;
    const podStarted = pod ? after.find((e) => e.kind === 'Pod' && e.name === pod && e.what === 'started') : undefined;
    const podEnd = pod ? after.find((e) => e.kind === 'Pod' && e.name === pod && (e.what === 'succeeded' || e.what === 'failed')) : undefined;
    const placed = at(scheduled) ?? at(podCreated);
    timings.push({
      hook: created.hook ?? created.name,
      outcome: jobEnd?.what ?? 'not finished',
      total: (at(jobEnd) ?? within.end) - t0,
      scheduling: span(t0, placed),
      containerStart: span(placed, at(podStarted)),
      work: span(at(podStarted), at(podEnd)),
      jobStatus: span(at(podEnd), at(jobEnd)),
    });
  }
  return timings;
}

function printBreakdown(report: JsonReport, wallSeconds: number | undefined): void {
  const runStart = Date.parse(report.startedAt);
  const runEnd = runStart + report.durationMs;
  const helmTime = union(report.commands.map(commandInterval));
  const helmMs = helmTime.reduce((s, i) => s + i.end - i.start, 0);
  const first = helmTime[0];
  const last = helmTime[helmTime.length - 1];

  if (wallSeconds !== undefined) {
    figure('  node start, loading the scenario, writing reports', `${(wallSeconds - report.durationMs / 1000).toFixed(1)} s`);
  }
  figure('  the run as the harness timed it', `${sec(report.durationMs).trim()} s`);
  figure('  Helm, all commands (overlaps counted once)', `${sec(helmMs).trim()} s`);
  figure('  harness time beyond the Helm commands', `${sec(report.durationMs - helmMs).trim()} s   (goal ≤ 3 s)`);
  if (first && last) {
    figure('    before the first Helm command (namespace, watches)', `${sec(first.start - runStart).trim()} s`);
    const between = helmTime.slice(1).reduce((s, i, n) => s + i.start - (helmTime[n] as Interval).end, 0);
    figure('    between Helm commands (assertions, kubectl reads)', `${sec(between).trim()} s`);
    figure('    after the last (namespace deleted and gone)', `${sec(runEnd - last.end).trim()} s`);
  }

  const totals = { scheduling: 0, containerStart: 0, work: 0, jobStatus: 0 };
  for (const c of report.commands) {
    if (c.args[0] !== 'install' && c.args[0] !== 'upgrade') continue;
    const hooks = hookTimings(report.timeline, commandInterval(c));
    const inHooks = hooks.reduce((s, h) => s + h.total, 0);
    console.log(`  helm ${c.args[0]} (exit ${c.exitCode})`.padEnd(59) + `${sec(c.durationMs).trim()} s`);
    console.log(`    ${'hook'.padEnd(14)} ${'Job'.padStart(5)} = ${['sched', 'start', 'work', 'status'].map((h) => h.padStart(6)).join(' ')}   (s)`);
    for (const h of hooks) {
      const phases = [h.scheduling, h.containerStart, h.work, h.jobStatus].map((p) => sec(p).padStart(6)).join(' ');
      console.log(`    ${h.hook.padEnd(14)} ${sec(h.total).padStart(5)} = ${phases}   ${h.outcome}`);
      totals.scheduling += h.scheduling ?? 0;
      totals.containerStart += h.containerStart ?? 0;
      totals.work += h.work ?? 0;
      totals.jobStatus += h.jobStatus ?? 0;
    }
    figure(`    Helm outside its hook Jobs (render, apply, waits)`, `${sec(c.durationMs - inHooks).trim()} s`);
  }
  figure('  all hooks: sched / start / work / Job status',
    `${[totals.scheduling, totals.containerStart, totals.work, totals.jobStatus].map((t) => sec(t).trim()).join(' / ')} s`);
  if ((report.observerGaps ?? []).length > 0) {
    console.log(`  note: the watches had ${report.observerGaps.length} gap(s); hook phases around them may be missing (—) or long`);
  }
}

function printReleaseChanges(report: JsonReport): void {
  const names = new Set([report.release, report.namespace]);
  for (const c of report.commands) {
    if (c.args[0] !== 'install' && c.args[0] !== 'upgrade') continue;
    console.log(c.args.map((a) => (names.has(a) ? 'RELEASE' : a)).join(' '));
  }
}

function readReport(file: string | undefined): JsonReport {
  if (!file) {
    console.error(`error: missing REPORT.json (a run's JSON report, e.g. reports/bench/pre-fail-helm3.json)\n${usage}`);
    process.exit(2);
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  } catch (err) {
    console.error(`error: REPORT.json ${file} could not be read: ${err instanceof Error ? err.message : String(err)}\n${usage}`);
    process.exit(2);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--release-changes') {
  printReleaseChanges(readReport(args[1]));
} else {
  const wallAt = args.indexOf('--wall');
  const wall = wallAt >= 0 ? Number(args[wallAt + 1]) : undefined;
  if (wall !== undefined && !Number.isFinite(wall)) {
    console.error(`error: --wall needs a number of seconds, got ${args[wallAt + 1] ?? 'nothing'}\n${usage}`);
    process.exit(2);
  }
  const file = args.filter((_, i) => wallAt < 0 || (i !== wallAt && i !== wallAt + 1))[0];
  printBreakdown(readReport(file), wall);
}
