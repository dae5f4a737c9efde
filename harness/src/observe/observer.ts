// Watches a run's namespace for its whole life: Jobs, Pods and Events go into a raw record the
// timeline is built from, and every hook container's log is saved the moment it terminates,
// because a delete policy may remove the pod seconds later.
import type { V1Pod } from '@kubernetes/client-node';
import type { Kube } from '../kube/client.js';
import { followPodLog, readPodLog, type FollowedLog } from '../kube/logs.js';
import { watchCollection, watchPaths, type CatchUp, type CollectionWatch, type KubeObject } from '../kube/watch.js';
import type { ObserverGap } from './gaps.js';
import { hookMeta, hookNameOf } from './hook-identity.js';
import { buildTimeline, instantHookKinds, type InstantHookKind, type ObservedEvent, type ObservedKind, type TimelineEntry } from './timeline.js';
import type { HookLog } from '../report-contract.js';

export type { HookLog };
import { errorMessage } from '../util/errors.js';

/** Collections of the hooks that "run" instantly; only objects carrying `helm.sh/hook` are kept. */
const instantHookPaths: Record<InstantHookKind, (ns: string) => string> = {
  ConfigMap: watchPaths.configMaps,
  Secret: watchPaths.secrets,
  ServiceAccount: watchPaths.serviceAccounts,
  Role: watchPaths.roles,
  RoleBinding: watchPaths.roleBindings,
};

export interface ObserverOptions {
  syncTimeoutMs?: number;
  /** Also watch ConfigMap, Secret, ServiceAccount, Role and RoleBinding hooks (for any chart's hooks). */
  instantHooks?: boolean;
}

/** How long a followed log may take to end after its pod has gone: the data is in by then. */
const FOLLOW_END_MS = 2_000;

/** The watches hook facts are read from; the Event watch only adds warnings to the timeline. */
const HOOK_WATCHES: readonly ObservedKind[] = ['Job', 'Pod'];

export class NamespaceObserver {
  private readonly events: ObservedEvent[] = [];
  private readonly logs: HookLog[] = [];
  private readonly captured = new Set<string>();
  /** Logs of hook containers seen running, followed until they are saved. */
  private readonly follows = new Map<string, FollowedLog>();
  private readonly pending = new Set<Promise<void>>();
  private watches = new Map<ObservedKind, CollectionWatch>();
  private readonly listeners = new Set<() => void>();
  /** Hook names of the Jobs seen so far, so that a Job's pods are known as that hook's. */
  private readonly jobHooks = new Map<string, string>();
  private watchingSince: number | undefined;
  private built: { count: number; timeline: TimelineEntry[] } | undefined;

  constructor(
    private readonly kube: Kube,
    readonly namespace: string,
    private readonly syncTimeoutMs?: number,
    private readonly options: Omit<ObserverOptions, 'syncTimeoutMs'> = {},
  ) {}

  /**
   * Resolves once every watch has listed the namespace and is watching it (Job, Pod and Event; with
   * instantHooks also the five kinds of instant hook, eight in all), so nothing Helm does afterwards
   * is missed; rejects (and stops watching) when that fails in time.
   */
  async start(): Promise<void> {
    this.watchingSince = Date.now();
    const watch = (kind: ObservedKind, path: string) =>
      watchCollection(this.kube, { path }, (type, object) => this.record({ at: Date.now(), kind, type, object }), {
        ...(this.syncTimeoutMs ? { syncTimeoutMs: this.syncTimeoutMs } : {}),
      });
    this.watches = new Map([
      ['Job', watch('Job', watchPaths.jobs(this.namespace))],
      ['Pod', watch('Pod', watchPaths.pods(this.namespace))],
      ['Event', watch('Event', watchPaths.events(this.namespace))],
      ...(this.options.instantHooks ? instantHookKinds.map((kind) => [kind, watch(kind, instantHookPaths[kind](this.namespace))] as const) : []),
    ]);
    try {
      await Promise.all([...this.watches.values()].map((w) => w.synced));
    } catch (err) {
      await this.stop();
      throw new Error(`the observer could not start: ${errorMessage(err)}`);
    }
  }

  /** Stops watching and waits for log reads already under way. */
  async stop(): Promise<void> {
    this.watches.forEach((w) => w.stop());
    await Promise.all([...this.pending]);
    this.follows.forEach((f) => f.stop());
    this.follows.clear();
  }

  /**
   * Resolves ok once the Job and Pod watches have delivered every change up to now (a fresh list
   * of each is the yardstick). Hook assertions call it after Helm has returned, before judging.
   */
  async catchUp(timeoutMs: number, signal?: AbortSignal): Promise<CatchUp> {
    const results = await Promise.all(
      HOOK_WATCHES.map(async (kind) => ({ kind, result: await (this.watches.get(kind)?.catchUp(timeoutMs, signal) ?? { ok: false as const, reason: 'not started' }) })),
    );
    const behind = results.filter((r): r is { kind: ObservedKind; result: { ok: false; reason: string } } => !r.result.ok);
    if (behind.length === 0) return { ok: true };
    return { ok: false, reason: `the observer did not catch up within ${Math.round(timeoutMs / 1000)}s: ${behind.map((b) => `${b.kind} watch: ${b.result.reason}`).join('; ')}` };
  }

  /** Every time a watch was not receiving, from its first sync on. */
  gaps(): ObserverGap[] {
    return [...this.watches].flatMap(([watch, w]) => w.gaps().map((g) => ({ watch, ...g })));
  }

  /** Gaps of the watches hook facts come from (Job and Pod). */
  hookGaps(): ObserverGap[] {
    return this.gaps().filter((g) => HOOK_WATCHES.includes(g.watch));
  }

  /** Waits for log reads under way now (e.g. before an assertion looks at a hook's log). */
  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /**
   * Resolves true once the timeline satisfies `holds`, re-checking on every new watch event;
   * false if timeoutMs passes first. Helm and the observer watch the same API server, so Helm
   * can return a moment before the observer has seen the last change.
   */
  waitUntil(holds: (timeline: TimelineEntry[]) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (holds(this.timeline())) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.listeners.delete(onChange);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onChange = () => {
        if (holds(this.timeline())) done(true);
      };
      const onAbort = () => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.listeners.add(onChange);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  rawEvents(): readonly ObservedEvent[] {
    return this.events;
  }

  /**
   * Hands the timeline on after every change, until the returned function is called: the live
   * display's subscription.
   */
  /** Calls notify after every change it records, until unsubscribed (a ChangeSource for kube/wait.ts waitFor). */
  subscribe(notify: () => void): () => void {
    this.listeners.add(notify);
    return () => this.listeners.delete(notify);
  }

  onChange(listener: (timeline: TimelineEntry[]) => void): () => void {
    return this.subscribe(() => listener(this.timeline()));
  }

  timeline(): TimelineEntry[] {
    // Events are only ever appended, so their count says whether the last build is still good:
    // every listener of one change reads the same build.
    if (this.built?.count !== this.events.length) this.built = { count: this.events.length, timeline: buildTimeline(this.events, this.watchingSince) };
    return [...this.built.timeline];
  }

  /** This namespace's pods on a node that have not ended, as last seen. */
  podsOn(node: string): string[] {
    const latest = new Map<string, { type: string; pod: V1Pod }>();
    for (const ev of this.events) if (ev.kind === 'Pod') latest.set(ev.object.metadata?.uid ?? ev.object.metadata?.name ?? '', { type: ev.type, pod: ev.object as V1Pod });
    return [...latest.values()]
      .filter(({ type, pod }) => type !== 'DELETED' && pod.spec?.nodeName === node && !['Succeeded', 'Failed'].includes(pod.status?.phase ?? ''))
      .map(({ pod }) => pod.metadata?.name ?? '');
  }

  hookLogs(): readonly HookLog[] {
    return this.logs;
  }

  /** The gaps in words, for diagnostics. */
  errors(): string[] {
    return this.gaps().map((g) => `${g.watch} watch blind from ${g.from} to ${g.to ?? 'the end'}: ${g.reason}${g.closedBy ? ` (${g.closedBy})` : ''}`);
  }

  private record(ev: ObservedEvent): void {
    if ((instantHookKinds as readonly string[]).includes(ev.kind)) {
      if (!hookMeta(ev.object)) return;
      // Metadata only: a Secret hook's data must never reach a report.
      ev = { ...ev, object: { kind: ev.kind, metadata: ev.object.metadata } };
    }
    this.events.push(ev);
    if (ev.kind === 'Job') {
      const hook = hookNameOf('Job', ev.object, this.jobHooks);
      if (hook) this.jobHooks.set(ev.object.metadata?.name ?? '', hook);
    }
    if (ev.kind === 'Pod') this.captureTerminatedHookContainers(ev.object);
    this.listeners.forEach((notify) => notify());
  }

  private captureTerminatedHookContainers(object: KubeObject): void {
    const pod = object as V1Pod;
    const hook = hookNameOf('Pod', object, this.jobHooks);
    const podName = pod.metadata?.name;
    if (!hook || !podName) return;
    for (const status of pod.status?.containerStatuses ?? []) {
      const key = `${pod.metadata?.uid ?? podName}/${status.name}`;
      if (status.state?.running && !this.follows.has(key) && !this.captured.has(key)) {
        this.follows.set(key, followPodLog(this.kube, this.namespace, podName, status.name));
      }
      const terminated = status.state?.terminated;
      if (!terminated || this.captured.has(key)) continue;
      this.captured.add(key);
      const entry: HookLog = {
        hook,
        pod: podName,
        container: status.name,
        ...(terminated.exitCode === undefined ? {} : { exitCode: terminated.exitCode }),
        terminatedAt: new Date().toISOString(),
        log: '',
      };
      this.logs.push(entry);
      const followed = this.follows.get(key);
      const read = this.saveLog(entry, podName, status.name, followed).finally(() => {
        followed?.stop();
        this.follows.delete(key);
        this.pending.delete(read);
      });
      this.pending.add(read);
    }
  }

  /** The API server's copy while it still has the pod, else what was followed while it ran. */
  private async saveLog(entry: HookLog, pod: string, container: string, followed: FollowedLog | undefined): Promise<void> {
    try {
      entry.log = await readPodLog(this.kube, this.namespace, pod, container);
    } catch (err) {
      const ended = followed ? await followed.ended(FOLLOW_END_MS) : false;
      Object.assign(entry, logToKeep(errorMessage(err), followed && { ended, error: followed.error(), text: followed.text() }));
    }
  }
}

/**
 * What a report keeps of a hook's log when the read at its end failed: a followed stream that
 * ended cleanly is the whole log; one that broke or had not ended is kept with a warning.
 */
export function logToKeep(readError: string, followed?: { ended: boolean; error?: string | undefined; text: string }): { log: string; error?: string } {
  if (followed?.ended && followed.error === undefined) return { log: followed.text };
  const reason = `log not readable (${readError}); the pod was probably deleted by its delete policy first`;
  if (followed && followed.text !== '') return { log: followed.text, error: `${reason}; kept what was followed while it ran, which may miss its last lines` };
  return { log: '', error: reason };
}
