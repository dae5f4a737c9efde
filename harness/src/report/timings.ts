// Where the time of one run went: each Helm command, each hook Job inside it split into its
// phases, and the harness's own time around Helm. Pure: read from what the report already holds
// (the commands and the observed timeline), so any run, and any recorded report, can be read this way.
import type { HelmCommandResult } from '../helm/types.js';
import type { TimelineEntry } from '../observe/timeline.js';
import type { CommandTiming, HookJobTiming, RunTimings } from '../report-contract.js';

export type { CommandTiming, HookJobTiming, RunTimings };

export interface TimingsInput {
  startedAt: string;
  durationMs: number;
  commands: readonly Pick<HelmCommandResult, 'args' | 'exitCode' | 'startedAt' | 'durationMs'>[];
  timeline: readonly TimelineEntry[];
  namespaceDeletionMs?: number;
}

interface Interval {
  start: number;
  end: number;
}

// Watches deliver independently: a Job's pod can be seen a few ms before the Job itself.
const WATCH_SKEW_MS = 1000;

const at = (e: TimelineEntry | undefined) => (e ? Date.parse(e.at) : undefined);
const span = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? undefined : to - from);
const commandInterval = (c: TimingsInput['commands'][number]): Interval => ({ start: Date.parse(c.startedAt), end: Date.parse(c.startedAt) + c.durationMs });

function union(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const i of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** The hook Jobs created while a command ran, each with its phases (a Job's pod is named after it plus a suffix). */
export function hookJobTimings(timeline: readonly TimelineEntry[], within: Interval): HookJobTiming[] {
  const timings: HookJobTiming[] = [];
  for (const created of timeline.filter((e) => e.kind === 'Job' && e.what === 'created' && !e.existedBefore)) {
    const t0 = Date.parse(created.at);
    if (t0 < within.start || t0 > within.end) continue;
    const after = timeline.filter((e) => Date.parse(e.at) >= t0 - WATCH_SKEW_MS);
    const jobEnd = after.find((e) => e.kind === 'Job' && e.name === created.name && Date.parse(e.at) >= t0 && (e.what === 'succeeded' || e.what === 'failed'));
    const podCreated = after.find((e) => e.kind === 'Pod' && e.what === 'created' && e.name.startsWith(`${created.name}-`));
    const pod = podCreated?.name;
    const scheduled = pod ? after.find((e) => e.kind === 'Event' && e.name === pod && e.reason === 'Scheduled') : undefined;
    const podStarted = pod ? after.find((e) => e.kind === 'Pod' && e.name === pod && e.what === 'started') : undefined;
    const podEnd = pod ? after.find((e) => e.kind === 'Pod' && e.name === pod && (e.what === 'succeeded' || e.what === 'failed')) : undefined;
    const placed = at(scheduled) ?? at(podCreated);
    const phases = {
      schedulingMs: span(t0, placed),
      containerStartMs: span(placed, at(podStarted)),
      workMs: span(at(podStarted), at(podEnd)),
      jobStatusMs: span(at(podEnd), at(jobEnd)),
    };
    timings.push({
      hook: created.hook ?? created.name,
      job: created.name,
      outcome: jobEnd?.what ?? 'not finished',
      totalMs: (at(jobEnd) ?? within.end) - t0,
      ...Object.fromEntries(Object.entries(phases).filter(([, v]) => v !== undefined)),
    });
  }
  return timings;
}

export function runTimings(run: TimingsInput): RunTimings {
  const runStart = Date.parse(run.startedAt);
  const runEnd = runStart + run.durationMs;
  const helmTime = union(run.commands.map(commandInterval));
  const helmMs = helmTime.reduce((s, i) => s + i.end - i.start, 0);
  const first = helmTime[0];
  const last = helmTime[helmTime.length - 1];
  const commands = run.commands.map((c, index): CommandTiming => {
    const hooks = hookJobTimings(run.timeline, commandInterval(c));
    return {
      index,
      verb: c.args[0] ?? '',
      exitCode: c.exitCode,
      durationMs: c.durationMs,
      hooks,
      outsideHooksMs: Math.max(0, c.durationMs - hooks.reduce((s, h) => s + h.totalMs, 0)),
    };
  });
  return {
    runMs: run.durationMs,
    helmMs,
    harnessMs: run.durationMs - helmMs,
    harness: {
      beforeFirstHelmMs: first ? first.start - runStart : run.durationMs,
      betweenHelmMs: helmTime.slice(1).reduce((s, i, n) => s + i.start - (helmTime[n] as Interval).end, 0),
      afterLastHelmMs: last ? runEnd - last.end : 0,
      namespaceDeletionMs: run.namespaceDeletionMs ?? null,
    },
    commands,
  };
}
