// The API clients, made once from the kubeconfig the cluster provider hands out.
import { ApiException, AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig, RbacAuthorizationV1Api, VersionApi } from '@kubernetes/client-node';
import { errorMessage } from '../util/errors.js';

export interface Kube {
  readonly config: KubeConfig;
  readonly kubeconfigPath: string;
  readonly core: CoreV1Api;
  readonly batch: BatchV1Api;
  readonly apps: AppsV1Api;
  readonly rbac: RbacAuthorizationV1Api;
}

export function connectKube(kubeconfigPath: string): Kube {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  return kubeFromConfig(config, kubeconfigPath);
}

/** The API clients of a loaded kubeconfig: the one place a Kube is put together. */
export function kubeFromConfig(config: KubeConfig, kubeconfigPath: string): Kube {
  return {
    config,
    kubeconfigPath,
    core: config.makeApiClient(CoreV1Api),
    batch: config.makeApiClient(BatchV1Api),
    apps: config.makeApiClient(AppsV1Api),
    rbac: config.makeApiClient(RbacAuthorizationV1Api),
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
  return { ...kubeFromConfig(config, opts.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config'), ...(namespace ? { namespace } : {}) };
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
    return { ok: false, server, reason: errorMessage(err) };
  } finally {
    clearTimeout(timer);
  }
}
