// What `make cluster` does when it is stopped half-way or finds the wreck of an earlier cluster:
// Ctrl-C removes everything it had started; a cluster killed mid-start or crashed while running is
// cleaned up by the next `make cluster`, which then comes up. Each case takes the real cluster
// down, so they run only when this test run owns it (global-setup.js started it) or in CI; the
// cluster is up again when they finish, for the files that follow.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { clusterDir, repoRoot } from '../../harness/src/paths.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
// Written by global-setup.js when it started the cluster (see cluster-marker.js).
const markerFile = path.join(repoRoot, '.cluster-started-by-tests');
const leftoversScript = path.join(repoRoot, 'cluster', 'local', 'leftovers.sh');
const provider = (await selectProvider()).name;
const owned = existsSync(markerFile) || process.env.CI === 'true';
if (provider === 'local' && !owned) {
  process.stderr.write(
    'local-cluster-lifecycle: skipped, the cluster was up before this test run and these tests take it down ' +
      '(run `make cluster-down` first, or set CI=true)\n',
  );
}
const lifecycleTest = provider === 'local' && owned ? test : test.skip;

/** `make TARGET` as a terminal runs it: its own process group, which a Ctrl-C signals as a whole. */
function startMake(target: string) {
  const child = execa('make', ['--no-print-directory', target], { cwd: repoRoot, reject: false, all: true, detached: true, stdin: 'ignore' });
  let output = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters.filter((w) => w.pattern.test(output))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    child,
    output: () => output,
    /** Resolves when the output matches; rejects at the deadline or if make ends first. */
    waitForOutput(pattern: RegExp, ms: number): Promise<void> {
      if (pattern.test(output)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms / 1000}s; output so far:\n${output}`)), ms);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
        void child.then(() => reject(new Error(`make ${target} ended before ${pattern}; output:\n${output}`)));
      });
    },
    signalGroup(sig: NodeJS.Signals) {
      process.kill(-child.pid!, sig);
    },
  };
}

async function finished(child: ResultPromise, ms: number) {
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  try {
    return await child;
  } finally {
    clearTimeout(timer);
  }
}

async function make(target: string) {
  return finished(execa('make', ['--no-print-directory', target], { cwd: repoRoot, reject: false, all: true, stdin: 'ignore' }), 600_000);
}

/** Processes whose command line names this clone's tools or cluster directory, whoever their parent. */
function clusterProcesses(): string[] {
  const marks = [path.join(repoRoot, '.tools', 'bin') + '/', clusterDir + '/'];
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      continue;
    }
    if (marks.some((m) => cmdline.includes(m))) found.push(`${pid} ${cmdline.slice(0, 120)}`);
  }
  return found;
}

async function leftovers() {
  const result = await execa('bash', [leftoversScript], { reject: false });
  return result.stdout.trim();
}

const nothingLeft = 'left over: processes=0 mounts=0 netns=0 interfaces=0 iptables_chains=0 cgroups=0';

async function clusterIsUp() {
  return (await execa('node', [cli, 'cluster', 'status'], { reject: false })).exitCode === 0;
}

function pidsOfComponents(): number[] {
  const dir = path.join(clusterDir, 'pids');
  return readdirSync(dir).map((f) => Number(readFileSync(path.join(dir, f), 'utf8').trim()));
}

// Whatever happens above, the files after this one get a running cluster.
afterAll(async () => {
  if (provider === 'local' && owned && !(await clusterIsUp())) await make('cluster');
}, 600_000);

lifecycleTest('Ctrl-C during `make cluster` stops it and removes everything it had started', async () => {
  expect((await make('cluster-down')).exitCode).toBe(0);
  expect(await leftovers()).toBe(nothingLeft);

  const run = startMake('cluster');
  // By then etcd, the API server, the controller manager and the scheduler are running.
  await run.waitForOutput(/kube-apiserver ready/, 120_000);
  run.signalGroup('SIGINT');
  const result = await finished(run.child, 120_000);

  expect(result.exitCode === 0 && !result.signal).toBe(false);
  expect(run.output()).toMatch(/interrupted/);
  expect(run.output()).toMatch(/cluster did not come up; removing what was started/);
  expect(run.output()).toMatch(/local cluster removed/);
  // make returns only after the clean-up: nothing is left the moment it has.
  expect(clusterProcesses()).toEqual([]);
  expect(await leftovers()).toBe(nothingLeft);
  expect(existsSync(clusterDir)).toBe(false);
}, 300_000);

lifecycleTest('`make cluster` killed outright half-way: the next `make cluster` cleans up and comes up', async () => {
  const run = startMake('cluster');
  await run.waitForOutput(/containerd ready/, 120_000);
  // SIGKILL cannot be trapped: the components started so far keep running, with nothing to stop them.
  run.signalGroup('SIGKILL');
  await finished(run.child, 30_000);
  const survivors = clusterProcesses();
  expect(survivors.length).toBeGreaterThan(0);

  const again = await make('cluster');
  expect(again.all).toMatch(/found a stopped or half-started cluster in \S+: cleaning it up first/);
  expect(again.exitCode).toBe(0);
  expect(await clusterIsUp()).toBe(true);
  // None of the half-started processes is among the running cluster's.
  const running = pidsOfComponents();
  for (const line of survivors) expect(running).not.toContain(Number(line.split(' ')[0]));
}, 600_000);

lifecycleTest('a crashed cluster (every component killed, a pod left running) is cleaned up by the next `make cluster`', async () => {
  const kubectl = (...args: string[]) => execa(path.join(repoRoot, '.tools', 'bin', 'kubectl'), ['--kubeconfig', path.join(clusterDir, 'kubeconfig'), ...args]);
  const image = 'demo-hooks.local/toolbox:bookworm';
  // A pod gives the crash something to leave behind: its container, network namespace, veth and cgroup.
  await kubectl('run', 'crash-witness', '-n', 'default', `--image=${image}`, '--image-pull-policy=Never', '--restart=Never', '--command', '--', 'sleep', '3607');
  await kubectl('wait', '-n', 'default', '--for=condition=Ready', 'pod/crash-witness', '--timeout=120s');
  for (const pid of pidsOfComponents()) process.kill(pid, 'SIGKILL');
  expect(await leftovers()).not.toBe(nothingLeft);
  const witness = (await execa('pgrep', ['-f', '^sleep 3607$'], { reject: false })).stdout.trim();
  expect(witness).not.toBe('');

  const again = await make('cluster');
  expect(again.all).toMatch(/found a stopped or half-started cluster in \S+: cleaning it up first/);
  expect(again.exitCode).toBe(0);
  expect(await clusterIsUp()).toBe(true);
  // The old pod's process is gone, and the new cluster starts empty.
  expect((await execa('pgrep', ['-f', '^sleep 3607$'], { reject: false })).stdout.trim()).toBe('');
  expect((await kubectl('get', 'pods', '-A', '-o', 'name')).stdout.trim()).toBe('');
}, 600_000);
