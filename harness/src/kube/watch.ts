// A watch that survives the API server closing the stream: it resumes from the last
// resourceVersion it saw, and starts over (replaying ADDED for what exists) when that
// version has expired (410 Gone). Consumers must therefore tolerate repeated ADDED events.
import { Watch } from '@kubernetes/client-node';
import type { Kube } from './client.js';

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

export interface WatchHandle {
  /** Resolves once the first connection is established (or failed once). */
  readonly ready: Promise<void>;
  stop(): void;
}

export const watchPaths = {
  pods: (ns: string) => `/api/v1/namespaces/${ns}/pods`,
  jobs: (ns: string) => `/apis/batch/v1/namespaces/${ns}/jobs`,
  events: (ns: string) => `/api/v1/namespaces/${ns}/events`,
  pvcs: (ns: string) => `/api/v1/namespaces/${ns}/persistentvolumeclaims`,
  namespaces: () => '/api/v1/namespaces',
};

export function watchWithReconnect(
  kube: Kube,
  target: WatchTarget,
  onEvent: (type: WatchEventType, object: KubeObject) => void,
  onError: (err: unknown) => void = () => {},
): WatchHandle {
  const watch = new Watch(kube.config);
  let stopped = false;
  let resourceVersion: string | undefined;
  let current: AbortController | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const stopSignal = new AbortController();

  const session = () =>
    new Promise<unknown>((resolve) => {
      const query = {
        allowWatchBookmarks: true,
        labelSelector: target.labelSelector,
        fieldSelector: target.fieldSelector,
        resourceVersion,
      };
      watch
        .watch(
          target.path,
          query,
          (type, object: KubeObject) => {
            if (type === 'ERROR') {
              // 410 Gone: our resourceVersion is too old; list again from "now".
              if ((object as { code?: number }).code === 410) resourceVersion = undefined;
              return;
            }
            resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
            if (type === 'BOOKMARK') return;
            if (!stopped) onEvent(type as WatchEventType, object);
          },
          (err) => resolve(err),
        )
        .then((controller) => {
          current = controller;
          markReady();
          if (stopped) controller.abort();
        })
        .catch((err) => resolve(err));
    });

  void (async () => {
    let failures = 0;
    while (!stopped) {
      const err = await session();
      markReady();
      if (stopped) break;
      if (err) {
        onError(err);
        failures += 1;
        // Backing off here is not waiting for state: it keeps an unreachable API server from
        // being hammered in a tight loop. The delay ends early when the watch is stopped.
        await abortableDelay(Math.min(250 * 2 ** failures, 5000), stopSignal.signal);
      } else {
        failures = 0;
      }
    }
  })();

  return {
    ready,
    stop() {
      stopped = true;
      stopSignal.abort();
      current?.abort();
    },
  };
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
