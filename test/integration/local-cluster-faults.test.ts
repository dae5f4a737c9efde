// Bad input to the local provider's scripts gives one clear message naming the fix and leaves
// nothing half-made. These run beside the cluster the other tests use, with a state directory of
// their own, so they can neither disturb it nor be mistaken for it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../harness/src/paths.js';
import { selectProvider } from '../../harness/src/cluster/provider.js';

const upScript = path.join(repoRoot, 'cluster', 'local', 'up.sh');
const downScript = path.join(repoRoot, 'cluster', 'local', 'down.sh');
let stateDir: string;
// These exercise the local provider's own scripts; on a kind or existing cluster they are
// reported as skipped, not passed.
const provider = (await selectProvider()).name;
const localTest = provider === 'local' ? test : test.skip;
beforeEach(() => {
  stateDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-faults-')), 'cluster');
});
afterEach(() => rmSync(path.dirname(stateDir), { recursive: true, force: true }));

const run = (script: string, extra: { user?: string; path?: string } = {}) => {
  const command = extra.user ? ['setpriv', '--reuid', extra.user, '--regid', extra.user, '--clear-groups', 'bash', script] : ['bash', script];
  const env = { DEMO_HOOKS_CLUSTER_DIR: stateDir, ...(extra.path ? { PATH: extra.path } : {}) };
  return execa(command[0]!, command.slice(1), { reject: false, env, stdin: 'ignore' });
};

/** A PATH with every command this one has, except those named: a machine without those packages. */
function pathWithout(dir: string, missing: string[]): string {
  mkdirSync(dir);
  for (const source of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    let entries: string[] = [];
    try {
      entries = readdirSync(source);
    } catch {
      continue;
    }
    for (const name of entries) {
      if (missing.includes(name) || existsSync(path.join(dir, name))) continue;
      symlinkSync(path.join(source, name), path.join(dir, name));
    }
  }
  return dir;
}

localTest('a second cluster while one is up: the taken port is named, and nothing is started', async () => {
  const result = await run(upScript);
  expect(result.exitCode).not.toBe(0);
  expect(result.stderr).toMatch(/error: port \d+ \(\S+\) is already in use by \S+: stop that process \(or 'make cluster-down' if it is an earlier cluster\) and retry/);
  expect(existsSync(stateDir)).toBe(false);
}, 60_000);

localTest('not root: the message says to run as root or pick another provider', async () => {
  const result = await run(upScript, { user: '65534' });
  expect(result.exitCode).not.toBe(0);
  expect(result.stderr).toMatch(/need root: run as root .*CLUSTER=kind.*CLUSTER=existing/);
  expect(existsSync(stateDir)).toBe(false);
}, 60_000);

localTest('a missing package on a machine without apt-get: the package is named, and nothing is started', async () => {
  const bin = pathWithout(path.join(path.dirname(stateDir), 'bin'), ['conntrack', 'apt-get']);
  const result = await run(upScript, { path: bin });
  expect(result.exitCode).not.toBe(0);
  expect(result.stderr).toMatch(/error: missing conntrack and no apt-get: install them with your package manager/);
  expect(existsSync(stateDir)).toBe(false);
}, 60_000);

localTest('cluster-down of a cluster that is not there succeeds, twice', async () => {
  for (let i = 0; i < 2; i++) {
    const result = await run(downScript);
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toMatchObject({ exitCode: 0 });
    expect(result.stderr).toContain('local cluster removed');
  }
}, 60_000);
