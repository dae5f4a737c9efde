// demo-hooks: run the scenarios that prove what Helm does when its hooks fail.
// The verbs live in commands/, one module each; this file puts them together and turns what can go
// wrong into the exit codes the README lists.
import { CliCommand, runCli } from './cli/command.js';
import { EnvironmentError } from './cli/errors.js';
import { exitCodes } from './cli/exit-codes.js';
import { Interrupts } from './cli/interrupts.js';
import { versionText } from './cli/version.js';
import { verbs } from './commands/index.js';
import type { CliContext } from './commands/verb.js';
import { shownText } from './report/cluster-text.js';
import { fitToWidth, outputWidth, styleFor } from './report/style.js';
import { MissingToolError } from './tools.js';

export { exitCodes } from './cli/exit-codes.js';

const EXIT_CODES_HELP = `
Exit codes:
  0    every run passed
  1    a scenario did not pass
  2    a bad command line (nothing ran)
  3    the environment: a missing tool or no reachable cluster (nothing ran)
  4    every run passed, but one left something behind in the cluster (listed in its report)
  130  interrupted by Ctrl-C (SIGINT); 143 by SIGTERM`;

export function program(ctx: CliContext): CliCommand {
  const root = new CliCommand('demo-hooks')
    .description('Show, and prove, what Helm 3 and Helm 4 do when hooks fail, on a real cluster.')
    .version(versionText(), '-V, --version', "print the project's version and the pinned tools' versions")
    .addHelpText('after', EXIT_CODES_HELP);
  for (const verb of verbs) root.addCommand(verb(ctx));
  return root;
}

export async function main(argv: readonly string[]): Promise<number> {
  const interrupts = new Interrupts().install();
  const width = outputWidth(process.stdout);
  const ctx: CliContext = {
    print: (text) => process.stdout.write(`${text}\n`),
    printFitted: (text) => process.stdout.write(`${fitToWidth(text, width)}\n`),
    width,
    live: process.stdout.isTTY === true && process.env.TERM !== 'dumb',
    style: styleFor(process.stdout),
    interrupts,
  };
  try {
    return await runCli(program(ctx), argv);
  } catch (err) {
    if (err instanceof MissingToolError || err instanceof EnvironmentError) {
      // An environment error often quotes the API server or Helm: shown, never obeyed.
      process.stderr.write(`demo-hooks: ${shownText(err.message)}\n`);
      return exitCodes.environment;
    }
    throw err;
  } finally {
    interrupts.uninstall();
  }
}
