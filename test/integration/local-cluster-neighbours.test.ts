// The local cluster next to another Kubernetes on the same machine. Before these tests, the traces
// such a neighbour (k3s, k0s, a kubeadm node) leaves on a host are made by hand: a process in a
// kubepods cgroup of every hierarchy, KUBE-*/CNI-* chains in the host's nat and filter tables, and
// cni-* network namespaces (a veth pair each, no dummy module needed), one with an address in this cluster's own pod range. Every way this
// project brings its cluster down or up must leave all of them as they were, and still leave
// nothing of its own behind. Like the lifecycle tests, these take the cluster down, so they run
// only when this test run owns it or in CI.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { repoRoot } from '../../harness/src/paths.js';
import {
  clusterIsUp,
  kubectl,
  leftovers,
  lifecycleTest,
  make,
  nothingLeft,
  owned,
  pidsOfComponents,
  provider,
  toolboxImage,
} from './local-cluster-support.js';

if (provider === 'local' && !owned) {
  process.stderr.write('local-cluster-neighbours: skipped, the cluster was up before this test run and these tests take it down (set CI=true)\n');
}

const tag = randomBytes(3).toString('hex').toUpperCase();
const chains = {
  nat: [`KUBE-SVC-NEIGHBOUR${tag}`, `KUBE-SEP-NEIGHBOUR${tag}`, 'KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-KUBELET-CANARY', `CNI-NEIGHBOUR${tag}`],
  filter: [`KUBE-NEIGHBOUR${tag}`, 'KUBE-FIREWALL', 'KUBE-KUBELET-CANARY', 'KUBE-FORWARD', `CNI-NEIGHBOUR${tag}`],
} as const;
const netnsOutside = `cni-neighbour-${tag.toLowerCase()}-a`;
const netnsInside = `cni-neighbour-${tag.toLowerCase()}-b`;
const addresses = { [netnsOutside]: '10.42.0.7/24', [netnsInside]: '10.244.0.250/24' };

function cgroupHierarchies(): string[] {
  return readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f[2] === 'cgroup' || f[2] === 'cgroup2')
    .map((f) => f[1]!);
}
const podCgroup = `kubepods/besteffort/podneighbour${tag.toLowerCase()}`;
let sleeper: ResultPromise | undefined;
const createdChains: { table: string; chain: string }[] = [];

const sh = (cmd: string, args: string[]) => execa(cmd, args, { reject: false });

async function makeNeighbourTraces() {
  // A process in a pod cgroup of every hierarchy, where a neighbour's kubelet would put it.
  sleeper = execa('sleep', ['86400'], { reject: false, detached: true, stdin: 'ignore' });
  for (const h of cgroupHierarchies()) {
    let dir = h;
    for (const part of podCgroup.split('/')) {
      const parent = dir;
      dir = path.join(dir, part);
      if (existsSync(dir)) continue;
      mkdirSync(dir);
      // A v1 cpuset cgroup starts with no CPUs or memory nodes, and takes no process until given some.
      for (const file of ['cpuset.cpus', 'cpuset.mems']) {
        if (existsSync(path.join(dir, file))) writeFileSync(path.join(dir, file), readFileSync(path.join(parent, file), 'utf8').trim() || '\n');
      }
    }
    writeFileSync(path.join(dir, 'cgroup.procs'), String(sleeper.pid));
  }
  for (const [table, names] of Object.entries(chains)) {
    for (const chain of names) {
      // A chain the machine already has (another Kubernetes really is there) is left as it is.
      if ((await sh('iptables', ['-t', table, '-n', '-L', chain])).exitCode === 0) continue;
      expect((await sh('iptables', ['-t', table, '-N', chain])).exitCode).toBe(0);
      expect((await sh('iptables', ['-t', table, '-A', chain, '-s', '192.0.2.1/32', '-m', 'comment', '--comment', `neighbour ${tag}`, '-j', 'RETURN'])).exitCode).toBe(0);
      createdChains.push({ table, chain });
    }
  }
  for (const [ns, address] of Object.entries(addresses)) {
    expect((await sh('ip', ['netns', 'add', ns])).exitCode).toBe(0);
    expect((await sh('ip', ['-n', ns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth1'])).exitCode).toBe(0);
    expect((await sh('ip', ['-n', ns, 'addr', 'add', address, 'dev', 'eth0'])).exitCode).toBe(0);
  }
}

/** What of the neighbour's traces is missing now: nothing, when all survived. */
async function missingNeighbourTraces(): Promise<string[]> {
  const missing: string[] = [];
  const status = sleeper?.pid && existsSync(`/proc/${sleeper.pid}/status`) ? readFileSync(`/proc/${sleeper.pid}/status`, 'utf8') : '';
  if (!/^State:\s*[RS]/m.test(status)) missing.push('the pod process');
  for (const h of cgroupHierarchies()) {
    const procs = path.join(h, podCgroup, 'cgroup.procs');
    if (!existsSync(procs) || !readFileSync(procs, 'utf8').split('\n').includes(String(sleeper?.pid))) missing.push(`cgroup ${path.join(h, podCgroup)}`);
  }
  for (const { table, chain } of createdChains) {
    const rules = await sh('iptables', ['-t', table, '-S', chain]);
    if (rules.exitCode !== 0 || !rules.stdout.includes(`neighbour ${tag}`)) missing.push(`iptables -t ${table} ${chain}`);
  }
  for (const [ns, address] of Object.entries(addresses)) {
    const addr = await sh('ip', ['-n', ns, '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
    if (addr.exitCode !== 0 || !addr.stdout.includes(address)) missing.push(`netns ${ns} with ${address}`);
  }
  return missing;
}

async function removeNeighbourTraces() {
  sleeper?.kill('SIGKILL');
  await sleeper?.catch(() => undefined);
  for (const h of cgroupHierarchies()) {
    for (const dir of [podCgroup, 'kubepods/besteffort', 'kubepods']) {
      try {
        rmdirSync(path.join(h, dir));
      } catch {
        // Not empty (a real neighbour's), or already gone.
      }
    }
  }
  for (const { table, chain } of createdChains.reverse()) {
    await sh('iptables', ['-t', table, '-F', chain]);
    await sh('iptables', ['-t', table, '-X', chain]);
  }
  for (const ns of Object.keys(addresses)) await sh('ip', ['netns', 'delete', ns]);
}

/** Our own cluster's marks, made by hand as a crash would leave them with .cluster/ already gone. */
async function makeOwnLeftovers() {
  const script = `source ${JSON.stringify(path.join(repoRoot, 'cluster', 'local', 'lib.sh'))}; ip netns add "$NODE_NETNS" && for h in $(cgroup_hierarchies); do mkdir -p "$h/$CGROUP_ROOT/kubepods"; done`;
  expect((await execa('bash', ['-c', script], { reject: false })).exitCode).toBe(0);
}

beforeAll(async () => {
  if (provider === 'local' && owned) await makeNeighbourTraces();
}, 60_000);

afterAll(async () => {
  if (!(provider === 'local' && owned)) return;
  await removeNeighbourTraces();
  if (!(await clusterIsUp())) await make('cluster');
}, 600_000);

lifecycleTest('the neighbour is there before anything runs', async () => {
  expect(await missingNeighbourTraces()).toEqual([]);
});

lifecycleTest('`make cluster-down` of our running cluster leaves the neighbour alone and nothing of ours', async () => {
  const down = await make('cluster-down');
  expect(down.exitCode).toBe(0);
  expect(await leftovers()).toBe(nothingLeft);
  expect(await missingNeighbourTraces()).toEqual([]);
}, 300_000);

lifecycleTest('`make cluster-down` with no cluster of ours leaves the neighbour alone', async () => {
  const down = await make('cluster-down');
  expect(down.exitCode).toBe(0);
  expect(await leftovers()).toBe(nothingLeft);
  expect(await missingNeighbourTraces()).toEqual([]);
}, 300_000);

lifecycleTest('`make cluster` removes what our crashed cluster left, and only that', async () => {
  await makeOwnLeftovers();
  expect(await leftovers()).not.toBe(nothingLeft);
  const up = await make('cluster');
  expect(up.all).toMatch(/removing what an earlier cluster left on this machine/);
  expect(up.exitCode).toBe(0);
  expect(await clusterIsUp()).toBe(true);
  expect(await missingNeighbourTraces()).toEqual([]);
}, 600_000);

lifecycleTest('down.sh after our cluster was SIGKILLed, with a pod running, leaves the neighbour alone', async () => {
  await kubectl('run', 'neighbour-witness', '-n', 'default', `--image=${toolboxImage}`, '--image-pull-policy=Never', '--restart=Never', '--command', '--', 'sleep', '3613');
  await kubectl('wait', '-n', 'default', '--for=condition=Ready', 'pod/neighbour-witness', '--timeout=120s');
  for (const pid of pidsOfComponents()) process.kill(pid, 'SIGKILL');
  expect(await leftovers()).not.toBe(nothingLeft);

  const down = await make('cluster-down');
  expect(down.exitCode).toBe(0);
  expect((await execa('pgrep', ['-f', '^sleep 3613$'], { reject: false })).stdout.trim()).toBe('');
  expect(await leftovers()).toBe(nothingLeft);
  expect(await missingNeighbourTraces()).toEqual([]);

  // And the cluster comes up again beside the neighbour, for the files that follow.
  expect((await make('cluster')).exitCode).toBe(0);
  expect(await missingNeighbourTraces()).toEqual([]);
}, 900_000);
