// A TCP proxy on 127.0.0.1 in front of the API server that a test can cut: what the observer
// would live through if the network between it and the cluster failed. TLS passes through
// untouched, so the client still checks the API server's certificate.
import net from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { kubeFromConfig, type Kube } from '../../harness/src/kube/client.js';

export interface CuttableProxy {
  readonly port: number;
  /** Drops every open connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(upstream: { host: string; port: number }): Promise<CuttableProxy> {
  const open = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const server = net.connect(upstream.port, upstream.host);
    for (const s of [client, server]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {
        client.destroy();
        server.destroy();
      });
    }
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      cut = true;
      open.forEach((s) => s.destroy());
    },
    restore() {
      cut = false;
    },
    close() {
      open.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The same cluster and credentials, reached through the proxy. kubeconfigPath stays the real
 * file, so Helm (which the runner hands that path) talks to the API server directly.
 */
export function kubeThroughProxy(direct: Kube, proxyPort: number): Kube {
  const config = new KubeConfig();
  const current = direct.config.getCurrentCluster();
  if (!current) throw new Error('the kubeconfig has no current cluster');
  config.loadFromOptions({
    clusters: direct.config.clusters.map((c) => (c.name === current.name ? { ...c, server: `https://127.0.0.1:${proxyPort}` } : c)),
    users: direct.config.users,
    contexts: direct.config.contexts,
    currentContext: direct.config.currentContext,
  });
  return kubeFromConfig(config, direct.kubeconfigPath);
}

/** host and port of the API server the kubeconfig names. */
export function apiServerAddress(kube: Kube): { host: string; port: number } {
  const url = new URL(kube.config.getCurrentCluster()?.server ?? '');
  return { host: url.hostname, port: Number(url.port || 443) };
}
