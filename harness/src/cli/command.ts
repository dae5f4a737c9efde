// The one argument parser of the project: commander, set up so that every bad command line ends
// the same way (one line naming the argument and what it accepts, the command's usage, exit 2)
// and never as a stack trace. The CLI's verbs and labs/render.ts are all built from CliCommand.
import { Command, CommanderError, InvalidArgumentError, Option, type HelpContext } from 'commander';
import { DEFAULT_LOG_LIMITS, type LogLimits } from '../report/cluster-text.js';
import { UsageError } from './errors.js';
import { exitCodes } from './exit-codes.js';

export { InvalidArgumentError, Option } from 'commander';

export class CliCommand extends Command {
  #exitCode: number | undefined;

  constructor(name?: string) {
    super(name);
    // Commander's own exits become exceptions that runCli turns into exit codes.
    this.exitOverride();
    this.showSuggestionAfterError(true);
  }

  override createCommand(name?: string): CliCommand {
    return new CliCommand(name);
  }

  /** The handler's result is the process's exit code. */
  runs(handler: (command: this) => Promise<number> | number): this {
    return this.action(async () => {
      rootOf(this).#exitCode = await handler(this);
    });
  }

  /** Every parse error commander finds comes through here, on the command that found it. */
  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    throw new UsageError(explain(this, message, errorOptions?.code), this.helpInformation());
  }

  /** Commander asks for help as an error when a command that only groups others is called alone. */
  override help(context?: HelpContext | ((str: string) => string)): never {
    if (typeof context === 'object' && context.error) {
      // `help NAME` for a NAME that is not a command ends here too.
      const asked = this.args[0] === 'help' ? this.args[1] : undefined;
      if (asked) this.error(`unknown command '${asked}'; use ${commandNames(this)}`, { code: 'cli.unknownCommand' });
      const where = pathOf(this);
      this.error(where ? `${where} needs one of ${commandNames(this)}` : `no command given: use ${commandNames(this)}`, { code: 'cli.missingCommand' });
    }
    return super.help(context as HelpContext);
  }

  /** Usage problems an action finds itself (an unknown scenario name) end like the parser's own. */
  usageError(message: string): never {
    throw new UsageError(message, this.helpInformation());
  }

  static exitCodeOf(program: CliCommand): number {
    return program.#exitCode ?? exitCodes.ok;
  }
}

/** A parser for an option's value that accepts whole numbers from 1 up ("of seconds" when unit is seconds). */
export function wholeNumberFromOne(unit?: string): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`use a whole number${unit ? ` of ${unit}` : ''}, 1 or more`);
    return n;
  };
}

/**
 * Parses argv and runs the chosen command. A usage error is printed as `<program>: <message>`
 * followed by the usage, and gives exit code 2; --help and --version give 0. Any other error is
 * the caller's to map.
 */
export async function runCli(program: CliCommand, argv: readonly string[], stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return CliCommand.exitCodeOf(program);
  } catch (err) {
    if (err instanceof UsageError) {
      // A usage error found away from the parser (a bad CLUSTER) comes with the program's usage.
      stderr.write(`${program.name()}: ${err.message}\n\n${err.usage ?? program.helpInformation()}`);
      return exitCodes.usage;
    }
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
}

function rootOf(command: Command): CliCommand {
  let c = command;
  while (c.parent) c = c.parent;
  if (!(c instanceof CliCommand)) throw new Error('a CliCommand must sit under a CliCommand');
  return c;
}

/** "cluster up" for a subcommand, "" for the program itself. */
function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function commandNames(command: Command): string {
  const names = command.commands.map((c) => c.name()).filter((n) => n !== 'help');
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

function optionNames(command: Command): string {
  return [...command.options.map((o) => o.long ?? o.short ?? o.flags), '--help'].join(', ');
}

/** Commander's message, on one line, completed with what the command accepts. */
function explain(command: Command, message: string, code: string | undefined): string {
  const base = message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*\(Did you mean (.*)\?\)/, ' (did you mean $1?)')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  const where = pathOf(command) || command.name();
  switch (code) {
    case 'commander.unknownOption':
      return `${base}; ${where} takes ${optionNames(command)}`;
    case 'commander.unknownCommand':
      return `${base}; use ${commandNames(command)}`;
    case 'commander.invalidArgument': {
      // "option '--deadline <seconds>' argument '-3' is invalid. use …", or "… value '5' from env 'HELM_VERSION' is invalid. use …"
      const m = /^option '([^']+)' (?:argument '(.*)'|value '(.*)' from env '([^']+)') is invalid\. (.*)$/s.exec(base);
      if (!m) return base;
      const [, flags, cliValue, envValue, envVar, accepted] = m;
      return envVar ? `${envVar}=${envValue} is not a value for ${flags}: ${accepted}` : `'${cliValue}' is not a value for ${flags}: ${accepted}`;
    }
    case 'commander.optionMissingArgument': {
      const flags = /option '([^']+)'/.exec(base)?.[1];
      const option = command.options.find((o) => o.flags === flags);
      return option?.description ? `${base} (${option.description})` : base;
    }
    case 'commander.missingMandatoryOptionValue': {
      const flags = /option '([^']+)'/.exec(base)?.[1];
      const option = command.options.find((o) => o.flags === flags);
      return option?.description ? `${base}: give ${option.description}` : base;
    }
    case 'commander.missingArgument': {
      const name = /argument '([^']+)'/.exec(base)?.[1];
      const argument = command.registeredArguments.find((a) => a.name() === name);
      return argument?.description ? `${base} (${argument.description})` : base;
    }
    case 'commander.excessArguments':
      return base.replace(/\.$/, '');
    default:
      return base;
  }
}

/**
 * --log-lines and --log-bytes: how much of each log the terminal and JUnit show, from its end. The
 * whole log is a file beside the reports either way; `run` and `observe` share these.
 */
export const logLinesOption = () =>
  new Option('--log-lines <n>', "how many of a log's last lines the terminal and JUnit show").default(DEFAULT_LOG_LIMITS.lines).argParser(wholeNumberFromOne('lines'));
export const logBytesOption = () =>
  new Option('--log-bytes <n>', "at most this many bytes of a log's end in the terminal and JUnit").default(DEFAULT_LOG_LIMITS.bytes).argParser(wholeNumberFromOne('bytes'));

export function logLimitsOf(options: { logLines?: number; logBytes?: number }): LogLimits {
  return { lines: options.logLines ?? DEFAULT_LOG_LIMITS.lines, bytes: options.logBytes ?? DEFAULT_LOG_LIMITS.bytes };
}
