// Draws the pictures the guides show (labs/img/*.svg), or checks them for drift.
//
//   npx tsx labs/pictures.ts                 draw every picture a guide references; chromium checks
//                                            that each reads at 1280×720
//   npx tsx labs/pictures.ts --check         change nothing; exit 1 when a picture is missing,
//                                            stale (its report draws it differently now) or unused
//   npx tsx labs/pictures.ts --reports DIR   draw from DIR instead of the fixture reports
//
// A picture is drawn from the same committed fixture reports as the guides' expected-output
// blocks (test/unit/labs/fixtures/reports), so re-recording the fixtures and running this keeps
// both in step. The logic lives in labs/picture-refs.ts; this file reads and writes files.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliCommand, Option, runCli } from '../harness/src/cli/command.js';
import { HtmlReportInput } from '../harness/src/report-contract.js';
import { readReportAs } from '../harness/src/report/read.js';
import { checkPictures, drawRef, pictureRefs, reportFileOf } from './picture-refs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const labsDir = path.join(repoRoot, 'labs');
const imgDir = path.join(labsDir, 'img');

const command = new CliCommand('labs/pictures.ts')
  .description('draw the pictures the lab guides show from the fixture reports, or check them')
  .option('--check', 'change nothing; exit 1 when a picture is missing, stale or unused')
  .addOption(new Option('--reports <dir>', 'read the reports from this directory').default(path.join(repoRoot, 'test', 'unit', 'labs', 'fixtures', 'reports'), 'test/unit/labs/fixtures/reports'))
  .runs((c) => {
    const o = c.opts<{ check?: boolean; reports: string }>();
    return main(o.check ?? false, path.resolve(o.reports));
  });

function readDir(dir: string, ext: string): Map<string, string> {
  if (!existsSync(dir)) return new Map();
  return new Map(readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

async function main(checkOnly: boolean, reportsDir: string): Promise<number> {
  const guides = [...readDir(labsDir, '.md')].map(([f, text]) => ({ path: `labs/${f}`, text }));
  const refs = pictureRefs(guides);
  const reports = new Map([...readDir(reportsDir, '.json')].map(([f, text]) => [f, readReportAs(HtmlReportInput, JSON.parse(text), f)]));
  const pictures = new Map([...readDir(imgDir, '.svg')].map(([f, text]) => [`img/${f}`, text]));

  if (checkOnly) {
    const result = checkPictures(refs, reports, pictures);
    for (const p of result.problems) console.error(p);
    console.log(result.problems.length ? `labs: ${result.problems.length} picture problem(s)` : `labs: all ${result.checked} pictures of the guides are drawn from ${path.relative(repoRoot, reportsDir)}`);
    return result.problems.length ? 1 : 0;
  }

  // Loaded only to draw: --check needs no browser.
  const { launchBrowser } = await import('../harness/src/report/browser.js');
  const { writePicture } = await import('../harness/src/report/picture-render.js');
  const browser = await launchBrowser();
  let problems = 0;
  try {
    mkdirSync(imgDir, { recursive: true });
    for (const ref of refs) {
      const report = reports.get(reportFileOf(ref));
      if (!report) {
        console.error(`labs/${ref.file}: no report ${reportFileOf(ref)} in ${reportsDir}`);
        problems += 1;
        continue;
      }
      const out = path.join(labsDir, ref.file);
      const before = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
      const svg = drawRef(ref, report);
      const result = await writePicture(browser, svg, out);
      for (const p of result.problems) console.error(`labs/${ref.file}: ${p}`);
      problems += result.problems.length;
      if (before !== svg) console.log(`labs/${ref.file}: drawn (${Math.round(result.measure.heightPx)} px high)`);
    }
  } finally {
    await browser.close();
  }
  for (const file of pictures.keys()) {
    if (refs.some((r) => r.file === file)) continue;
    console.error(`labs/${file}: no guide shows it; delete it or show it`);
    problems += 1;
  }
  return problems ? 1 : 0;
}

try {
  process.exitCode = await runCli(command, process.argv.slice(2));
} catch (err) {
  console.error(`labs/pictures.ts: ${(err as Error).message}`);
  process.exitCode = 1;
}
