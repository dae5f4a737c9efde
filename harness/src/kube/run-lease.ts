// A run's claim on its namespace, so `demo-hooks clean` in another terminal leaves a live run alone.
// The namespace carries an annotation saying until when its run is alive; the run renews it while
// it runs and removes it when it ends. A run that dies without ending (kill -9, a lost machine)
// stops renewing, and its namespace counts as over once the time has passed.
import os from 'node:os';
import { PatchStrategy, setHeaderOptions, type V1Namespace } from '@kubernetes/client-node';
import { isNotFound, type Kube } from './client.js';
import { annotation } from './labels.js';
import { LEASE_SECONDS } from './run-state.js';

const RENEW_EVERY_MS = 15_000;

export class RunLease {
  readonly #runBy = `${os.hostname()} pid ${process.pid}`;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kube: Kube,
    private readonly namespace: string,
  ) {}

  /** The annotations a run's namespace is created with, so it is alive from its first moment. */
  annotations(now: Date = new Date()): Record<string, string> {
    return { [annotation.aliveUntil]: new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString(), [annotation.runBy]: this.#runBy };
  }

  /** Renews the lease until end(); a renewal that fails is retried at the next one. */
  start(): void {
    this.#timer = setInterval(() => void this.#patch(this.annotations()).catch(() => undefined), RENEW_EVERY_MS);
    // A lease must never keep a finished CLI alive.
    this.#timer.unref();
  }

  /** The run is over: its namespace, if kept, is clean's to remove. */
  async end(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    try {
      await this.#patch({ [annotation.aliveUntil]: null, [annotation.runBy]: null });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async #patch(annotations: Record<string, string | null>): Promise<void> {
    // A JSON merge patch: null removes an annotation, the others are set; nothing else is touched.
    const body = { metadata: { annotations } } as unknown as V1Namespace;
    await this.kube.core.patchNamespace({ name: this.namespace, body }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
  }
}
