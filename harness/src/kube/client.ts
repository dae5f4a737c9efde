// The API clients, made once from the kubeconfig the cluster provider hands out.
import { ApiException, AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig, VersionApi } from '@kubernetes/client-node';

export interface Kube {
  readonly config: KubeConfig;
  readonly kubeconfigPath: string;
  readonly core: CoreV1Api;
  readonly batch: BatchV1Api;
  readonly apps: AppsV1Api;
}

export function connectKube(kubeconfigPath: string): Kube {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  return {
    config,
    kubeconfigPath,
    core: config.makeApiClient(CoreV1Api),
    batch: config.makeApiClient(BatchV1Api),
    apps: config.makeApiClient(AppsV1Api),
  };
}

export class UnknownContextError extends Error {}

/**
 * The cluster a user's own Helm command talks to: the kubeconfig it named, else KUBECONFIG or
 * ~/.kube/config (Helm's own default), and the context it named, else the current one.
 */
export function connectKubeLikeHelm(opts: { kubeconfig?: string; context?: string } = {}): Kube & { namespace?: string } {
  const config = new KubeConfig();
  if (opts.kubeconfig) config.loadFromFile(opts.kubeconfig);
  else config.loadFromDefault();
  if (opts.context) {
    if (!config.getContextObject(opts.context)) {
      throw new UnknownContextError(`no context "${opts.context}" in ${opts.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config'}`);
    }
    config.setCurrentContext(opts.context);
  }
  const namespace = config.getContextObject(config.getCurrentContext())?.namespace;
  return {
    config,
    kubeconfigPath: opts.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config',
    core: config.makeApiClient(CoreV1Api),
    batch: config.makeApiClient(BatchV1Api),
    apps: config.makeApiClient(AppsV1Api),
    ...(namespace ? { namespace } : {}),
  };
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ApiException && err.code === 404;
}

export function isConflict(err: unknown): boolean {
  return err instanceof ApiException && err.code === 409;
}

export type Reachability = { ok: true; server: string; version: string } | { ok: false; server: string; reason: string };

/** Asks the API server for its version; anything but an answer within timeoutMs counts as unreachable. */
export async function checkReachable(kube: Kube, timeoutMs = 10_000): Promise<Reachability> {
  const server = kube.config.getCurrentCluster()?.server ?? '(no cluster in kubeconfig)';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000}s`)), timeoutMs);
  });
  try {
    const info = await Promise.race([kube.config.makeApiClient(VersionApi).getCode(), timeout]);
    return { ok: true, server, version: info.gitVersion };
  } catch (err) {
    return { ok: false, server, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
