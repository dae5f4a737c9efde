// The CLI as a new user meets it: every row of issue #10's table, run as a real process
// (`node bin/demo-hooks.js …`), checked by exit code and the first line of stderr.
//
// None of these may touch a cluster. Every process gets CLUSTER=existing with a kubeconfig whose
// server refuses connections, so a command that wrongly went on to act would end with exit 3
// instead of the code asserted, and could never start, stop or clean a real cluster.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { parseVersions } from '../../../harness/src/cluster/versions.js';
import { repoRoot } from '../../../harness/src/paths.js';
import { scratchDir } from '../../support/scratch-dir.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
const unreachable = path.join(repoRoot, 'test', 'unit', 'harness', 'fixtures', 'unreachable.kubeconfig');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

/** The caller's environment without anything that steers the CLI, then the test's own settings. */
function envFor(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['CLUSTER', 'KUBECONFIG', 'KUBE_CONTEXT', 'HELM_VERSION', 'NO_COLOR', 'FORCE_COLOR', 'TERM', 'DEMO_HOOKS_CLUSTER_DIR']) delete env[name];
  // KUBECACHEDIR: what Helm or kubectl cache of these throwaway servers stays out of ~/.kube/cache.
  return { ...env, CLUSTER: 'existing', KUBECONFIG: unreachable, KUBECACHEDIR: kubeCache, ...extra };
}

function demoHooks(args: string[], env: Record<string, string> = {}): ResultPromise<{ reject: false; env: NodeJS.ProcessEnv; extendEnv: false }> {
  return execa('node', [cli, ...args], { reject: false, env: envFor(env), extendEnv: false });
}

const kubeCache = scratchDir('dh-cli-kube-cache-');

const firstLine = (text: string) => text.split('\n')[0] ?? '';
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

// exit 2, `demo-hooks: <what is wrong, what is accepted>`, then the failing command's usage.
const usageRows: [string, string[], Record<string, string>, string, string][] = [
  ['an unknown flag', ['run', 'pre-fail', '--bogus'], {}, "demo-hooks: unknown option '--bogus'; run takes --helm, --parallel, --up, --keep, --check-cleanup, --values, --report-dir, --deadline, --log-lines, --log-bytes, --lost-cluster-grace, --help", 'Usage: demo-hooks run'],
  ['a misspelt flag', ['run', 'pre-fail', '--kep'], {}, "demo-hooks: unknown option '--kep' (did you mean --keep?); run takes --helm, --parallel, --up, --keep, --check-cleanup, --values, --report-dir, --deadline, --log-lines, --log-bytes, --lost-cluster-grace, --help", 'Usage: demo-hooks run'],
  ['--helm without its value', ['run', 'pre-fail', '--helm'], {}, "demo-hooks: option '--helm <versions>' argument missing (the Helm releases to run on: 3 or 4 (the pinned builds), an exact release (3.18.6, built on first use), or a list with commas)", 'Usage: demo-hooks run'],
  ['--helm 5', ['run', 'pre-fail', '--helm', '5'], {}, "demo-hooks: '5' is not a value for --helm <versions>: use 3, 4, an exact release such as 3.18.6 or v4.1.0, or a list of them with commas (3,4.1.0)", 'Usage: demo-hooks run'],
  ['--helm 3.99', ['run', 'pre-fail', '--helm', '3.99'], {}, "demo-hooks: '3.99' is not a value for --helm <versions>: use 3, 4, an exact release such as 3.18.6 or v4.1.0, or a list of them with commas (3,4.1.0)", 'Usage: demo-hooks run'],
  ['--helm 3,v3.x', ['run', 'pre-fail', '--helm', '3,v3.x'], {}, `demo-hooks: '3,v3.x' is not a value for --helm <versions>: "v3.x" is not a Helm major or release: use 3, 4, an exact release such as 3.18.6 or v4.1.0, or a list of them with commas (3,4.1.0)`, 'Usage: demo-hooks run'],
  // Well formed, but not a release: the module proxy is asked (hack/tools.sh), before any cluster is.
  ['--helm 3.99.0', ['run', 'pre-fail', '--helm', '3.99.0'], {}, 'demo-hooks: Helm v3.99.0 is not a release: go list -m helm.sh/helm/v3@v3.99.0 says "', 'Usage: demo-hooks run'],
  ['--deadline -3', ['run', 'pre-fail', '--deadline', '-3'], {}, "demo-hooks: '-3' is not a value for --deadline <seconds>: use a whole number of seconds, 1 or more", 'Usage: demo-hooks run'],
  ['--values of a missing file', ['run', 'pre-fail', '--values', 'nope.yaml'], {}, "demo-hooks: 'nope.yaml' is not a value for --values <file>: no readable file nope.yaml: give a YAML values file, e.g. --values my-values.yaml", 'Usage: demo-hooks run'],
  ['--values of a directory', ['run', 'pre-fail', '--values', 'charts'], {}, "demo-hooks: 'charts' is not a value for --values <file>: no readable file charts: give a YAML values file, e.g. --values my-values.yaml", 'Usage: demo-hooks run'],
  ['--parallel 0', ['run', 'pre-fail', '--parallel', '0'], {}, "demo-hooks: '0' is not a value for --parallel <n>: use a whole number, 1 or more", 'Usage: demo-hooks run'],
  ['--lost-cluster-grace 0', ['run', 'pre-fail', '--lost-cluster-grace', '0'], {}, "demo-hooks: '0' is not a value for --lost-cluster-grace <seconds>: use a whole number of seconds, 1 or more", 'Usage: demo-hooks run'],
  ['atlas --releases 3.18', ['atlas', '--releases', '3.18'], {}, "demo-hooks: '3.18' is not a value for --releases <versions>: use 3, 4, an exact release such as 3.18.6 or v4.1.0, or a list of them with commas (3,4.1.0)", 'Usage: demo-hooks atlas'],
  ['atlas of an unknown scenario', ['atlas', 'nope'], {}, 'demo-hooks: unknown scenario "nope"; known scenarios: ', 'Usage: demo-hooks atlas'],
  ['--log-lines many', ['run', 'pre-fail', '--log-lines', 'many'], {}, "demo-hooks: 'many' is not a value for --log-lines <n>: use a whole number of lines, 1 or more", 'Usage: demo-hooks run'],
  ['observe --log-bytes 0', ['observe', '--log-bytes', '0', '--', 'helm', 'status', 'x'], {}, "demo-hooks: '0' is not a value for --log-bytes <n>: use a whole number of bytes, 1 or more", 'Usage: demo-hooks observe'],
  ['HELM_VERSION=5', ['run', 'pre-fail'], { HELM_VERSION: '5' }, 'demo-hooks: HELM_VERSION=5 is not a value for --helm <versions>: use 3, 4, an exact release such as 3.18.6 or v4.1.0, or a list of them with commas (3,4.1.0)', 'Usage: demo-hooks run'],
  ['HELM_VERSION=4,3.99', ['run', 'pre-fail'], { HELM_VERSION: '4,3.99' }, 'demo-hooks: HELM_VERSION=4,3.99 is not a value for --helm <versions>: "3.99" is not a Helm major or release: use 3, 4, an exact release such as 3.18.6 or v4.1.0, or a list of them with commas (3,4.1.0)', 'Usage: demo-hooks run'],
  ['run all nope', ['run', 'all', 'nope'], {}, 'demo-hooks: unknown scenario "nope"; known scenarios: ', 'Usage: demo-hooks run'],
  ['run all pre-fail', ['run', 'all', 'pre-fail'], {}, 'demo-hooks: "all" already names every scenario; give it alone, or name scenarios without it (not also "pre-fail")', 'Usage: demo-hooks run'],
  ['run with no scenario', ['run'], {}, 'demo-hooks: missing required argument \'name\' (scenario names as `demo-hooks list` shows them, or "all")', 'Usage: demo-hooks run'],
  ['no command', [], {}, 'demo-hooks: no command given: use list, run, atlas, cluster, clean, observe, report or picture', 'Usage: demo-hooks [options] [command]'],
  ['an unknown command', ['nope'], {}, "demo-hooks: unknown command 'nope'; use list, run, atlas, cluster, clean, observe, report or picture", 'Usage: demo-hooks [options] [command]'],
  ['cluster alone', ['cluster'], {}, 'demo-hooks: cluster needs one of up, down, provider, env or status', 'Usage: demo-hooks cluster'],
  ['help for a command that does not exist', ['help', 'nope'], {}, "demo-hooks: unknown command 'nope'; use list, run, atlas, cluster, clean, observe, report or picture", 'Usage: demo-hooks [options] [command]'],
  ['cluster nope', ['cluster', 'nope'], {}, "demo-hooks: unknown command 'nope'; use up, down, provider, env or status", 'Usage: demo-hooks cluster'],
  ['HELM_VERSION=5 for cluster up', ['cluster', 'up'], { HELM_VERSION: '5' }, 'demo-hooks: HELM_VERSION=5 is not a Helm version: use 3, 4, an exact release such as 3.18.6 or v4.1.0, or a list of them with commas (3,4.1.0)', 'Usage: demo-hooks cluster up'],
  ['cluster up with an argument', ['cluster', 'up', 'now'], {}, "demo-hooks: too many arguments for 'up'. Expected 0 arguments but got 1", 'Usage: demo-hooks cluster up'],
  ['clean --bogus', ['clean', '--bogus'], {}, "demo-hooks: unknown option '--bogus'; clean takes --force, --help", 'Usage: demo-hooks clean'],
  ['CLUSTER=nope', ['clean'], { CLUSTER: 'nope' }, 'demo-hooks: CLUSTER=nope is not a provider: use one of kind, local, existing', 'Usage: demo-hooks [options] [command]'],
];

describe('a bad command line: one line naming the argument and what it accepts, the usage, exit 2', () => {
  test.concurrent.each(usageRows)('%s', async (_, args, env, line, usage) => {
    const r = await demoHooks(args, env);
    expect({ exitCode: r.exitCode, first: firstLine(r.stderr).slice(0, line.length) }).toEqual({ exitCode: 2, first: line });
    // Exactly one line of complaint, then a blank line and the usage of the command that failed.
    expect(r.stderr.split('\n')[1]).toBe('');
    expect(r.stderr.split('\n')[2]).toMatch(new RegExp(`^${usage.replace(/[[\]]/g, '\\$&')}`));
    expect(r.stdout).toBe('');
    noStackTrace(r.stderr);
  }, 60_000);
});

describe('--help on every verb prints its usage, exits 0 and does nothing else', () => {
  // With an unreachable cluster configured, any verb that went on to act would exit 3.
  test.concurrent.each([
    [['--help'], 'Usage: demo-hooks [options] [command]'],
    [['help', 'run'], 'Usage: demo-hooks run [options] <name...>'],
    [['list', '--help'], 'Usage: demo-hooks list [options]'],
    [['run', '--help'], 'Usage: demo-hooks run [options] <name...>'],
    [['run', 'pre-fail', '--help'], 'Usage: demo-hooks run [options] <name...>'],
    [['clean', '--help'], 'Usage: demo-hooks clean [options] [namespace...]'],
    [['observe', '--help'], 'Usage: demo-hooks observe [options] -- helm ARGS...'],
    [['report', '--help'], 'Usage: demo-hooks report [options] <file.json>'],
    [['picture', '--help'], 'Usage: demo-hooks picture [options]'],
    [['cluster', '--help'], 'Usage: demo-hooks cluster [options] [command]'],
    [['cluster', 'up', '--help'], 'Usage: demo-hooks cluster up [options]'],
    [['cluster', 'down', '--help'], 'Usage: demo-hooks cluster down [options]'],
    [['cluster', 'status', '--help'], 'Usage: demo-hooks cluster status [options]'],
    [['cluster', 'provider', '--help'], 'Usage: demo-hooks cluster provider [options]'],
  ])('%j', async (args, usage) => {
    const r = await demoHooks(args);
    expect({ exitCode: r.exitCode, stderr: r.stderr, first: firstLine(r.stdout) }).toEqual({ exitCode: 0, stderr: '', first: usage });
  }, 60_000);

  it('the top-level help lists the exit codes', async () => {
    const r = await demoHooks(['--help']);
    expect(r.stdout).toMatch(/Exit codes:\n {2}0 +every run passed\n {2}1 +a scenario did not pass\n {2}2 +a bad command line/);
    expect(r.stdout).toMatch(/ 3 +the environment/);
    expect(r.stdout).toMatch(/ 4 +every run passed, but one left something behind/);
    expect(r.stdout).toMatch(/130 +interrupted by Ctrl-C \(SIGINT\); 143 by SIGTERM/);
  }, 60_000);
});

describe('--version', () => {
  it("prints the project's version and every tool version pinned in hack/versions.env", async () => {
    const r = await demoHooks(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([`demo-hooks ${pkg.version}`, 'pinned in hack/versions.env:']);
    const pinned = parseVersions(readFileSync(path.join(repoRoot, 'hack', 'versions.env'), 'utf8'));
    expect(Object.keys(pinned)).toEqual(expect.arrayContaining(['HELM3_VERSION', 'HELM4_VERSION', 'KUBERNETES_VERSION']));
    const printed = lines.slice(2).map((l) => l.trim().split(/\s+/));
    expect(printed).toEqual(Object.entries(pinned).map(([key, value]) => [key.replace(/_VERSION$/, '').toLowerCase().replaceAll('_', '-'), value]));
  }, 60_000);
});

describe('the existing provider, unreachable', () => {
  it('gives advice for a cluster this project does not own, not "run make cluster"', async () => {
    const r = await demoHooks(['clean']);
    expect(r.exitCode).toBe(3);
    expect(firstLine(r.stderr)).toMatch(
      /^demo-hooks: no reachable cluster at https:\/\/127\.0\.0\.1:1 \(existing, kubeconfig test\/unit\/harness\/fixtures\/unreachable\.kubeconfig\): .*ECONNREFUSED.*; check KUBECONFIG\/KUBE_CONTEXT, or use CLUSTER=local or CLUSTER=kind$/,
    );
    expect(r.stderr).not.toContain('make cluster');
  }, 60_000);

  it('cluster status says the same, and exits 3', async () => {
    const r = await demoHooks(['cluster', 'status']);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toMatch(/^reachable: +no \(.*ECONNREFUSED.*\): check KUBECONFIG\/KUBE_CONTEXT, or use CLUSTER=local or CLUSTER=kind$/m);
    expect(r.stdout).not.toContain('make cluster');
  }, 60_000);
});

describe('signals', () => {
  // An API server that takes the connection and never answers: the CLI is then waiting on the
  // cluster, where an interrupted run has made nothing yet. The test signals it the moment the
  // connection arrives.
  let server: net.Server;
  let dir: string;
  let kubeconfig: string;
  const sockets = new Set<net.Socket>();
  let connected: () => void = () => undefined;

  beforeAll(async () => {
    server = net.createServer((socket) => {
      sockets.add(socket);
      connected();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    dir = mkdtempSync(path.join(os.tmpdir(), 'dh-cli-signals-'));
    kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      readFileSync(unreachable, 'utf8').replace('https://127.0.0.1:1', `https://127.0.0.1:${port}`),
    );
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s while the CLI waits for the cluster exits %i', async (signal, code) => {
    const arrived = new Promise<void>((resolve) => {
      connected = resolve;
    });
    // Any executable passes the tools check; none is run, since no cluster ever answers.
    const child = demoHooks(['run', 'pre-fail'], { KUBECONFIG: kubeconfig, HELM3: process.execPath, KUBECTL: process.execPath });
    await arrived;
    child.kill(signal);
    const r = await child;
    expect({ exitCode: r.exitCode, signal: r.signal }).toEqual({ exitCode: code, signal: undefined });
    noStackTrace(r.stderr);
  }, 60_000);
});

describe('colour', () => {
  const bold = '\u001b[1mSCENARIO';
  // `script` gives the CLI a terminal, as a person at a keyboard would have.
  const inTerminal = (env: Record<string, string>) =>
    execa('script', ['-qec', `node ${cli} list`, '/dev/null'], { reject: false, env: envFor({ TERM: 'xterm', ...env }), extendEnv: false });

  test.concurrent.each([
    ['a pipe', {}, false],
    ['a pipe with FORCE_COLOR=1', { FORCE_COLOR: '1' }, true],
    ['a pipe with FORCE_COLOR=0', { FORCE_COLOR: '0' }, false],
  ] as const)('%s', async (_, env, coloured) => {
    const r = await demoHooks(['list'], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.includes(bold)).toBe(coloured);
    expect(r.stdout).toContain('pre-fail');
  }, 60_000);

  test.concurrent.each([
    ['a terminal', {}, true],
    ['a terminal with NO_COLOR=1', { NO_COLOR: '1' }, false],
    ['a terminal with TERM=dumb', { TERM: 'dumb' }, false],
    ['a terminal with NO_COLOR=1 and FORCE_COLOR=1', { NO_COLOR: '1', FORCE_COLOR: '1' }, true],
  ] as const)('%s', async (_, env, coloured) => {
    const r = await inTerminal(env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('pre-fail');
    expect(r.stdout.includes(bold)).toBe(coloured);
  }, 60_000);
});

describe('labs/render.ts uses the same parser', () => {
  it('an unknown flag: one line, the usage, exit 2', async () => {
    const r = await execa('node', ['--import', 'tsx', path.join(repoRoot, 'labs', 'render.ts'), '--check', '--bogus'], { reject: false, cwd: repoRoot });
    expect({ exitCode: r.exitCode, first: firstLine(r.stderr) }).toEqual({
      exitCode: 2,
      first: "labs/render.ts: unknown option '--bogus'; labs/render.ts takes --check, --reports, --write-fixtures, --help",
    });
    expect(r.stderr).toContain('Usage: labs/render.ts [options]');
    noStackTrace(r.stderr);
  }, 60_000);
});
