// Reaching the cluster from a command: the provider CLUSTER names, its kubeconfig, an API server
// that answers. Whatever is missing becomes an EnvironmentError with the provider's own advice.
import path from 'node:path';
import { selectProvider, UnknownProviderError, type ClusterProvider } from '../cluster/provider.js';
import { checkReachable, connectKube, type Kube } from '../kube/client.js';
import { relativeToRepo } from '../paths.js';
import { EnvironmentError, UsageError } from './errors.js';
import { errorMessage } from '../util/errors.js';

export async function chosenProvider(): Promise<ClusterProvider> {
  try {
    return await selectProvider();
  } catch (err) {
    // A CLUSTER that names no provider is a bad setting (exit 2), as HELM_VERSION=5 is.
    if (err instanceof UnknownProviderError) throw new UsageError(err.message);
    throw new EnvironmentError(errorMessage(err));
  }
}

/** The clients for a kubeconfig that loads; a missing or broken one is an EnvironmentError. */
export function connectOrExplain(provider: ClusterProvider): Kube {
  const kubeconfig = path.resolve(provider.kubeconfigPath());
  try {
    return connectKube(kubeconfig);
  } catch (err) {
    throw new EnvironmentError(`no usable kubeconfig at ${relativeToRepo(kubeconfig)} (${errorMessage(err)}): ${provider.whenUnreachable()}`);
  }
}

/** The cluster of the given provider (one already chosen), else of the one CLUSTER picks. */
export async function reachableCluster(chosen?: ClusterProvider): Promise<{ provider: ClusterProvider; kube: Kube }> {
  const provider = chosen ?? (await chosenProvider());
  const kube = connectOrExplain(provider);
  const reach = await checkReachable(kube);
  if (!reach.ok) {
    throw new EnvironmentError(
      `no reachable cluster at ${reach.server} (${provider.name}, kubeconfig ${relativeToRepo(kube.kubeconfigPath)}): ${reach.reason}; ${provider.whenUnreachable()}`,
    );
  }
  return { provider, kube };
}
