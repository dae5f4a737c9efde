// What every verb of the CLI gets, and the shape of a verb: one module, one CliCommand.
import type { CliCommand } from '../cli/command.js';
import type { Interrupts } from '../cli/interrupts.js';
import type { Style } from '../report/style.js';

export interface CliContext {
  /** A line to stdout. */
  print(text: string): void;
  /** A line to stdout, every line of it fitted to width (run, observe and list: what a projector shows). */
  printFitted(text: string): void;
  /** The columns stdout's lines fit into: the terminal's, or 100 when it is not one. */
  width: number;
  /** Whether stdout is a terminal that can redraw (a live task list), not a pipe or TERM=dumb. */
  live: boolean;
  /** Colours for stdout. */
  style: Style;
  interrupts: Interrupts;
}

/** Builds one verb's command (its arguments, options, help and action). */
export type Verb = (ctx: CliContext) => CliCommand;
