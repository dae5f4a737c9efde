// Whether the API server still answers, asked about once a second while runs live. A killed API
// server closes the watches, but a stopped one (SIGSTOP, a hung control-plane node, a network path
// that drops packets) keeps their TCP connections open: they only go quiet, and a quiet watch is
// also what a quiet namespace looks like. Only a request with a deadline tells the two apart.
import type { Kube } from './client.js';
import { apiGet, apiServer } from './api-request.js';
import type { ApiOutage } from '../report-contract.js';
import { errorMessage } from '../util/errors.js';

export type { ApiOutage };

/** Between one answer and the next question. */
export const HEARTBEAT_MS = 1_000;
/** A healthy API server answers /readyz in milliseconds, even under the suite's load. */
export const PROBE_TIMEOUT_MS = 2_000;
/**
 * Silent this long before a run says so. Two probes at least have failed by then (one refused
 * connection or one slow answer never counts), and a watch that the API server closes in the
 * normal way (every few minutes) is open again in well under a second; yet an attendee hears of
 * it while it is still news.
 */
export const SILENT_AFTER_MS = 5_000;
/** How long runs wait for the API server to answer again before they stop as an environment error. */
export const DEFAULT_LOST_GRACE_SECONDS = 30;

export class ClusterLostError extends Error {
  constructor(readonly outage: ApiOutage, graceSeconds: number) {
    super(`the API server ${outage.server} did not answer for ${graceSeconds}s (since ${outage.from}): ${outage.lastError}`);
    this.name = 'ClusterLostError';
  }
}

export interface ApiHealthListener {
  /** SILENT_AFTER_MS without an answer. */
  silent(outage: ApiOutage): void;
  /** It answered again after silent() was said. */
  back(outage: ApiOutage): void;
}

export class ApiHealth {
  private readonly lost = new AbortController();
  /** Aborts with a ClusterLostError once the API server has not answered for the grace period. */
  readonly signal: AbortSignal = this.lost.signal;
  private readonly listeners = new Set<ApiHealthListener>();
  private readonly past: ApiOutage[] = [];
  private current: ApiOutage | undefined;
  /** The silent() and the give-up timers of the silence under way. */
  private timers: NodeJS.Timeout[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private request: { destroy(): void } | undefined;
  private readonly server: string;

  constructor(
    private readonly kube: Kube,
    private readonly graceSeconds = DEFAULT_LOST_GRACE_SECONDS,
  ) {
    this.server = apiServer(kube);
  }

  start(): this {
    void this.loop();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.timers.forEach(clearTimeout);
    clearTimeout(this.heartbeat);
    this.request?.destroy();
    this.wake?.();
  }

  /** Tells listener of silences and answers from now on; returns the way to stop telling it. */
  subscribe(listener: ApiHealthListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every silence of SILENT_AFTER_MS or more, the one under way last (without `to`). */
  outages(): ApiOutage[] {
    return [...this.past, ...(this.current?.said ? [this.current] : [])].map((o) => ({ ...o }));
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const startedAt = new Date();
      const failure = await this.probe();
      if (this.stopped) return;
      if (failure === undefined) this.answered();
      else this.unanswered(startedAt, failure);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.heartbeat = setTimeout(resolve, HEARTBEAT_MS);
      });
    }
  }

  /** undefined when /readyz said ok in time; else what went wrong. */
  private probe(): Promise<string | undefined> {
    return new Promise((resolve) => {
      let settled = false;
      const done = (failure: string | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.request?.destroy();
        this.request = undefined;
        resolve(failure);
      };
      const timer = setTimeout(() => done(`no answer within ${PROBE_TIMEOUT_MS / 1000}s`), PROBE_TIMEOUT_MS);
      apiGet(
        this.kube,
        '/readyz',
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            if (body.length < 200) body += chunk;
          });
          response.on('end', () => done(response.statusCode === 200 ? undefined : `HTTP ${response.statusCode ?? '?'}: ${body.trim().split('\n').slice(-1)[0] ?? ''}`));
          response.on('error', (err) => done(errorMessage(err)));
        },
        (err) => done(errorMessage(err)),
      ).then(
        (request) => {
          if (settled) request.destroy();
          else this.request = request;
        },
        (err: unknown) => done(errorMessage(err)),
      );
    });
  }

  private answered(): void {
    const outage = this.current;
    if (!outage) return;
    this.current = undefined;
    this.timers.forEach(clearTimeout);
    this.timers = [];
    if (!outage.said) return;
    outage.to = new Date().toISOString();
    this.past.push(outage);
    this.listeners.forEach((l) => l.back({ ...outage }));
  }

  private unanswered(startedAt: Date, failure: string): void {
    if (this.current) {
      this.current.lastError = failure;
      return;
    }
    const outage: ApiOutage = { server: this.server, from: startedAt.toISOString(), lastError: failure, said: false };
    this.current = outage;
    const elapsed = Date.now() - startedAt.getTime();
    this.timers.push(
      setTimeout(() => {
        outage.said = true;
        this.listeners.forEach((l) => l.silent({ ...outage }));
      }, Math.max(0, SILENT_AFTER_MS - elapsed)),
      setTimeout(() => this.lost.abort(new ClusterLostError({ ...outage }, this.graceSeconds)), Math.max(0, this.graceSeconds * 1000 - elapsed)),
    );
  }
}
