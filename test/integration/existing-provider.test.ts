// CLUSTER=existing: the harness works on a cluster it did not make, and `cluster down` leaves it
// alone. The cluster the other tests use stands in for "a cluster the user already has".
import path from 'node:path';
import { execa } from 'execa';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { repoRoot } from '../../harness/src/paths.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
const theirs = (await selectProvider()).kubeconfigPath();
const demoHooks = (args: string[], env: Record<string, string>) => execa('node', [cli, ...args], { env: { CLUSTER: 'existing', ...env }, reject: false });

test('up, status and down on an existing cluster: it is used, and never removed', async () => {
  const up = await demoHooks(['cluster', 'up'], { KUBECONFIG: theirs });
  expect({ exitCode: up.exitCode, stdout: up.stdout }).toMatchObject({ exitCode: 0, stdout: expect.stringContaining(`using the existing cluster from ${theirs}`) });
  const status = await demoHooks(['cluster', 'status'], { KUBECONFIG: theirs });
  expect(status.stdout).toMatch(/provider: +existing/);
  expect(status.stdout).toMatch(/reachable: +yes, Kubernetes v1\.\d+/);
  const down = await demoHooks(['cluster', 'down'], { KUBECONFIG: theirs });
  expect(down.stdout).toContain('existing cluster: nothing to remove (this project did not create it)');
  // Still there for everyone else.
  expect((await demoHooks(['cluster', 'status'], { KUBECONFIG: theirs })).exitCode).toBe(0);
}, 120_000);

test('a context that is not in the kubeconfig is named, with the fix', async () => {
  const up = await demoHooks(['cluster', 'up'], { KUBECONFIG: theirs, KUBE_CONTEXT: 'no-such-context' });
  expect(up.exitCode).toBe(3);
  expect(up.stderr).toContain(`context no-such-context not found in ${theirs}`);
}, 60_000);

test('a kubeconfig whose cluster does not answer: the message says what to check', async () => {
  const up = await demoHooks(['cluster', 'up'], { KUBECONFIG: path.join(repoRoot, 'test', 'unit', 'harness', 'fixtures', 'unreachable.kubeconfig') });
  expect(up.exitCode).toBe(3);
  expect(up.stderr).toMatch(/does not answer: check KUBECONFIG\/KUBE_CONTEXT, or use CLUSTER=local or CLUSTER=kind/);
}, 60_000);
