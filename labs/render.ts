// Regenerates the expected-output blocks of labs/*.md from scenario reports, or checks them.
//
//   npx tsx labs/render.ts                      rewrite every block from reports/*.json
//   npx tsx labs/render.ts --check              exit 1, with a diff, when a guide disagrees
//   npx tsx labs/render.ts --reports DIR        read the reports from DIR instead
//   npx tsx labs/render.ts --write-fixtures DIR copy the reports the guides use, slimmed, to DIR
//
// The logic lives in labs/blocks.ts; this file only reads and writes files. A bad argument prints
// one line and the usage, and exits 2 (the CLI's argument parser, harness/src/cli/command.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliCommand, Option, runCli } from '../harness/src/cli/command.js';
import { asLabReport, check, formatDifference, parseGuide, referencedReports, reportKey, slimReport, updateGuide, type Guide, type LabReport } from './blocks.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const labsDir = path.join(repoRoot, 'labs');

interface Options {
  check?: boolean;
  reports: string;
  writeFixtures?: string;
}

const command = new CliCommand('labs/render.ts')
  .description('regenerate the expected-output blocks of labs/*.md from scenario reports, or check them')
  .option('--check', 'change nothing; exit 1, with a diff, when a guide disagrees with the reports')
  .addOption(new Option('--reports <dir>', 'read the scenario reports from this directory').default(path.join(repoRoot, 'reports'), 'reports'))
  .option('--write-fixtures <dir>', 'copy the reports the guides use, slimmed, to this directory')
  .runs((c) => {
    const o = c.opts<Options>();
    return main({ check: o.check ?? false, reportsDir: path.resolve(o.reports), ...(o.writeFixtures ? { fixturesDir: path.resolve(o.writeFixtures) } : {}) });
  });

/** Every scenario report in a directory (junit.xml and other files are skipped). */
function loadReports(dir: string): Map<string, LabReport> {
  if (!existsSync(dir)) throw new Error(`no reports directory ${dir}`);
  const reports = new Map<string, LabReport>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const r = asLabReport(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), file);
    reports.set(reportKey(r.scenario.name, r.helm.major), r);
  }
  return reports;
}

function loadGuides(dir: string = labsDir): Guide[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ path: path.relative(repoRoot, path.join(dir, f)), text: readFileSync(path.join(dir, f), 'utf8') }));
}

function main(opts: { check: boolean; reportsDir: string; fixturesDir?: string }): number {
  const reports = loadReports(opts.reportsDir);
  const guides = loadGuides();

  if (opts.fixturesDir) {
    mkdirSync(opts.fixturesDir, { recursive: true });
    for (const key of referencedReports(guides)) {
      const r = reports.get(key);
      if (!r) {
        console.error(`no report for ${key}`);
        return 1;
      }
      const file = `${r.scenario.name}-helm${r.helm.major}.json`;
      writeFileSync(path.join(opts.fixturesDir, file), `${JSON.stringify(slimReport(r), null, 2)}\n`);
      console.log(`wrote ${path.relative(repoRoot, path.join(opts.fixturesDir, file))}`);
    }
    return 0;
  }

  if (opts.check) {
    const result = check(guides, reports);
    for (const d of result.differences) console.log(`${formatDifference(d)}\n`);
    for (const p of result.problems) console.error(p);
    const bad = result.differences.length + result.problems.length;
    const blocks = guides.reduce((n, g) => n + parseGuide(g.text).blocks.length, 0);
    const source = path.relative(repoRoot, opts.reportsDir) || '.';
    console.log(
      bad
        ? `labs: ${result.differences.length} block(s) differ from ${source}, ${result.problems.length} problem(s)`
        : `labs: all ${blocks} blocks of the guides agree with ${source}`,
    );
    return bad ? 1 : 0;
  }

  let problems = 0;
  for (const g of guides) {
    const result = updateGuide(g, reports);
    for (const p of result.problems) console.error(p);
    problems += result.problems.length;
    if (result.text !== g.text) {
      writeFileSync(path.join(repoRoot, g.path), result.text);
      console.log(`${g.path}: ${result.differences.length} block(s) updated`);
    }
  }
  return problems ? 1 : 0;
}

try {
  process.exitCode = await runCli(command, process.argv.slice(2));
} catch (err) {
  console.error(`labs/render.ts: ${(err as Error).message}`);
  process.exitCode = 1;
}
