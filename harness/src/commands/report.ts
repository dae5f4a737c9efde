// demo-hooks report FILE.json: the HTML report drawn again from a JSON report alone (next to it).
import path from 'node:path';
import { CliCommand } from '../cli/command.js';
import { exitCodes } from '../cli/exit-codes.js';
import type { Verb } from './verb.js';
import { errorFirstLine } from '../util/errors.js';

export const reportVerb: Verb = ({ print }) =>
  new CliCommand('report')
    .description('draw the HTML report of a run again from its JSON report')
    .argument('<file.json>', 'a JSON report, e.g. reports/pre-fail-helm3.json')
    .runs(async (command) => {
      const file = command.args[0] ?? '';
      if (!file.endsWith('.json')) command.usageError(`report needs a JSON report (FILE.json), not "${file}"`);
      const { writeHtmlFromJson } = await import('../report/files.js');
      const { ReportShapeError } = await import('../report/read.js');
      try {
        print(`wrote ${await writeHtmlFromJson(path.resolve(file))}`);
      } catch (err) {
        command.usageError(`cannot read ${file} as a JSON report (${err instanceof ReportShapeError ? err.what : errorFirstLine(err)})`);
      }
      return exitCodes.ok;
    });
