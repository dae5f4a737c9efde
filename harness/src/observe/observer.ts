// Watches a run's namespace for its whole life: Jobs, Pods and Events go into a raw record the
// timeline is built from, and every hook container's log is saved the moment it terminates,
// because a delete policy may remove the pod seconds later.
import type { V1Pod } from '@kubernetes/client-node';
import type { Kube } from '../kube/client.js';
import { readPodLog } from '../kube/logs.js';
import { watchPaths, watchWithReconnect, type KubeObject, type WatchHandle } from '../kube/watch.js';
import { hookMeta, hookNameOf } from './hook-identity.js';
import { buildTimeline, instantHookKinds, type InstantHookKind, type ObservedEvent, type ObservedKind, type TimelineEntry } from './timeline.js';

/** Collections of the hooks that "run" instantly; only objects carrying `helm.sh/hook` are kept. */
const instantHookPaths: Record<InstantHookKind, (ns: string) => string> = {
  ConfigMap: (ns) => `/api/v1/namespaces/${ns}/configmaps`,
  Secret: (ns) => `/api/v1/namespaces/${ns}/secrets`,
  ServiceAccount: (ns) => `/api/v1/namespaces/${ns}/serviceaccounts`,
  Role: (ns) => `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`,
  RoleBinding: (ns) => `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`,
};

export interface ObserverOptions {
  /** Also watch ConfigMap, Secret, ServiceAccount, Role and RoleBinding hooks (for any chart's hooks). */
  instantHooks?: boolean;
}

const MAX_WATCH_ERRORS = 20;

export interface HookLog {
  hook: string;
  pod: string;
  container: string;
  exitCode?: number;
  /** ISO time the container was seen terminated. */
  terminatedAt: string;
  log: string;
  /** Why the log could not be read, e.g. the pod was deleted first. */
  error?: string;
}

export class NamespaceObserver {
  private readonly events: ObservedEvent[] = [];
  private readonly logs: HookLog[] = [];
  private readonly captured = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  private readonly watchErrors: string[] = [];
  private watches: WatchHandle[] = [];
  private readonly listeners = new Set<() => void>();
  /** Hook names of the Jobs seen so far, so that a Job's pods are known as that hook's. */
  private readonly jobHooks = new Map<string, string>();
  private watchingSince: number | undefined;

  constructor(
    private readonly kube: Kube,
    readonly namespace: string,
    private readonly options: ObserverOptions = {},
  ) {}

  /** Resolves once all three watches are connected, so nothing Helm does afterwards is missed. */
  async start(): Promise<void> {
    this.watchingSince = Date.now();
    const watch = (kind: ObservedKind, path: string) =>
      watchWithReconnect(
        this.kube,
        { path },
        (type, object) => this.record({ at: Date.now(), kind, type, object }),
        (err) => {
          // A watch retrying against an unreachable server would otherwise fill the report.
          if (this.watchErrors.length < MAX_WATCH_ERRORS) this.watchErrors.push(`${kind} watch: ${err instanceof Error ? err.message : String(err)}`);
        },
      );
    this.watches = [
      watch('Job', watchPaths.jobs(this.namespace)),
      watch('Pod', watchPaths.pods(this.namespace)),
      watch('Event', watchPaths.events(this.namespace)),
      ...(this.options.instantHooks ? instantHookKinds.map((kind) => watch(kind, instantHookPaths[kind](this.namespace))) : []),
    ];
    await Promise.all(this.watches.map((w) => w.ready));
  }

  /** Stops watching and waits for log reads already under way. */
  async stop(): Promise<void> {
    this.watches.forEach((w) => w.stop());
    this.watches = [];
    await Promise.all([...this.pending]);
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

  timeline(): TimelineEntry[] {
    return buildTimeline(this.events, this.watchingSince);
  }

  hookLogs(): readonly HookLog[] {
    return this.logs;
  }

  errors(): readonly string[] {
    return this.watchErrors;
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
      const terminated = status.state?.terminated;
      const key = `${pod.metadata?.uid ?? podName}/${status.name}`;
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
      const read = readPodLog(this.kube, this.namespace, podName, status.name)
        .then((text) => {
          entry.log = text;
        })
        .catch((err: unknown) => {
          entry.error = `log not readable (${err instanceof Error ? err.message : String(err)}); the pod was probably deleted by its delete policy first`;
        })
        .finally(() => this.pending.delete(read));
      this.pending.add(read);
    }
  }
}
