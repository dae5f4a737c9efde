// What every integration test shares: the cluster the global setup brought up, a namespace of its
// own (removed afterwards), kubectl, and the provider's toolbox image.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { selectProvider, type ClusterProvider } from '../../harness/src/cluster/provider.js';
import { connectKube, type Kube } from '../../harness/src/kube/client.js';
import { createRunNamespace, deleteNamespace, waitForNamespaceGone } from '../../harness/src/kube/namespaces.js';
import { chartDir } from '../../harness/src/paths.js';
import { kubectlBinary } from '../../harness/src/tools.js';

export interface TestCluster {
  provider: ClusterProvider;
  kube: Kube;
  kubeconfig: string;
  namespace: string;
  /** kubectl in the test's namespace; resolves with the result whatever the exit code. */
  kubectl(args: string[], input?: string): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** kubectl that must succeed; returns stdout. */
  kubectlOk(args: string[], input?: string): Promise<string>;
  toolboxImage: string;
  close(): Promise<void>;
}

/** An image with a POSIX shell, wget and the PostgreSQL client: the chart's hooks image here. */
async function toolboxImageFor(provider: ClusterProvider): Promise<string> {
  const files = [path.join(chartDir, 'values.yaml'), ...provider.chartValuesFiles()];
  let image = '';
  for (const file of files) {
    const values = parse(await readFile(file, 'utf8')) as { images?: { hooks?: { repository?: string; tag?: string } } };
    const hooks = values.images?.hooks;
    if (hooks?.repository) image = `${hooks.repository}:${hooks.tag ?? 'latest'}`;
  }
  if (!image) throw new Error('no images.hooks in the chart values');
  return image;
}

export async function openTestCluster(name: string): Promise<TestCluster> {
  const provider = await selectProvider();
  const kubeconfig = provider.kubeconfigPath();
  const kube = connectKube(kubeconfig);
  const runId = Math.random().toString(36).slice(2, 8);
  const namespace = `dh-test-${name}-${runId}`;
  await createRunNamespace(kube, { name: namespace, runId, scenario: `test-${name}` });
  const kubectl = async (args: string[], input?: string) => {
    const result = await execa(kubectlBinary(), ['--kubeconfig', kubeconfig, '-n', namespace, ...args], {
      reject: false,
      ...(input === undefined ? {} : { input }),
    });
    return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
  };
  return {
    provider,
    kube,
    kubeconfig,
    namespace,
    kubectl,
    async kubectlOk(args, input) {
      const result = await kubectl(args, input);
      if (result.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.exitCode}):\n${result.stderr}`);
      return result.stdout;
    },
    toolboxImage: await toolboxImageFor(provider),
    async close() {
      await deleteNamespace(kube, namespace);
      await waitForNamespaceGone(kube, namespace, 120_000);
    },
  };
}

/** The container settings the restricted Pod Security Standard asks of every pod. */
export const restricted = {
  pod: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
  container: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
};

/** A restricted pod of the toolbox image that runs one shell command once, as the chart runs its scripts. */
export function toolboxPod(image: string, name: string, command: string, container: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      securityContext: restricted.pod,
      containers: [
        {
          name: 'main',
          image,
          imagePullPolicy: 'IfNotPresent',
          command: ['/bin/sh', '-c', command],
          securityContext: restricted.container,
          ...container,
        },
      ],
    } as Record<string, unknown>,
  };
}
