// From raw watch events to "what happened when": the hook timeline a workshop attendee reads.
// Pure: the observer records events, this turns them into entries, and tests feed it fixtures.
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { summarizeJob, summarizePod } from '../kube/summaries.js';
import type { KubeObject, WatchEventType } from '../kube/watch.js';
import { hookMeta, hookNameOf } from './hook-identity.js';
import { INSTANT_HOOK_KINDS, type ObservedKind, type TimelineEntry, type TimelineWhat } from '../report-contract.js';

/** Hooks that are plain objects: Helm counts them done once created (nothing to wait for). */
export const instantHookKinds = INSTANT_HOOK_KINDS;
export type InstantHookKind = (typeof instantHookKinds)[number];

export type { ObservedKind, TimelineEntry, TimelineWhat };

/** One watch event as the observer received it; `at` is the harness's clock (ms since epoch). */
export interface ObservedEvent {
  at: number;
  kind: ObservedKind;
  type: WatchEventType;
  object: KubeObject;
}


interface ObjectProgress {
  created: boolean;
  started: boolean;
  finished: boolean;
  deleted: boolean;
}

/**
 * `watchingSince` (ms): when the watches started. An object whose creationTimestamp is a whole
 * second or more before it was there already (a watch replays existing objects as ADDED), which
 * matters when observing a namespace that has a history, e.g. `demo-hooks observe`.
 */
export function buildTimeline(events: readonly ObservedEvent[], watchingSince?: number): TimelineEntry[] {
  const ordered = [...events].sort((a, b) => a.at - b.at);
  const hooks = hookNamesByObject(ordered);
  const progress = new Map<string, ObjectProgress>();
  const eventCounts = new Map<string, number>();
  const entries: TimelineEntry[] = [];

  for (const ev of ordered) {
    const at = new Date(ev.at).toISOString();
    if (ev.kind === 'Event') {
      const entry = eventEntry(ev, at, hooks, eventCounts);
      if (entry) entries.push(entry);
      continue;
    }
    const name = ev.object.metadata?.name ?? '';
    const key = `${ev.kind}/${ev.object.metadata?.uid ?? name}`;
    const p = progress.get(key) ?? { created: false, started: false, finished: false, deleted: false };
    progress.set(key, p);
    const base = { at, kind: ev.kind, name, ...(hooks.get(`${ev.kind}/${name}`) ? { hook: hooks.get(`${ev.kind}/${name}`) as string } : {}) };

    if (!p.created) {
      p.created = true;
      const meta = hookMeta(ev.object);
      const createdAt = Date.parse(String((ev.object.metadata as { creationTimestamp?: unknown } | undefined)?.creationTimestamp ?? ''));
      const existedBefore = watchingSince !== undefined && createdAt + 1000 <= watchingSince;
      entries.push({
        ...base,
        what: 'created',
        ...(meta ? { hookEvents: meta.events, weight: meta.weight, deletePolicies: meta.deletePolicies } : {}),
        ...(existedBefore ? { existedBefore: true } : {}),
      });
    }
    const state = ev.kind === 'Pod' ? podState(ev.object as V1Pod) : ev.kind === 'Job' ? jobState(ev.object as V1Job) : instantState();
    if (state.started && !p.started) {
      p.started = true;
      entries.push({ ...base, what: 'started' });
    }
    if (state.outcome && !p.finished) {
      p.finished = true;
      p.started = true;
      entries.push({ ...base, ...state.outcome });
    }
    if (ev.type === 'DELETED' && !p.deleted) {
      p.deleted = true;
      entries.push({ ...base, what: 'deleted' });
    }
  }
  return entries;
}

type Outcome = Pick<TimelineEntry, 'what' | 'exitCode' | 'reason' | 'message'>;

/**
 * A ConfigMap, Secret or ServiceAccount hook has "run" as soon as it exists: Helm waits only for
 * Jobs and Pods (Helm 3 pkg/kube/client.go watchUntilReady; Helm 4 pkg/kube/statuswait.go
 * WatchUntilReady reads every other kind as ready).
 */
function instantState(): { started: boolean; outcome: Outcome } {
  // No "started" entry: there is no run between creation and the end.
  return { started: false, outcome: { what: 'succeeded' } };
}

function podState(pod: V1Pod): { started: boolean; outcome?: Outcome } {
  const s = summarizePod(pod);
  const started = s.phase === 'Running' || s.containers.some((c) => c.state === 'running' || c.state === 'terminated');
  if (s.phase === 'Succeeded') return { started: true, outcome: { what: 'succeeded', exitCode: 0 } };
  if (s.phase === 'Failed') {
    return {
      started,
      outcome: { what: 'failed', ...(s.exitCode === undefined ? {} : { exitCode: s.exitCode }), ...(s.reason ? { reason: s.reason } : {}) },
    };
  }
  return { started };
}

function jobState(job: V1Job): { started: boolean; outcome?: Outcome } {
  const s = summarizeJob(job);
  const started = Boolean(job.status?.startTime) || s.active > 0;
  if (s.state === 'succeeded') return { started: true, outcome: { what: 'succeeded' } };
  if (s.state === 'failed') {
    return { started: true, outcome: { what: 'failed', ...(s.reason ? { reason: s.reason } : {}), ...(s.message ? { message: s.message } : {}) } };
  }
  return { started };
}

/** Objects carry their hook (label or annotation), pods their Job's; Events only name their object, so look it up. */
function hookNamesByObject(events: readonly ObservedEvent[]): Map<string, string> {
  const jobHooks = new Map<string, string>();
  for (const ev of events) {
    if (ev.kind !== 'Job') continue;
    const hook = hookNameOf('Job', ev.object, jobHooks);
    if (hook) jobHooks.set(ev.object.metadata?.name ?? '', hook);
  }
  const hooks = new Map<string, string>();
  for (const ev of events) {
    if (ev.kind === 'Event') continue;
    const hook = hookNameOf(ev.kind, ev.object, jobHooks);
    if (hook) hooks.set(`${ev.kind}/${ev.object.metadata?.name ?? ''}`, hook);
  }
  return hooks;
}

interface KubeEvent {
  metadata?: { uid?: string; name?: string };
  involvedObject?: { kind?: string; name?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  series?: { count?: number };
}

/** An Event is repeated by bumping its count; only a new count is news. */
function eventEntry(ev: ObservedEvent, at: string, hooks: Map<string, string>, counts: Map<string, number>): TimelineEntry | undefined {
  if (ev.type === 'DELETED') return undefined;
  const e = ev.object as KubeEvent;
  const key = e.metadata?.uid ?? e.metadata?.name ?? '';
  const count = e.series?.count ?? e.count ?? 1;
  if ((counts.get(key) ?? 0) >= count) return undefined;
  counts.set(key, count);
  const involvedKind = e.involvedObject?.kind ?? '';
  const name = e.involvedObject?.name ?? '';
  const hook = hooks.get(`${involvedKind}/${name}`);
  return {
    at,
    kind: 'Event',
    name,
    ...(hook ? { hook } : {}),
    what: 'event',
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.message ? { message: e.message } : {}),
    involvedKind,
    warning: e.type === 'Warning',
  };
}

/** The first moment each hook's Job was created within [from, to): the order Helm ran them in. */
export function hookStartOrder(entries: readonly TimelineEntry[], from?: string, to?: string): string[] {
  const order: string[] = [];
  for (const e of entries) {
    if (e.kind !== 'Job' || e.what !== 'created' || !e.hook) continue;
    if (from && e.at < from) continue;
    if (to && e.at >= to) continue;
    if (!order.includes(e.hook)) order.push(e.hook);
  }
  return order;
}
