// What every verb of the CLI gets, and the shape of a verb: one module, one CliCommand.
import type { CliCommand } from '../cli/command.js';
import type { Interrupts } from '../cli/interrupts.js';
import type { Style } from '../report/style.js';

export interface CliContext {
  /** A line to stdout. */
  print(text: string): void;
  /** Colours for stdout. */
  style: Style;
  interrupts: Interrupts;
}

/** Builds one verb's command (its arguments, options, help and action). */
export type Verb = (ctx: CliContext) => CliCommand;
