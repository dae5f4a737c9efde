// SIGTERM (what CI runners and `timeout` send) in the middle of a scenario: the same cleanup as
// Ctrl-C, and exit 143 as a shell reports a process SIGTERM ended, not Ctrl-C's 130.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { connectKube, isNotFound } from '../../harness/src/kube/client.js';
import { waitFor } from '../../harness/src/kube/wait.js';
import { watchPaths } from '../../harness/src/kube/watch.js';
import { repoRoot } from '../../harness/src/paths.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
let reportDir: string;
beforeAll(() => {
  reportDir = mkdtempSync(path.join(os.tmpdir(), 'dh-sigterm-'));
});
afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

test('SIGTERM while hooks run: the namespace is removed before the CLI exits 143', async () => {
  const kube = connectKube((await selectProvider()).kubeconfigPath());
  const child = execa('node', [cli, 'run', 'pre-fail', '--helm', '3', '--report-dir', reportDir], { reject: false, all: true, stdin: 'ignore', forceKillAfterDelay: false });
  let output = '';
  const namespace = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`helm install never started:\n${output}`)), 120_000);
    child.all?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ns = /namespace (dh-pre-fail-h3-[a-z0-9]+)/.exec(output)?.[1];
      if (ns && /▶ helm install/.test(output)) {
        clearTimeout(timer);
        resolve(ns);
      }
    });
  });
  // Once a hook Job exists there is something to clean up.
  await waitFor(kube, {
    waitingFor: `a hook Job in ${namespace}`,
    triggers: [{ path: watchPaths.jobs(namespace) }],
    timeoutMs: 120_000,
    check: async () => ((await kube.batch.listNamespacedJob({ namespace })).items.length > 0 ? { done: true, value: undefined } : { done: false }),
  });

  // One SIGTERM and no more: execa's own follow-up SIGKILL is off, so the cleanup can take its time.
  child.kill('SIGTERM');
  const result = await child;

  expect({ exitCode: result.exitCode, signal: result.signal }).toEqual({ exitCode: 143, signal: undefined });
  expect(result.all).toContain("SIGTERM: stopping Helm and removing this run's namespaces");
  const gone = await kube.core.readNamespace({ name: namespace }).then(
    () => false,
    (err: unknown) => isNotFound(err),
  );
  expect(gone).toBe(true);
  const report = JSON.parse(readFileSync(path.join(reportDir, 'pre-fail-helm3.json'), 'utf8')) as { outcome: string; namespaceFate: { kept: boolean } };
  expect(report).toMatchObject({ outcome: 'interrupted', namespaceFate: { kept: false } });
}, 300_000);
