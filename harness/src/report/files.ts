// Writing reports to disk: reports/<scenario>-helm<N>.json per run, reports/junit.xml per suite.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { jsonReportFileName, renderJsonReport } from './json.js';
import { renderJUnit } from './junit.js';
import type { ScenarioRunResult } from './model.js';

export async function writeRunReport(dir: string, run: ScenarioRunResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, jsonReportFileName(run));
  await writeFile(file, renderJsonReport(run));
  return file;
}

export async function writeJUnitReport(dir: string, runs: readonly ScenarioRunResult[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'junit.xml');
  await writeFile(file, renderJUnit(runs));
  return file;
}
