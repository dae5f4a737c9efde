// Ctrl-C in the middle of a scenario: Helm is stopped, the run's namespace (and with it the
// release) is removed before the CLI exits, and the report says the run was interrupted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { connectKube } from '../../harness/src/kube/client.js';
import { repoRoot } from '../../harness/src/paths.js';
import { waitFor } from '../../harness/src/kube/wait.js';
import { watchPaths } from '../../harness/src/kube/watch.js';
import { helmBinary } from '../../harness/src/tools.js';
import { descendantsRunning, isAlive } from './processes.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
let reportDir: string;
beforeAll(() => {
  reportDir = mkdtempSync(path.join(os.tmpdir(), 'dh-interrupt-'));
});
afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

test('Ctrl-C while a scenario\'s hooks run removes its namespace before the CLI exits', async () => {
  const kube = connectKube((await selectProvider()).kubeconfigPath());
  // Its own process group, as a terminal runs it; the Ctrl-C goes to the whole group.
  const child = execa('node', [cli, 'run', 'pre-fail', '--helm', '3', '--report-dir', reportDir], { reject: false, all: true, detached: true, stdin: 'ignore' });
  let output = '';
  const installing = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`helm install never started:\n${output}`)), 120_000);
    child.all?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/▶ helm install/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await installing;
  const namespace = /namespace (dh-pre-fail-h3-[a-z0-9]+)/.exec(output)?.[1];
  expect(namespace).toBeDefined();
  // Interrupt once Helm is running hooks and the database pod is starting: something to clean up.
  await waitFor(kube, {
    waitingFor: `a hook Job and a pod in ${namespace}`,
    triggers: [{ path: watchPaths.jobs(namespace!) }, { path: watchPaths.pods(namespace!) }],
    timeoutMs: 120_000,
    check: async () => {
      const [jobs, pods] = await Promise.all([kube.batch.listNamespacedJob({ namespace: namespace! }), kube.core.listNamespacedPod({ namespace: namespace! })]);
      return jobs.items.length > 0 && pods.items.length > 0 ? { done: true, value: undefined } : { done: false };
    },
  });

  // Helm found by what it is, a child of this CLI running the Helm binary, not by its command
  // line: a HELM3= binary named plain "helm" is found as well.
  const helms = descendantsRunning(child.pid!, helmBinary(3));
  expect(helms.length).toBeGreaterThan(0);

  process.kill(-child.pid!, 'SIGINT');
  const result = await child;

  expect(result.exitCode).toBe(130);
  expect(result.all).toContain("SIGINT: stopping Helm and removing this run's namespaces");
  // Gone the moment the CLI has exited, not some time later.
  const gone = await kube.core.readNamespace({ name: namespace! }).then(() => false, (err: { code?: number }) => err.code === 404);
  expect(gone).toBe(true);
  const report = JSON.parse(readFileSync(path.join(reportDir, 'pre-fail-helm3.json'), 'utf8')) as { outcome: string; namespaceFate: { kept: boolean; why: string } };
  expect(report).toMatchObject({ outcome: 'interrupted', namespaceFate: { kept: false, why: 'interrupted: removed' } });
  // No Helm of this run is left running.
  expect(helms.filter(isAlive)).toEqual([]);
}, 300_000);
