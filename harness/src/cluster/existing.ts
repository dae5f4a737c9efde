// The existing provider: a cluster the user already has. Nothing is created or deleted; the
// kubeconfig comes from KUBECONFIG (and KUBE_CONTEXT picks a context other than the current one).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { ClusterProvider } from './provider.js';
import { clusterDir, toolsBinDir } from '../paths.js';
import { kubeconfigAnswers } from './reachable.js';

// This project cannot start a cluster it does not own: `make cluster` is never the advice here.
const advice = 'check KUBECONFIG/KUBE_CONTEXT, or use CLUSTER=local or CLUSTER=kind';

export function existingProvider(env: NodeJS.ProcessEnv): ClusterProvider {
  const source = env.KUBECONFIG?.split(path.delimiter)[0] || path.join(os.homedir(), '.kube', 'config');
  const context = env.KUBE_CONTEXT;
  // With a context named, the harness gets a one-context copy so every tool sees the same cluster.
  const kubeconfig = context ? path.join(clusterDir, `existing-${context}.kubeconfig`) : source;
  const kubectl = env.KUBECTL ?? path.join(toolsBinDir, 'kubectl');

  return {
    name: 'existing',
    async available() {
      return existsSync(source)
        ? { ok: true }
        : { ok: false, reason: `CLUSTER=existing needs a kubeconfig, and ${source} does not exist: set KUBECONFIG (and KUBE_CONTEXT) to your cluster's` };
    },
    async up(progress) {
      if (context) {
        const flat = await execa(kubectl, ['--kubeconfig', source, 'config', 'view', '--flatten', '--minify', '--context', context], {
          reject: false,
        });
        if (flat.exitCode !== 0) throw new Error(`context ${context} not found in ${source}: ${flat.stderr}`);
        await mkdir(clusterDir, { recursive: true });
        await writeFile(kubeconfig, flat.stdout, { mode: 0o600 });
      }
      if (!(await kubeconfigAnswers(kubeconfig))) {
        throw new Error(`the cluster in ${source}${context ? ` (context ${context})` : ''} does not answer: ${advice}`);
      }
      progress(`using the existing cluster from ${source}${context ? ` (context ${context})` : ''}`);
    },
    async down(progress) {
      progress('existing cluster: nothing to remove (this project did not create it)');
    },
    isUp: () => kubeconfigAnswers(kubeconfig),
    kubeconfigPath: () => kubeconfig,
    chartValuesFiles: () => [],
    async collectLogs() {
      // Not ours to read: an existing cluster's control-plane logs belong to its owner.
      return false;
    },
    whenUnreachable: () => advice,
  };
}
