// The one way the harness reaches a cluster. Each provider lives in its own module; nothing
// outside this folder knows which one is in use.
import { dockerEngineAnswers } from './docker.js';
import { existingProvider } from './existing.js';
import { kindProvider } from './kind.js';
import { localProvider } from './local.js';

export interface ClusterProvider {
  /** 'kind' | 'local' | 'existing': for messages and reports only. */
  readonly name: string;
  /** Brings the cluster up if it is not; returns once the node is Ready and DNS answers. */
  up(progress: (message: string) => void): Promise<void>;
  /** Removes exactly what up() made; idempotent. */
  down(progress: (message: string) => void): Promise<void>;
  /** Whether the cluster answers and its node is Ready. */
  isUp(): Promise<boolean>;
  /** The kubeconfig every tool of the harness uses. */
  kubeconfigPath(): string;
  /** Extra values files the chart needs on this cluster (the local provider's own images). */
  chartValuesFiles(): string[];
  /** Copies the cluster's component logs into dir, for a failed run's diagnostics. */
  collectLogs(dir: string): Promise<void>;
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

/** CLUSTER=kind|local|existing picks; otherwise kind where Docker runs, local elsewhere. */
export async function selectProvider(env: NodeJS.ProcessEnv = process.env): Promise<ClusterProvider> {
  const wanted = env.CLUSTER?.trim();
  if (wanted) {
    if (!(providerNames as readonly string[]).includes(wanted)) throw new UnknownProviderError(wanted);
    return createProvider(wanted as ProviderName, env);
  }
  return createProvider((await dockerEngineAnswers()) ? 'kind' : 'local', env);
}

export function createProvider(name: ProviderName, env: NodeJS.ProcessEnv = process.env): ClusterProvider {
  switch (name) {
    case 'kind':
      return kindProvider(env);
    case 'local':
      return localProvider(env);
    case 'existing':
      return existingProvider(env);
  }
}
