// The one way the harness reaches a cluster. Each provider lives in its own module; nothing
// outside this folder knows which one is in use.
import { existingProvider } from './existing.js';
import { kindProvider } from './kind.js';
import { localProvider } from './local.js';

/** Whether a provider can run on this machine; when it cannot, why, in words that name the fix. */
export type Availability = { ok: true } | { ok: false; reason: string };

export interface ClusterProvider {
  /** 'kind' | 'local' | 'existing': for messages and reports only. */
  readonly name: string;
  /** Whether this provider can work here: the one place that decides it (never guessed elsewhere). */
  available(): Promise<Availability>;
  /** Brings the cluster up if it is not; returns once the node is Ready and DNS answers. */
  up(progress: (message: string) => void): Promise<void>;
  /** Removes exactly what up() made; idempotent. */
  down(progress: (message: string) => void): Promise<void>;
  /** Whether the cluster answers and its node is Ready: what `cluster status` reports. */
  isUp(): Promise<boolean>;
  /** The kubeconfig every tool of the harness uses. */
  kubeconfigPath(): string;
  /** Extra values files the chart needs on this cluster (the local provider's own images). */
  chartValuesFiles(): string[];
  /** Copies the cluster's component logs into dir, for a failed run's diagnostics; false when there were none to copy. */
  collectLogs(dir: string): Promise<boolean>;
  /** What to do when the cluster does not answer: the advice that fits this provider. */
  whenUnreachable(): string;
}

export const providerNames = ['kind', 'local', 'existing'] as const;
export type ProviderName = (typeof providerNames)[number];

/** CLUSTER names no provider: a bad setting, like a bad flag. */
export class UnknownProviderError extends Error {
  constructor(readonly wanted: string) {
    super(`CLUSTER=${wanted} is not a provider: use one of ${providerNames.join(', ')}`);
    this.name = 'UnknownProviderError';
  }
}

/** The providers tried, in order, when CLUSTER names none: `existing` only ever when named. */
export const defaultOrder: readonly ProviderName[] = ['kind', 'local'];

/**
 * CLUSTER=kind|local|existing picks; otherwise the first provider of defaultOrder that says it is
 * available (kind where a Docker engine answers, local on Linux as root).
 */
export async function selectProvider(env: NodeJS.ProcessEnv = process.env): Promise<ClusterProvider> {
  const wanted = env.CLUSTER?.trim();
  if (wanted) {
    if (!(providerNames as readonly string[]).includes(wanted)) throw new UnknownProviderError(wanted);
    return createProvider(wanted as ProviderName, env, { named: true });
  }
  const reasons: string[] = [];
  for (const name of defaultOrder) {
    const provider = createProvider(name, env);
    const availability = await provider.available();
    if (availability.ok) return provider;
    reasons.push(`${name}: ${availability.reason}`);
  }
  throw new Error(`no cluster provider can run here (${reasons.join('; ')}): set CLUSTER=existing with KUBECONFIG for a cluster you have`);
}

/** named: CLUSTER asked for this provider by name, which lets kind start a dockerd of the project's. */
export function createProvider(name: ProviderName, env: NodeJS.ProcessEnv = process.env, { named = false } = {}): ClusterProvider {
  switch (name) {
    case 'kind':
      return kindProvider(env, { named });
    case 'local':
      return localProvider(env);
    case 'existing':
      return existingProvider(env);
  }
}
