// The dry-run blocks of lab 02 print how long Helm's dry-run output is, so any edit to the chart
// or its values changes them. This catches the edit here, in seconds, instead of in the labs check
// at the end of the integration run: Helm 4's client-side dry run needs no cluster.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { chartDir, localValuesFile, repoRoot } from '../chart/render.js';

const fixture = path.join(repoRoot, 'test', 'unit', 'labs', 'fixtures', 'reports', 'dry-run-helm4.json');
const offline = path.join(repoRoot, 'test', 'unit', 'harness', 'fixtures', 'unreachable.kubeconfig');

test('the dry-run report the labs use was recorded with the chart as it is now', async () => {
  const report = JSON.parse(readFileSync(fixture, 'utf8')) as { commands: { args: string[]; stdout: string }[] };
  const recorded = report.commands[0]!;
  expect(recorded.args.slice(0, 1)).toEqual(['install']);
  const helm4 = process.env.HELM4 ?? path.join(repoRoot, '.tools', 'bin', 'helm4');
  const now = await execa(helm4, ['install', 'demo', chartDir, '-n', 'demo', '-f', localValuesFile, '--dry-run=client', '--debug', '--hide-secret', '--kubeconfig', offline]);
  const lines = (text: string) => text.split('\n').length;
  // On a mismatch: `node bin/demo-hooks.js run dry-run --helm 3,4`, then labs/render.ts and --write-fixtures.
  expect({ dryRunLines: lines(now.stdout) }).toEqual({ dryRunLines: lines(recorded.stdout) });
}, 60_000);
