// A PASS is worth something only if the harness could have seen the opposite. Here the cluster
// shows it the opposite: the main lab, pre-fail, runs with a values file of the user's
// (`demo-hooks run --values`) that makes its failing migration exit 0, so the pre-upgrade hook
// succeeds and Helm upgrades. Every claim the lab makes about the failure must then FAIL, on Helm
// 3 and on Helm 4, from what the harness saw (not from the values it was given), while the claims
// the change does not touch (the install, the backup) still pass.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { connectKube } from '../../harness/src/kube/client.js';
import { deleteNamespace, waitForNamespaceGone } from '../../harness/src/kube/namespaces.js';
import { repoRoot } from '../../harness/src/paths.js';
import type { JsonReport } from '../../harness/src/report/json.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-can-fail-'));
const values = path.join(dir, 'migration-succeeds.yaml');
const reportDir = path.join(dir, 'reports');
let exitCode: number | undefined;
let output = '';
const reports: Partial<Record<3 | 4, JsonReport>> = {};

beforeAll(async () => {
  writeFileSync(values, 'hooks:\n  migration:\n    exitCode: 0\n');
  const run = await execa('node', [path.join(repoRoot, 'bin', 'demo-hooks.js'), 'run', 'pre-fail', '--helm', '3,4', '--parallel', '2', '--values', values, '--report-dir', reportDir], {
    reject: false,
    all: true,
    env: { NO_COLOR: '1' },
  });
  exitCode = run.exitCode;
  output = run.all ?? '';
  for (const major of [3, 4] as const) {
    reports[major] = JSON.parse(readFileSync(path.join(reportDir, `pre-fail-helm${major}.json`), 'utf8')) as JsonReport;
  }
}, 600_000);

afterAll(async () => {
  // A failed run keeps its namespace for inspection; this one was failed on purpose.
  const kube = connectKube((await selectProvider()).kubeconfigPath());
  await Promise.all(
    Object.values(reports).map(async (r) => {
      await deleteNamespace(kube, r.namespace).catch(() => undefined);
      await waitForNamespaceGone(kube, r.namespace, 180_000);
    }),
  );
  rmSync(dir, { recursive: true, force: true });
}, 240_000);

const verdicts = (r: JsonReport) => new Map(r.steps.flatMap((s) => s.assertions.map((a) => [a.name, a] as const)));

test('the run exits 1, as a failed scenario does', () => {
  expect({ exitCode, tail: output.slice(-600) }).toEqual({ exitCode: 1, tail: expect.stringMatching(/0 of 2 scenario runs passed/) });
});

describe.each([3, 4] as const)('Helm %i', (major) => {
  test('Helm got the values file last, after the cluster’s (and the lab’s), on every command that changes the release', () => {
    const changes = reports[major]!.commands.filter((c) => ['install', 'upgrade'].includes(c.args[0]!));
    expect(changes.length).toBe(2);
    const valuesFiles = (args: readonly string[]) => args.flatMap((a, i) => (args[i - 1] === '-f' ? [a] : []));
    const [install, upgrade] = changes.map((c) => valuesFiles(c.args));
    expect(install).toEqual([expect.stringMatching(/values-local\.yaml$/), 'labs/values/quick-install.yaml', values]);
    expect(upgrade).toEqual([expect.stringMatching(/values-local\.yaml$/), values]);
  });

  test('every claim about the failed upgrade fails, with what really happened as the actual', () => {
    const r = reports[major]!;
    expect(r.outcome).toBe('failed');
    const v = verdicts(r);
    const failed = (name: string) => ({ passed: v.get(name)?.passed, actual: v.get(name)?.actual });
    expect(failed('helm upgrade fails')).toEqual({ passed: false, actual: 'exit code 0' });
    expect(failed('history: 1 deployed, 2 failed')).toEqual({ passed: false, actual: expect.stringMatching(/rev 2 +deployed/) });
    expect(failed('hook migration ran and failed (exit 1)')).toEqual({ passed: false, actual: 'ran 1×, succeeded (exit 0)' });
    expect(failed('app runs 1.0.0')).toEqual({ passed: false, actual: expect.stringMatching(/2\.0\.0 \(ready\)/) });
  });

  test('what the values file does not touch still passes: the install and the backup', () => {
    const v = verdicts(reports[major]!);
    for (const name of ['helm install succeeds', 'history: 1 deployed', 'hook backup ran and succeeded', 'backup demo-rev2.sql exists']) {
      expect([name, v.get(name)?.passed]).toEqual([name, true]);
    }
  });
});
