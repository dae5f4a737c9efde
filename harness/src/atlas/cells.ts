// One cell of the atlas: one scenario on one Helm release, kept as a small JSON file with the key
// it was run under. The key hashes what decides the outcome (the release, the scenario's file and
// the chart), so a cell whose inputs are unchanged is not run again, and any edit reruns it.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chartDir, repoRoot } from '../paths.js';
import type { ScenarioRunResult } from '../report/model.js';
import type { RunOutcome } from '../report-contract.js';

export const atlasResultsDir = path.join(repoRoot, 'atlas', 'results');

export interface AtlasCell {
  key: string;
  release: string;
  scenario: string;
  outcome: RunOutcome;
  passed: number;
  assertions: number;
  /** The assertions that did not pass, or why the run did not. */
  failed: string[];
  /** ISO date of the run (day only: the table is read by people, and rewrites stay small). */
  ranOn: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? filesUnder(file) : [file];
    });
}

/** The hash of the chart's files, once per process: it is the same for every cell. */
let chartHash: string | undefined;
function chartContent(): string {
  if (chartHash) return chartHash;
  const hash = createHash('sha256');
  for (const file of filesUnder(chartDir)) hash.update(path.relative(chartDir, file)).update('\0').update(readFileSync(file)).update('\0');
  return (chartHash = hash.digest('hex'));
}

export function cellKey(release: string, scenario: string, scenarioFile = path.join(repoRoot, 'scenarios', `${scenario}.ts`)): string {
  return createHash('sha256').update(release).update('\0').update(readFileSync(scenarioFile)).update('\0').update(chartContent()).digest('hex').slice(0, 16);
}

const cellFile = (release: string, scenario: string, dir: string) => path.join(dir, release, `${scenario}.json`);

export function readCell(release: string, scenario: string, dir = atlasResultsDir): AtlasCell | undefined {
  try {
    return JSON.parse(readFileSync(cellFile(release, scenario, dir), 'utf8')) as AtlasCell;
  } catch {
    return undefined;
  }
}

/** Cells already run with today's inputs. */
export function isFresh(release: string, scenario: string, dir = atlasResultsDir): boolean {
  return readCell(release, scenario, dir)?.key === cellKey(release, scenario);
}

export function cellOf(run: ScenarioRunResult, release: string): AtlasCell {
  const assertions = run.steps.flatMap((s) => s.assertions);
  const failed = assertions.filter((a) => !a.passed).map((a) => `${a.name}: got ${a.actual}`);
  return {
    key: cellKey(release, run.scenario.name),
    release,
    scenario: run.scenario.name,
    outcome: run.outcome,
    passed: assertions.length - failed.length,
    assertions: assertions.length,
    failed: failed.length || run.outcome === 'passed' ? failed : [run.reason ?? run.outcome],
    ranOn: run.startedAt.slice(0, 10),
  };
}

export function writeCell(cell: AtlasCell, dir = atlasResultsDir): void {
  const file = cellFile(cell.release, cell.scenario, dir);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(cell, null, 2)}\n`);
}
