// The kind leg (`make test-kind`, CLUSTER=kind): a real kind cluster comes up from nothing, its node
// is Ready, a failing Job really fails, pre-fail, post-fail and atomic pass on Helm 3 and 4 with the
// same history and hook outcomes the local provider recorded, and `cluster down` leaves nothing of
// kind's: no container, no network, no dockerd the project started, no change to the host's tables.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { clusterKubeconfig, repoRoot } from '../../harness/src/paths.js';
import { openTestCluster, restricted } from '../integration/support.js';

if (process.env.CLUSTER !== 'kind') throw new Error('the kind leg runs with CLUSTER=kind: `make test-kind`');

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
const env = { ...process.env, CLUSTER: 'kind' };
const demoHooks = (args: string[]) => execa('node', [cli, ...args], { reject: false, all: true, env });
const dockerd = path.join(repoRoot, 'cluster', 'kind', 'dockerd.sh');
const scenarios = ['pre-fail', 'post-fail', 'atomic'];
const reportDir = await mkdtemp(path.join(os.tmpdir(), 'dh-kind-leg-'));

/** What the host looked like before the cluster: interfaces and the rules of every table. */
async function hostNetwork() {
  const links = (await execa('ip', ['-o', 'link', 'show'])).stdout
    .split('\n')
    .map((l) => l.split(':')[1]?.trim().split('@')[0])
    .filter((name): name is string => !!name && !/^(veth|dh-)/.test(name)); // pods' veths of the local cluster come and go
  const rules = (await execa('iptables-save')).stdout
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.replace(/\[\d+:\d+\]/, '')); // counters move
  const ipForward = (await readFile('/proc/sys/net/ipv4/ip_forward', 'utf8')).trim();
  return { links: links.sort(), rules: rules.filter((r) => /DOCKER|kind/i.test(r)), ipForward };
}

let before: Awaited<ReturnType<typeof hostNetwork>>;
/** The local cluster's kubeconfig as it was before the leg (undefined: no local cluster here). */
let localKubeconfig: string | undefined;
let usersEngine: boolean;

/** The kind node containers of this cluster, in whichever engine the provider uses now (none: no engine answers). */
async function nodeContainers(): Promise<string[]> {
  const host = await execa('bash', [dockerd, 'host'], { reject: false });
  if (host.exitCode !== 0) return [];
  const ps = await execa('docker', ['ps', '-a', '-q', '--filter', 'label=io.x-k8s.kind.cluster=demo-hooks'], {
    reject: false,
    env: host.stdout.trim() ? { ...process.env, DOCKER_HOST: host.stdout.trim() } : process.env,
  });
  return ps.stdout.split('\n').filter(Boolean);
}

test('Ctrl-C during CLUSTER=kind cluster up removes the half-made node and the dockerd it started', async () => {
  // The global setup may have brought it up already: start from nothing, so this proves up and down.
  expect((await demoHooks(['cluster', 'down'])).exitCode).toBe(0);
  usersEngine = (await execa('docker', ['info'], { reject: false })).exitCode === 0;
  before = await hostNetwork();
  localKubeconfig = await readFile(clusterKubeconfig, 'utf8').catch(() => undefined);

  const up = execa('node', [cli, 'cluster', 'up'], { reject: false, all: true, env });
  // Interrupt once the node container exists, while kind is still booting it.
  const deadline = Date.now() + 120_000;
  while ((await nodeContainers()).length === 0) {
    if (Date.now() > deadline) throw new Error('no kind node container appeared within 120 s');
    if (up.exitCode !== null) throw new Error(`cluster up ended before it made a node: ${(await up).all}`);
  }
  up.kill('SIGINT');
  const result = await up;
  expect(result.exitCode).toBe(130);
  expect(await nodeContainers()).toEqual([]);
  if (!usersEngine) expect((await execa('bash', [dockerd, 'status'], { reject: false })).exitCode).not.toBe(0);
  expect(await hostNetwork()).toEqual(before);
  // A local cluster running beside kind still has its own kubeconfig, byte for byte.
  expect(await readFile(clusterKubeconfig, 'utf8').catch(() => undefined)).toBe(localKubeconfig);
}, 300_000);

test('CLUSTER=kind cluster up: a kind cluster from nothing, its node Ready', async () => {

  const started = Date.now();
  const up = await demoHooks(['cluster', 'up']);
  expect(up.all).not.toMatch(/error/);
  expect(up.exitCode).toBe(0);
  process.stdout.write(`kind cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  expect((await demoHooks(['cluster', 'status'])).exitCode).toBe(0);

  const cluster = await openTestCluster('kind-node');
  try {
    const nodes = JSON.parse(await cluster.kubectlOk(['get', 'nodes', '-o', 'json'])) as {
      items: { metadata: { name: string }; status: { conditions: { type: string; status: string }[] } }[];
    };
    expect(nodes.items.map((n) => n.metadata.name)).toEqual(['demo-hooks-control-plane']);
    expect(nodes.items[0]?.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
  } finally {
    await cluster.close();
  }
}, 900_000);

test('a Job whose pod exits 3 with backoffLimit 0 fails, and its pod says exit code 3', async () => {
  const cluster = await openTestCluster('kind-job');
  try {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'boom' },
      spec: {
        backoffLimit: 0,
        template: {
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            securityContext: restricted.pod,
            containers: [
              { name: 'main', image: cluster.toolboxImage, command: ['sh', '-c', 'echo boom; exit 3'], securityContext: restricted.container },
            ],
          },
        },
      },
    };
    await cluster.kubectlOk(['apply', '-f', '-'], JSON.stringify(job));
    await cluster.kubectlOk(['wait', 'job/boom', '--for=condition=Failed', '--timeout=120s']);
    const pods = JSON.parse(await cluster.kubectlOk(['get', 'pods', '-l', 'job-name=boom', '-o', 'json'])) as {
      items: { status: { phase: string; containerStatuses: { state: { terminated?: { exitCode: number } } }[] } }[];
    };
    expect(pods.items).toHaveLength(1);
    expect(pods.items[0]?.status.phase).toBe('Failed');
    expect(pods.items[0]?.status.containerStatuses[0]?.state.terminated?.exitCode).toBe(3);
    expect((await cluster.kubectlOk(['logs', 'job/boom'])).trim()).toBe('boom');
  } finally {
    await cluster.close();
  }
}, 300_000);

type Report = {
  history: { json: { revision: number; status: string; description: string }[] };
  timeline: { kind: string; hook?: string; what: string }[];
  release: string;
};

/** What must agree between providers: every revision's status and description, and each hook Job's end, in order. */
function outcomes(report: Report) {
  return {
    history: report.history.json.map((r) => ({ revision: r.revision, status: r.status, description: r.description.replaceAll(report.release, 'RELEASE') })),
    hooks: report.timeline.filter((e) => e.kind === 'Job' && (e.what === 'succeeded' || e.what === 'failed')).map((e) => `${e.hook} ${e.what}`),
  };
}

test('pre-fail, post-fail and atomic pass on Helm 3 and 4, with the local provider\'s history and hook outcomes', async () => {
  const run = await demoHooks(['run', ...scenarios, '--helm', '3,4', '--parallel', '2', '--report-dir', reportDir]);
  expect(run.all).toMatch(/passed/);
  expect(run.exitCode).toBe(0);
  for (const scenario of scenarios) {
    for (const helm of [3, 4]) {
      const name = `${scenario}-helm${helm}.json`;
      const onKind = JSON.parse(await readFile(path.join(reportDir, name), 'utf8')) as Report;
      const onLocal = JSON.parse(await readFile(path.join(repoRoot, 'test', 'unit', 'labs', 'fixtures', 'reports', name), 'utf8')) as Report;
      expect({ name, ...outcomes(onKind) }).toEqual({ name, ...outcomes(onLocal) });
    }
  }
}, 1_800_000);

test('CLUSTER=kind cluster down leaves nothing of kind\'s', async () => {
  const down = await demoHooks(['cluster', 'down']);
  expect(down.exitCode).toBe(0);
  expect((await demoHooks(['cluster', 'status'])).exitCode).not.toBe(0);
  if (usersEngine) {
    // The user's engine keeps running; only the cluster's node containers are gone.
    const left = await execa('docker', ['ps', '-a', '-q', '--filter', 'label=io.x-k8s.kind.cluster=demo-hooks']);
    expect(left.stdout.trim()).toBe('');
  } else {
    // The project's dockerd is stopped, and nothing answers on its socket.
    expect((await execa('bash', [dockerd, 'status'], { reject: false })).exitCode).not.toBe(0);
    expect((await execa('bash', [dockerd, 'host'], { reject: false })).exitCode).not.toBe(0);
  }
  // No interface (kind's bridge, a node's veth), no Docker chain, the same ip_forward as before.
  expect(await hostNetwork()).toEqual(before);
  // A local cluster running beside kind still has its own kubeconfig, byte for byte.
  expect(await readFile(clusterKubeconfig, 'utf8').catch(() => undefined)).toBe(localKubeconfig);
}, 300_000);
