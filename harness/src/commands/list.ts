// demo-hooks list: the scenarios, and what each proves.
import { CliCommand } from '../cli/command.js';
import { exitCodes } from '../cli/exit-codes.js';
import { table } from '../report/style.js';
import type { Verb } from './verb.js';

export const listVerb: Verb = ({ printFitted: print, style, width }) =>
  new CliCommand('list').description('list the scenarios and the lab step each proves').runs(async () => {
    // Loaded here, not above: the scenarios take a while to load, and --help needs none of them.
    const { allScenarios } = await import('../../../scenarios/index.js');
    const [header = '', ...rows] = table(
      ['SCENARIO', 'PROVES', 'TITLE'],
      allScenarios.map((s) => [s.name, s.seedStep, s.title]),
      width,
    );
    print([style.bold(header), ...rows].join('\n'));
    return exitCodes.ok;
  });
