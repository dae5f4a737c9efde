// List-then-watch of one collection on client-node's informer (ListWatch): it lists, watches
// from the list's resourceVersion, resumes from the last resourceVersion it saw when a stream
// ends, and lists again only when that version has expired (410 Gone). What the informer cannot
// do is say when it was not watching, so this module records it: every gap from the moment a
// stream ended to the moment the next one was open, and whether a list had to fill it.
import {
  ListWatch,
  Watch,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import type { Kube } from './client.js';
import { isCaughtUp, type CacheEntry } from './caught-up.js';
import type { WatchGap } from '../report-contract.js';

export type { WatchGap };
import { errorMessage } from '../util/errors.js';

export interface WatchTarget {
  /** API path of a collection, e.g. /api/v1/namespaces/ns/pods. */
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface KubeObject {
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

export type CatchUp = { ok: true } | { ok: false; reason: string };

export interface CollectionWatch {
  /** Resolves once the collection was listed and the watch is open; rejects after syncTimeoutMs. */
  readonly synced: Promise<void>;
  gaps(): readonly WatchGap[];
  /**
   * Resolves ok once every change up to a fresh list of the collection has been delivered: after
   * it, what the watch reported is at least as new as the moment catchUp was called.
   */
  catchUp(timeoutMs: number, signal?: AbortSignal): Promise<CatchUp>;
  stop(): void;
}

export const watchPaths = {
  pods: (ns: string) => `/api/v1/namespaces/${ns}/pods`,
  jobs: (ns: string) => `/apis/batch/v1/namespaces/${ns}/jobs`,
  events: (ns: string) => `/api/v1/namespaces/${ns}/events`,
  pvcs: (ns: string) => `/api/v1/namespaces/${ns}/persistentvolumeclaims`,
  namespaces: () => '/api/v1/namespaces',
  nodes: () => '/api/v1/nodes',
  // Kinds charts use as hooks besides Jobs and Pods (observe watches them for any chart's hooks).
  configMaps: (ns: string) => `/api/v1/namespaces/${ns}/configmaps`,
  secrets: (ns: string) => `/api/v1/namespaces/${ns}/secrets`,
  serviceAccounts: (ns: string) => `/api/v1/namespaces/${ns}/serviceaccounts`,
  roles: (ns: string) => `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`,
  roleBindings: (ns: string) => `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`,
};

export const DEFAULT_SYNC_TIMEOUT_MS = 30_000;

type Lister = (kube: Kube, namespace: string, q: { labelSelector?: string; fieldSelector?: string }) => Promise<KubernetesListObject<KubernetesObject>>;

/** The typed list call behind each path in watchPaths: the informer lists before it watches. */
const listers: Record<string, Lister> = {
  pods: (k, namespace, q) => k.core.listNamespacedPod({ namespace, ...q }),
  jobs: (k, namespace, q) => k.batch.listNamespacedJob({ namespace, ...q }),
  events: (k, namespace, q) => k.core.listNamespacedEvent({ namespace, ...q }),
  persistentvolumeclaims: (k, namespace, q) => k.core.listNamespacedPersistentVolumeClaim({ namespace, ...q }),
  namespaces: (k, _namespace, q) => k.core.listNamespace(q),
  nodes: (k, _namespace, q) => k.core.listNode(q),
  configmaps: (k, namespace, q) => k.core.listNamespacedConfigMap({ namespace, ...q }),
  secrets: (k, namespace, q) => k.core.listNamespacedSecret({ namespace, ...q }),
  serviceaccounts: (k, namespace, q) => k.core.listNamespacedServiceAccount({ namespace, ...q }),
  roles: (k, namespace, q) => k.rbac.listNamespacedRole({ namespace, ...q }),
  rolebindings: (k, namespace, q) => k.rbac.listNamespacedRoleBinding({ namespace, ...q }),
};

function listerFor(kube: Kube, target: WatchTarget): () => Promise<KubernetesListObject<KubernetesObject>> {
  const match = /^\/apis?\/(?:[^/]+\/)?v1(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(target.path);
  const list = match ? listers[match[2] ?? ''] : undefined;
  if (!match || !list) throw new Error(`no list call for watch path ${target.path}; add it to watchPaths and listers`);
  const q = {
    ...(target.labelSelector ? { labelSelector: target.labelSelector } : {}),
    ...(target.fieldSelector ? { fieldSelector: target.fieldSelector } : {}),
  };
  return () => list(kube, match[1] ?? '', q);
}

/** client-node's Watch, telling us when a stream is open and when it ended. */
class StreamReportingWatch extends Watch {
  constructor(
    config: KubeConfig,
    private readonly opened: () => void,
    private readonly ended: (err: unknown) => void,
    private readonly expired: () => void,
  ) {
    super(config);
  }

  override async watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, apiObj: unknown, watchObj?: unknown) => void,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    let ended = false;
    const report = (phase: string, apiObj: unknown, watchObj?: unknown) => {
      // 410 Gone arrives as an event on an open stream: the version we resumed from had expired.
      if (phase === 'ERROR' && (apiObj as { code?: number } | undefined)?.code === 410) this.expired();
      callback(phase, apiObj, watchObj);
    };
    const controller = await super.watch(path, queryParams, report, (err) => {
      ended = true;
      this.ended(err);
      done(err);
    });
    if (!ended) this.opened();
    return controller;
  }
}

const message = (err: unknown) => (err === null || err === undefined ? 'the watch stream ended' : errorMessage(err));

export function watchCollection(
  kube: Kube,
  target: WatchTarget,
  onEvent: (type: WatchEventType, object: KubeObject) => void,
  opts: { syncTimeoutMs?: number } = {},
): CollectionWatch {
  const list = listerFor(kube, target);
  const gaps: WatchGap[] = [];
  const changeListeners = new Set<() => void>();
  /** resourceVersions of deletions seen, by uid: a listed object missing from the cache may be one. */
  const deletions = new Map<string, string>();
  let state: 'syncing' | 'watching' | 'gap' | 'stopped' = 'syncing';
  let lastError = '';
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let markSynced: () => void = () => {};
  let failSync: (err: Error) => void = () => {};
  const synced = new Promise<void>((resolve, reject) => {
    markSynced = resolve;
    failSync = reject;
  });
  // A rejection nobody awaited yet must not crash the process; start() awaits it.
  synced.catch(() => {});
  const notify = () => changeListeners.forEach((f) => f());

  const opened = () => {
    failures = 0;
    if (state === 'syncing') {
      state = 'watching';
      clearTimeout(syncTimer);
      markSynced();
    } else if (state === 'gap') {
      state = 'watching';
      const gap = gaps.at(-1);
      if (gap) {
        gap.to = new Date().toISOString();
        gap.closedBy ??= 'resumed';
      }
    }
    notify();
  };
  const ended = (err: unknown) => {
    if (state === 'stopped') return;
    if (err) lastError = message(err);
    if (state !== 'watching') return;
    state = 'gap';
    const gap: WatchGap = { from: new Date().toISOString(), reason: message(err) };
    gaps.push(gap);
    notify();
  };

  const informer = new ListWatch<KubernetesObject>(
    target.path,
    new StreamReportingWatch(kube.config, opened, ended, () => {
      const gap = gaps.at(-1);
      if (gap) gap.closedBy = 'relisted';
    }),
    async () => {
      // After the first sync, a list means the resourceVersion was lost: the gap was blind.
      const gap = state === 'gap' ? gaps.at(-1) : undefined;
      if (gap) gap.closedBy = 'relisted';
      return list();
    },
    false,
    target.labelSelector,
    target.fieldSelector,
  );
  const deliver = (type: WatchEventType) => (obj: KubernetesObject) => {
    if (state === 'stopped') return;
    if (type === 'DELETED' && obj.metadata?.uid) deletions.set(obj.metadata.uid, obj.metadata.resourceVersion ?? '');
    onEvent(type, obj as KubeObject);
    notify();
  };
  informer.on('add', deliver('ADDED'));
  informer.on('update', deliver('MODIFIED'));
  informer.on('delete', deliver('DELETED'));
  // The informer stops on an error (a failed list or a refused connection); starting it again
  // resumes from the resourceVersion it kept. Backing off is not waiting for state: it keeps an
  // unreachable API server from being hammered in a tight loop.
  informer.on('error', (err: unknown) => {
    if (state === 'stopped') return;
    lastError = message(err);
    if (state === 'watching') ended(err);
    failures += 1;
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => void informer.start(), Math.min(250 * 2 ** failures, 5000));
  });

  const syncTimeoutMs = opts.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS;
  const syncTimer = setTimeout(() => {
    if (state !== 'syncing') return;
    failSync(new Error(`could not list and watch ${target.path} within ${syncTimeoutMs / 1000}s${lastError ? `: ${lastError}` : ''}`));
  }, syncTimeoutMs);
  void informer.start();

  const entry = (o: KubernetesObject): CacheEntry => ({ name: `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`, uid: o.metadata?.uid ?? '', resourceVersion: o.metadata?.resourceVersion ?? '' });

  async function catchUp(timeoutMs: number, signal?: AbortSignal): Promise<CatchUp> {
    const deadline = Date.now() + timeoutMs;
    let fresh: KubernetesListObject<KubernetesObject> | undefined;
    let why = '';
    while (Date.now() < deadline && !signal?.aborted && state !== 'stopped') {
      if (state === 'watching') {
        try {
          // A list without resourceVersion is read from etcd: the state at this moment.
          fresh ??= await list();
          const verdict = isCaughtUp({ listed: fresh.items.map(entry), listResourceVersion: fresh.metadata?.resourceVersion ?? '', cached: informer.list().map(entry), deletions });
          if (verdict.caughtUp) return { ok: true };
          why = verdict.behind;
        } catch (err) {
          why = `listing ${target.path} failed: ${message(err)}`;
          fresh = undefined;
        }
      } else {
        why = `not watching since ${gaps.at(-1)?.from ?? 'the start'}${lastError ? ` (${lastError})` : ''}`;
      }
      // Behind or not watching: the next delivered change or reconnection may be what is missing.
      // Only a failed list is retried on a clock, once a second.
      await nextChange(state === 'watching' && !fresh ? Math.min(deadline - Date.now(), 1000) : deadline - Date.now(), signal);
    }
    return { ok: false, reason: why || `${target.path}: stopped` };
  }

  /** Resolves on the next delivered change or gap transition, or after ms. */
  function nextChange(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        changeListeners.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      changeListeners.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  return {
    synced,
    gaps: () => gaps,
    catchUp,
    stop() {
      if (state === 'stopped') return;
      const open = gaps.at(-1);
      if (state === 'gap' && open && !open.to) open.to = new Date().toISOString();
      state = 'stopped';
      clearTimeout(syncTimer);
      clearTimeout(restartTimer);
      void informer.stop();
      notify();
    },
  };
}
