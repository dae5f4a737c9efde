// Bad input to the local provider's scripts gives one clear message naming the fix and leaves
// nothing half-made. These run beside the cluster the other tests use, with a state directory of
// their own, so they can neither disturb it nor be mistaken for it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

const run = (script: string, extra: { user?: string } = {}) => {
  const command = extra.user ? ['setpriv', '--reuid', extra.user, '--regid', extra.user, '--clear-groups', 'bash', script] : ['bash', script];
  return execa(command[0]!, command.slice(1), { reject: false, env: { DEMO_HOOKS_CLUSTER_DIR: stateDir }, stdin: 'ignore' });
};

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

localTest('cluster-down of a cluster that is not there succeeds, twice', async () => {
  for (let i = 0; i < 2; i++) {
    const result = await run(downScript);
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toMatchObject({ exitCode: 0 });
    expect(result.stderr).toContain('local cluster removed');
  }
}, 60_000);
