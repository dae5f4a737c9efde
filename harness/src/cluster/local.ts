// The local provider: a single-node cluster from the upstream components, run on this machine
// without Docker by cluster/local/*.sh (read those to see how it is put together).
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { ClusterProvider } from './provider.js';
import { chartDir, clusterDir, clusterKubeconfig, repoRoot } from '../paths.js';
import { runStep } from './run-script.js';

const scripts = path.join(repoRoot, 'cluster', 'local');

export function localProvider(env: NodeJS.ProcessEnv): ClusterProvider {
  const scriptEnv = { ...env, DEMO_HOOKS_CLUSTER_DIR: clusterDir };
  return {
    name: 'local',
    async available() {
      if (process.platform !== 'linux') return { ok: false, reason: 'the local cluster runs on Linux only: use CLUSTER=kind with Docker, or CLUSTER=existing' };
      if (process.getuid?.() !== 0) {
        return { ok: false, reason: 'the local cluster runs containerd and the kubelet, which need root: run as root, or use CLUSTER=kind with Docker, or CLUSTER=existing' };
      }
      return { ok: true };
    },
    async up(progress) {
      await runStep('bash', [path.join(scripts, 'up.sh')], progress, scriptEnv);
    },
    async down(progress) {
      await runStep('bash', [path.join(scripts, 'down.sh')], progress, scriptEnv);
    },
    async isUp() {
      const result = await execa('bash', [path.join(scripts, 'status.sh'), '--quiet'], { reject: false, env: scriptEnv });
      return result.exitCode === 0;
    },
    kubeconfigPath: () => clusterKubeconfig,
    chartValuesFiles: () => [path.join(chartDir, 'values-local.yaml')],
    async collectLogs(dir) {
      return cp(path.join(clusterDir, 'logs'), dir, { recursive: true }).then(
        () => true,
        () => false,
      );
    },
    whenUnreachable: () => 'run `make cluster` to start the local cluster (or restart it: it finds and removes what a stopped one left)',
  };
}
