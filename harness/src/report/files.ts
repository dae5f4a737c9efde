// Writing reports to disk: reports/<scenario>-helm<N>.json per run (-helm-v3.18.6.json where the
// suite ran two releases of that major), reports/junit.xml per suite, and every log a run kept whole
// in reports/<scenario>-helm<N>/logs/<pod>.<container>.log, which the other reports point to where
// they show only a log's end (what CI keeps as artifacts).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HtmlReportInput, type JsonReport } from '../report-contract.js';
import { renderHtmlReport } from './html.js';
import { jsonReportFileName, renderJsonReport } from './json.js';
import { renderJUnit } from './junit.js';
import type { LogLimits } from './cluster-text.js';
import type { ScenarioRunResult } from './model.js';
import { readReportAs } from './read.js';

/** Writes the run's logs, then reports/<scenario>-helm<N>.json and, drawn from that same JSON, the .html next to it. */
export async function writeRunReport(dir: string, run: ScenarioRunResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, jsonReportFileName(run));
  await writeLogFiles(file.replace(/\.json$/, ''), run);
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

export async function writeJUnitReport(dir: string, runs: readonly ScenarioRunResult[], logLimits?: LogLimits): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'junit.xml');
  await writeFile(file, renderJUnit(runs, undefined, { ...(logLimits ? { limits: logLimits } : {}), reportDir: dir }));
  return file;
}

/** A pod or container name as a file name: names are the cluster's, so nothing but these characters. */
const fileNamePart = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || '_';

/**
 * Each hook log and diagnostic pod log of the run, whole, in <runDir>/logs/, named <pod>.<container>.log
 * (.2, .3 … for a container seen terminated more than once); sets each entry's logFile, relative to the
 * JSON report's folder so that a copied folder of reports still finds them. A log kept twice (a hook
 * pod's, also among the diagnostics) is written once. The folder is made afresh, so a report never
 * points at an earlier run's log.
 */
async function writeLogFiles(runDir: string, run: ScenarioRunResult): Promise<void> {
  const logsDir = path.join(runDir, 'logs');
  await rm(logsDir, { recursive: true, force: true });
  const entries = [...run.hookLogs, ...(run.diagnostics?.podLogs ?? [])].filter((l) => l.log);
  if (entries.length === 0) return;
  await mkdir(logsDir, { recursive: true });
  const written = new Map<string, string>();
  const taken = new Set<string>();
  for (const entry of entries) {
    const base = `${fileNamePart(entry.pod)}.${fileNamePart(entry.container)}`;
    const same = written.get(`${entry.pod}\0${entry.container}\0${entry.log}`);
    if (same) {
      entry.logFile = same;
      continue;
    }
    let name = `${base}.log`;
    for (let n = 2; taken.has(name); n += 1) name = `${base}.${n}.log`;
    taken.add(name);
    await writeFile(path.join(logsDir, name), entry.log);
    entry.logFile = path.join(path.basename(runDir), 'logs', name);
    written.set(`${entry.pod}\0${entry.container}\0${entry.log}`, entry.logFile);
  }
}
