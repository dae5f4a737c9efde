// The kind provider: the kind CLI with the repository's kind config, on a Docker engine.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { dockerEngineAnswers } from './docker.js';
import type { Availability, ClusterProvider } from './provider.js';
import { clusterDir, clusterKubeconfig, repoRoot, toolsBinDir } from '../paths.js';
import { kubeconfigAnswers } from './reachable.js';
import { readVersions } from './versions.js';

const clusterName = 'demo-hooks';

export function kindProvider(env: NodeJS.ProcessEnv, dockerAnswers: () => Promise<boolean> = () => dockerEngineAnswers(env)): ClusterProvider {
  const kind = env.KIND ?? path.join(toolsBinDir, 'kind');
  const config = path.join(repoRoot, 'cluster', 'kind', 'kind-config.yaml');
  const run = (args: string[]) => execa(kind, args, { reject: false, all: true });

  async function exists(): Promise<boolean> {
    const result = await run(['get', 'clusters']);
    return result.exitCode === 0 && result.stdout.split('\n').includes(clusterName);
  }

  async function available(): Promise<Availability> {
    return (await dockerAnswers())
      ? { ok: true }
      : { ok: false, reason: "CLUSTER=kind needs a running Docker engine, and 'docker info' gets no answer: start Docker, or use CLUSTER=local (Linux, as root) or CLUSTER=existing" };
  }

  return {
    name: 'kind',
    available,
    async up(progress) {
      // kind's own error would be a page of `docker info` JSON; say what to do instead.
      const availability = await available();
      if (!availability.ok) throw new Error(availability.reason);
      if (!(await exists())) {
        const image = env.KIND_NODE_IMAGE ?? (await readVersions()).KIND_NODE_IMAGE;
        if (!image) throw new Error('KIND_NODE_IMAGE is not pinned in hack/versions.env');
        progress(`kind create cluster --name ${clusterName} --image ${image}`);
        const created = await run(['create', 'cluster', '--name', clusterName, '--image', image, '--config', config, '--wait', '120s']);
        if (created.exitCode !== 0) {
          throw new Error(`kind create cluster failed:\n${created.all}`);
        }
      }
      await mkdir(clusterDir, { recursive: true });
      const kubeconfig = await run(['get', 'kubeconfig', '--name', clusterName]);
      if (kubeconfig.exitCode !== 0) throw new Error(`kind get kubeconfig failed:\n${kubeconfig.all}`);
      await writeFile(clusterKubeconfig, kubeconfig.stdout, { mode: 0o600 });
      progress(`kind cluster ${clusterName} up`);
    },
    async down(progress) {
      if (await exists()) {
        const deleted = await run(['delete', 'cluster', '--name', clusterName]);
        if (deleted.exitCode !== 0) throw new Error(`kind delete cluster failed:\n${deleted.all}`);
      }
      await execa('rm', ['-f', clusterKubeconfig]);
      progress(`kind cluster ${clusterName} removed`);
    },
    async isUp() {
      return (await exists()) && (await kubeconfigAnswers(clusterKubeconfig));
    },
    kubeconfigPath: () => clusterKubeconfig,
    chartValuesFiles: () => [],
    async collectLogs(dir) {
      return (await run(['export', 'logs', dir, '--name', clusterName])).exitCode === 0;
    },
    whenUnreachable: () => `run \`make cluster\` to create the kind cluster ${clusterName} (Docker must be running)`,
  };
}
