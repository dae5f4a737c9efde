// Waiting without sleeping: a condition is checked once, then again after every change a watch
// reports, until it holds or the deadline passes.
import type { Kube } from './client.js';
import { watchCollection, type WatchTarget } from './watch.js';

export class WaitTimeoutError extends Error {
  constructor(
    readonly waitingFor: string,
    readonly timeoutMs: number,
    readonly lastSeen: string | undefined,
  ) {
    super(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${waitingFor}${lastSeen ? ` (last seen: ${lastSeen})` : ''}`);
    this.name = 'WaitTimeoutError';
  }
}

export interface WaitSpec<T> {
  /** Completes "timed out waiting for …". */
  waitingFor: string;
  /**
   * What makes the condition worth checking again: changes to these collections, each watched for
   * the wait; or the changes a watcher the run already has reports (the run's observer holds its
   * namespace's Jobs and Pods, so a wait on them opens no watch of its own).
   */
  triggers: WatchTarget[] | ChangeSource;
  /** Returns the value once the condition holds, or undefined with a note on what it saw. */
  check: () => Promise<{ done: true; value: T } | { done: false; seen?: string }>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Something already watching, which calls notify after each change until unsubscribed. */
export interface ChangeSource {
  subscribe(notify: () => void): () => void;
}

export function waitFor<T>(kube: Kube, spec: WaitSpec<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let finished = false;
    let checking = false;
    let recheck = false;
    let lastSeen: string | undefined;
    const own = Array.isArray(spec.triggers) ? spec.triggers : [];
    const watches = own.map((t) => watchCollection(kube, t, () => void evaluate()));
    const unsubscribe = Array.isArray(spec.triggers) ? () => {} : spec.triggers.subscribe(() => void evaluate());

    const finish = (outcome: () => void) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      watches.forEach((w) => w.stop());
      unsubscribe();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new WaitTimeoutError(spec.waitingFor, spec.timeoutMs, lastSeen))), spec.timeoutMs);
    const onAbort = () => finish(() => reject(spec.signal?.reason ?? new Error('aborted')));
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    if (spec.signal?.aborted) onAbort();

    // Checks never overlap; a change seen during a check triggers one more check afterwards.
    async function evaluate(): Promise<void> {
      if (finished) return;
      if (checking) {
        recheck = true;
        return;
      }
      checking = true;
      try {
        do {
          recheck = false;
          const result = await spec.check();
          if (result.done) return finish(() => resolve(result.value));
          lastSeen = result.seen ?? lastSeen;
        } while (recheck && !finished);
      } catch (err) {
        finish(() => reject(err));
      } finally {
        checking = false;
      }
    }

    // Watches first, then the first check: a change between the two cannot be missed. A watch
    // that cannot list and watch fails the wait with its reason.
    void Promise.all(watches.map((w) => w.synced)).then(
      () => evaluate(),
      (err: unknown) => finish(() => reject(err)),
    );
  });
}
