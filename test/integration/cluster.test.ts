// Proof that the cluster under the scenarios is a real, working Kubernetes: the node is Ready,
// Jobs fail the way Helm's hooks see them fail, Deployments become Available, Services resolve by
// DNS, volumes bind and keep data, and Helm 3 and 4 can run a post-install hook on it.
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../harness/src/paths.js';
import { helmBinary } from '../../harness/src/tools.js';
import { openTestCluster, toolboxPod, type TestCluster } from './support.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await openTestCluster('cluster');
}, 120_000);
afterAll(async () => {
  await cluster?.close();
}, 180_000);

const json = <T>(text: string) => JSON.parse(text) as T;
type Conditions = { status: { conditions?: { type: string; status: string; reason?: string }[] } };

const pod = (name: string, command: string, extra: Record<string, unknown> = {}) => toolboxPod(cluster.toolboxImage, name, command, extra);

/** Runs a pod to completion and returns its phase and log. */
async function runPod(name: string, command: string, extra: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) {
  const manifest = pod(name, command, extra);
  Object.assign(manifest.spec, spec);
  await cluster.kubectlOk(['apply', '-f', '-'], JSON.stringify(manifest));
  await cluster.kubectlOk(['wait', `pod/${name}`, '--for=jsonpath={.status.phase}=Succeeded', '--timeout=90s']).catch(() => undefined);
  const phase = await cluster.kubectlOk(['get', 'pod', name, '-o', 'jsonpath={.status.phase}']);
  const log = await cluster.kubectlOk(['logs', name]);
  return { phase, log };
}

test('the node is Ready', async () => {
  const nodes = json<{ items: Conditions[] }>(await cluster.kubectlOk(['get', 'nodes', '-o', 'json']));
  expect(nodes.items.length).toBeGreaterThan(0);
  for (const node of nodes.items) {
    expect(node.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  }
});

test('a Job whose pod exits 1 with backoffLimit 0 fails with BackoffLimitExceeded', async () => {
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'boom' },
    spec: { backoffLimit: 0, template: { spec: pod('boom', 'echo boom; exit 1').spec } },
  };
  await cluster.kubectlOk(['apply', '-f', '-'], JSON.stringify(job));
  await cluster.kubectlOk(['wait', 'job/boom', '--for=condition=Failed', '--timeout=90s']);

  const status = json<Conditions>(await cluster.kubectlOk(['get', 'job', 'boom', '-o', 'json']));
  const failed = status.status.conditions?.find((c) => c.type === 'Failed');
  expect(failed).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded' });

  const pods = json<{ items: { status: { phase: string; containerStatuses: { state: { terminated?: { exitCode: number } } }[] } }[] }>(
    await cluster.kubectlOk(['get', 'pods', '-l', 'job-name=boom', '-o', 'json']),
  );
  expect(pods.items).toHaveLength(1);
  expect(pods.items[0]?.status.phase).toBe('Failed');
  expect(pods.items[0]?.status.containerStatuses[0]?.state.terminated?.exitCode).toBe(1);
  expect((await cluster.kubectlOk(['logs', 'job/boom'])).trim()).toBe('boom');
}, 120_000);

test('a Deployment becomes Available and a pod reaches its Service by cluster DNS name', async () => {
  const web = pod('web', 'mkdir -p /tmp/www && echo hello-from-web > /tmp/www/index.html && exec busybox httpd -f -p 8080 -h /tmp/www', {
    readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 1 },
  });
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { ...web.spec, restartPolicy: 'Always' } },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
  };
  await cluster.kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [deployment, service] }));
  await cluster.kubectlOk(['wait', 'deployment/web', '--for=condition=Available', '--timeout=120s']);

  const url = `http://web.${cluster.namespace}.svc.cluster.local/`;
  const client = await runPod('web-client', `wget -q -O- ${url}`);
  expect(client.phase).toBe('Succeeded');
  expect(client.log.trim()).toBe('hello-from-web');
}, 180_000);

test('a PVC binds, and a file written by one pod is read by the next', async () => {
  const claim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Mi' } } },
  };
  await cluster.kubectlOk(['apply', '-f', '-'], JSON.stringify(claim));
  const withVolume = {
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
  };
  const mount = { volumeMounts: [{ name: 'data', mountPath: '/data' }] };

  const writer = await runPod('writer', 'echo written-by-writer > /data/note.txt', mount, withVolume);
  expect(writer.phase).toBe('Succeeded');
  expect(await cluster.kubectlOk(['get', 'pvc', 'data', '-o', 'jsonpath={.status.phase}'])).toBe('Bound');

  const reader = await runPod('reader', 'cat /data/note.txt', mount, withVolume);
  expect(reader.phase).toBe('Succeeded');
  expect(reader.log.trim()).toBe('written-by-writer');
}, 180_000);

// cluster/local/config/addons.yaml: the local node may read any claim, so a pod the Node
// authorizer's graph has not caught up with still mounts at once; secrets stay the Node
// authorizer's. kind's node keeps kubeadm's rules, and a cluster of the user's is never touched.
test('only the local cluster lets its node read volume claims of pods not yet its own, and never secrets', async () => {
  const binding = await cluster.kubectl(['get', 'clusterrolebinding', 'demo-hooks:node-reads-volume-claims', '-o', 'name']);
  expect(binding.exitCode === 0).toBe(cluster.provider.name === 'local');
  if (cluster.provider.name === 'existing') return;
  const node = (await cluster.kubectlOk(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).trim();
  // --quiet: the answer is the exit code alone (0 yes, 1 no), without the authorizer's reason.
  const asNode = async (what: string) =>
    (await cluster.kubectl(['auth', 'can-i', '--quiet', 'get', what, '--as', `system:node:${node}`, '--as-group', 'system:nodes'])).exitCode === 0 ? 'yes' : 'no';
  const claims = cluster.provider.name === 'local' ? 'yes' : 'no';
  expect(await asNode('persistentvolumeclaims/no-pod-uses-this')).toBe(claims);
  expect(await asNode('persistentvolumes/no-pod-uses-this')).toBe(claims);
  expect(await asNode('secrets/no-pod-uses-this')).toBe('no');
  expect(await asNode('configmaps/no-pod-uses-this')).toBe('no');
});

describe.each([3, 4] as const)('Helm %i', (major) => {
  test('installs a chart whose post-install Job hook succeeds', async () => {
    const release = `hook-h${major}`;
    const chart = path.join(repoRoot, 'test', 'fixtures', 'charts', 'post-install-hook');
    const install = await execa(
      helmBinary(major),
      ['install', release, chart, '--kubeconfig', cluster.kubeconfig, '--namespace', cluster.namespace, '--set', `image=${cluster.toolboxImage}`, '--timeout', '2m'],
      { reject: false },
    );
    expect({ exitCode: install.exitCode, stderr: install.stderr }).toEqual({ exitCode: 0, stderr: '' });

    const status = json<{ info: { status: string }; hooks: { name: string; last_run: { phase: string } }[] }>(
      (await execa(helmBinary(major), ['status', release, '-o', 'json', '--kubeconfig', cluster.kubeconfig, '--namespace', cluster.namespace])).stdout,
    );
    expect(status.info.status).toBe('deployed');
    expect(status.hooks.map((h) => [h.name, h.last_run.phase])).toEqual([[`${release}-post-install`, 'Succeeded']]);
    expect((await cluster.kubectlOk(['logs', `job/${release}-post-install`])).trim()).toBe(`post-install hook ran for ${release}`);
  }, 180_000);
});
