// The atlas's cells and table: a cell is fresh only while its release, scenario file and chart are
// unchanged, and the table shows each run, each declared difference with its Helm change, and
// every run that did not pass.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cellKey, cellOf, isFresh, readCell, writeCell, type AtlasCell } from '../../../harness/src/atlas/cells.js';
import { renderAtlas } from '../../../harness/src/atlas/table.js';
import preFail from '../../../scenarios/pre-fail.js';
import { preFailRun } from './fixtures/run-result.js';

test('a cell is keyed by its release, its scenario file and the chart: another release or an edited scenario is another key', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-atlas-key-'));
  const file = path.join(dir, 'x.ts');
  writeFileSync(file, 'one');
  const k = cellKey('v3.18.6', 'x', file);
  expect(cellKey('v3.18.6', 'x', file)).toBe(k);
  expect(cellKey('v3.19.0', 'x', file)).not.toBe(k);
  writeFileSync(file, 'two');
  expect(cellKey('v3.18.6', 'x', file)).not.toBe(k);
});

test('a written cell is fresh for its release only, and reads back as written', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-atlas-cells-'));
  const cell = cellOf(preFailRun(), 'v3.18.6');
  writeCell(cell, dir);
  expect(readCell('v3.18.6', 'pre-fail', dir)).toEqual(cell);
  expect(isFresh('v3.18.6', 'pre-fail', dir)).toBe(true);
  expect(isFresh('v3.19.5', 'pre-fail', dir)).toBe(false);
  writeCell({ ...cell, key: 'stale' }, dir);
  expect(isFresh('v3.18.6', 'pre-fail', dir)).toBe(false);
  expect(JSON.parse(readFileSync(path.join(dir, 'v3.18.6', 'pre-fail.json'), 'utf8'))).toMatchObject({ outcome: 'passed', passed: 3, assertions: 3, failed: [] });
});

test('the table: a row per scenario, a column per release, the declared differences and the runs that did not pass', () => {
  const passed = cellOf(preFailRun(), 'v3.22.0');
  const failed: AtlasCell = { ...passed, release: 'v3.18.6', outcome: 'failed', passed: 17, assertions: 18, failed: ['job backup: gone: got 1 job(s) | newest succeeded'] };
  const cells: Record<string, AtlasCell> = { 'v3.22.0/pre-fail': passed, 'v3.18.6/pre-fail': failed };
  const table = renderAtlas({ releases: ['v3.18.6', 'v3.22.0', 'v4.3.1'], scenarios: [preFail], cell: (r, s) => cells[`${r}/${s}`] });
  expect(table).toContain('| scenario | v3.18.6 | v3.22.0 | v4.3.1 |');
  expect(table).toContain('| pre-fail | **FAIL** 17/18 | pass | · |');
  expect(table).toMatch(/\| pre-fail \| `<3\.19\.0`, `>=3\.19\.0` \| helm\/helm#30673 \(v3\.19\.0, v4\.0\.0\): execHook deletes/);
  expect(table).toContain(`- **pre-fail on v3.18.6** (${passed.ranOn}): job backup: gone: got 1 job(s) \\| newest succeeded`);
});

test('with every run passed and nothing declared, the table says so', () => {
  const table = renderAtlas({ releases: ['v4.3.1'], scenarios: [{ name: 'x', differences: [] }], cell: () => undefined });
  expect(table).toContain('| x | · |');
  expect(table).toContain('No scenario declares a difference between releases.');
  expect(table).toContain('None: every run so far passed');
});
