// The atlas's sample in `make test` (the whole atlas is `make atlas`): pre-fail on two Helm 3
// releases either side of helm/helm#30673, on the real cluster. Both pass because pre-fail declares
// what each range does with the backup Job; the table says so and names the change; a second run
// keeps both cells, since nothing they depend on changed.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../harness/src/paths.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
const out = mkdtempSync(path.join(os.tmpdir(), 'dh-atlas-'));
const atlas = () => execa('node', [cli, 'atlas', 'pre-fail', '--releases', '3.18.6,3.22.0', '--out', out], { cwd: repoRoot, reject: false, all: true, stdin: 'ignore' });

test('pre-fail on v3.18.6 and v3.22.0: both pass, and the table names the change between them', async () => {
  const first = await atlas();
  if (first.exitCode !== 0) throw new Error(`the atlas did not pass:\n${first.all}`);
  const table = readFileSync(path.join(out, 'README.md'), 'utf8');
  const header = table.split('\n').find((l) => l.startsWith('| scenario |'))!.split('|').map((c) => c.trim());
  const row = table.split('\n').find((l) => l.startsWith('| pre-fail |'))!.split('|').map((c) => c.trim());
  expect(row[header.indexOf('v3.18.6')]).toBe('pass');
  expect(row[header.indexOf('v3.22.0')]).toBe('pass');
  expect(row[header.indexOf('v4.3.1')]).toBe('·');
  expect(table).toMatch(/\| pre-fail \| `<3\.19\.0`, `>=3\.19\.0` \| helm\/helm#30673/);
  for (const release of ['v3.18.6', 'v3.22.0']) {
    expect(JSON.parse(readFileSync(path.join(out, 'results', release, 'pre-fail.json'), 'utf8'))).toMatchObject({ release, scenario: 'pre-fail', outcome: 'passed', failed: [] });
  }

  const again = await atlas();
  expect(again.exitCode).toBe(0);
  expect(again.all).toContain('v3.18.6: 1 cell(s) unchanged since they ran, not run again');
  expect(again.all).toContain('v3.22.0: 1 cell(s) unchanged since they ran, not run again');
  expect(again.all).not.toMatch(/scenario\(s\)/);
}, 600_000);
