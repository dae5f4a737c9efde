// What the tests that take the local cluster down share: running `make` as a terminal does, and
// counting what is left of the cluster on the machine.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { clusterDir, repoRoot } from '../../harness/src/paths.js';

export const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
// Written by global-setup.js when it started the cluster (see cluster-marker.js).
const markerFile = path.join(repoRoot, '.cluster-started-by-tests');
const leftoversScript = path.join(repoRoot, 'cluster', 'local', 'leftovers.sh');
export const provider = (await selectProvider()).name;
export const owned = existsSync(markerFile) || process.env.CI === 'true';
/** A test that takes the local cluster down: it runs only when this test run owns the cluster, or in CI. */
export const lifecycleTest = provider === 'local' && owned ? test : test.skip;

/** `make TARGET` as a terminal runs it: its own process group, which a Ctrl-C signals as a whole. */
export function startMake(target: string) {
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

export async function finished(child: ResultPromise, ms: number) {
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  try {
    return await child;
  } finally {
    clearTimeout(timer);
  }
}

export async function make(target: string) {
  return finished(execa('make', ['--no-print-directory', target], { cwd: repoRoot, reject: false, all: true, stdin: 'ignore' }), 600_000);
}

/** Processes whose command line names this clone's tools or cluster directory, whoever their parent. */
export function clusterProcesses(): string[] {
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

export async function leftovers() {
  const result = await execa('bash', [leftoversScript], { reject: false });
  return result.stdout.trim();
}

export const nothingLeft = 'left over: processes=0 mounts=0 netns=0 interfaces=0 iptables_chains=0 cgroups=0 cni_results=0';

export async function clusterIsUp() {
  return (await execa('node', [cli, 'cluster', 'status'], { reject: false })).exitCode === 0;
}

export function pidsOfComponents(): number[] {
  const dir = path.join(clusterDir, 'pids');
  return readdirSync(dir).map((f) => Number(readFileSync(path.join(dir, f), 'utf8').trim()));
}


/** kubectl on the local cluster, as its admin. */
export const kubectl = (...args: string[]) =>
  execa(path.join(repoRoot, '.tools', 'bin', 'kubectl'), ['--kubeconfig', path.join(clusterDir, 'kubeconfig'), ...args]);

/** The toolbox image the local cluster builds, for a pod that only has to exist. */
export const toolboxImage = 'demo-hooks.local/toolbox:bookworm';
