// demo-hooks picture --report FILE.json --command N --out FILE.svg|png: one Helm command's hook
// timeline from a recorded run, as a picture a trainer projects at 1280×720. The drawing is
// report/picture.ts; chromium lays it out and measures it (report/picture-render.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliCommand, wholeNumberFromOne } from '../cli/command.js';
import { EnvironmentError } from '../cli/errors.js';
import { exitCodes } from '../cli/exit-codes.js';
import type { HtmlReportInput } from '../report/html.js';
import type { Verb } from './verb.js';
import { errorFirstLine } from '../util/errors.js';

const PICTURE_HELP = `
N counts the Helm commands that change the release (install, upgrade, rollback, uninstall, test),
from 1, as the guides do: in pre-fail, 1 is the install and 2 the failing upgrade. Reads such as
helm history are not counted. An .svg is the drawing itself; a .png is chromium's 1280 px wide
screenshot of it. Exits 1 when the picture would not read at 1280×720 (a word outside it, or text
under 14 px), and says why.

Example:
  demo-hooks picture --report reports/pre-fail-helm3.json --command 2 --out pre-fail-upgrade.png`;

interface PictureOptions {
  report?: string;
  command?: number;
  out?: string;
  title?: string;
}

export const pictureVerb: Verb = ({ print }) =>
  new CliCommand('picture')
    .description("draw one Helm command's hook timeline from a JSON report, as a 1280 px wide SVG or PNG for a projector")
    .requiredOption('--report <file.json>', 'a JSON report of a run, e.g. reports/pre-fail-helm3.json')
    .requiredOption('--command <n>', 'which Helm command of the run, counted from 1', wholeNumberFromOne())
    .requiredOption('--out <file>', 'the picture to write: FILE.svg or FILE.png')
    .option('--title <text>', 'the first line of the picture (default: scenario, Helm version, command and exit code)')
    .addHelpText('after', PICTURE_HELP)
    .runs(async (command) => {
      const o = command.opts<PictureOptions>();
      const reportFile = o.report ?? '';
      const out = path.resolve(o.out ?? '');
      if (!reportFile.endsWith('.json')) command.usageError(`--report needs a JSON report (FILE.json), not "${reportFile}"`);
      if (!/\.(svg|png)$/.test(out)) command.usageError(`--out must end in .svg or .png, not "${o.out}"`);
      const report = await readReport(reportFile).catch((err: unknown) =>
        command.usageError(`--report ${reportFile} is not a readable JSON report (${errorFirstLine(err)}): give one a run wrote, e.g. reports/pre-fail-helm3.json`),
      );

      // Loaded here: --help and usage errors need neither the drawing nor the browser.
      const { PictureInputError, renderPicture } = await import('../report/picture.js');
      let svg: string;
      try {
        svg = renderPicture(report, { command: o.command ?? 1, ...(o.title ? { title: o.title } : {}) });
      } catch (err) {
        if (err instanceof PictureInputError) command.usageError(`--command ${o.command}: ${err.message}`);
        throw err;
      }
      const { launchBrowser, NoBrowserError } = await import('../report/browser.js');
      const { writePicture } = await import('../report/picture-render.js');
      const browser = await launchBrowser().catch((err: unknown) => {
        if (err instanceof NoBrowserError) throw new EnvironmentError(`no chromium to draw the picture with: ${err.message}`);
        throw new EnvironmentError(`chromium did not start: ${errorFirstLine(err)}; set CHROMIUM=/path/to/chromium`);
      });
      try {
        const { measure, problems } = await writePicture(browser, svg, out);
        const shown = path.relative(process.cwd(), out);
        print(`wrote ${shown.startsWith('..') ? out : shown} (${Math.round(measure.widthPx)}×${Math.round(measure.heightPx)} px, smallest text ${measure.smallestFontPx} px)`);
        if (problems.length) {
          for (const p of problems) process.stderr.write(`picture: ${p}\n`);
          return exitCodes.failed;
        }
        return exitCodes.ok;
      } finally {
        await browser.close();
      }
    });

async function readReport(file: string): Promise<HtmlReportInput> {
  const json: unknown = JSON.parse(await readFile(path.resolve(file), 'utf8'));
  const { HtmlReportInput } = await import('../report-contract.js');
  const { readReportAs, ReportShapeError } = await import('../report/read.js');
  try {
    return readReportAs(HtmlReportInput, json, file);
  } catch (err) {
    throw err instanceof ReportShapeError ? new Error(err.what) : err;
  }
}
