// Writing reports to disk: reports/<scenario>-helm<N>.json per run, reports/junit.xml per suite.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HtmlReportInput, type JsonReport } from '../report-contract.js';
import { renderHtmlReport } from './html.js';
import { jsonReportFileName, renderJsonReport } from './json.js';
import { renderJUnit } from './junit.js';
import type { ScenarioRunResult } from './model.js';
import { readReportAs } from './read.js';

/** Writes reports/<scenario>-helm<N>.json and, drawn from that same JSON, the .html next to it. */
export async function writeRunReport(dir: string, run: ScenarioRunResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, jsonReportFileName(run));
  const json = renderJsonReport(run);
  await writeFile(file, json);
  await writeFile(htmlReportFileFor(file), renderHtmlReport(JSON.parse(json) as JsonReport));
  return file;
}

export function htmlReportFileFor(jsonFile: string): string {
  return jsonFile.replace(/\.json$/, '') + '.html';
}

/** `demo-hooks report FILE.json`: the HTML report again, from a JSON report alone (checked against the contract). */
export async function writeHtmlFromJson(jsonFile: string, htmlFile = htmlReportFileFor(jsonFile)): Promise<string> {
  const report = readReportAs(HtmlReportInput, JSON.parse(await readFile(jsonFile, 'utf8')), path.basename(jsonFile));
  await mkdir(path.dirname(htmlFile), { recursive: true });
  await writeFile(htmlFile, renderHtmlReport(report));
  return htmlFile;
}

export async function writeJUnitReport(dir: string, runs: readonly ScenarioRunResult[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'junit.xml');
  await writeFile(file, renderJUnit(runs));
  return file;
}
