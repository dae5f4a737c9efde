// The guide's commands typed one after another, when each only reads and returns at once
// (`helm history`, `kubectl get pods`, `kubectl describe job`, `kubectl logs`), are started
// together. Nothing acts between them, so each prints what it would have printed in turn, and the
// run waits for the slowest instead of the sum: each is a process whose start alone (loading the
// kubectl or helm binary) costs about 0.1 s. Their results are still taken, checked and recorded
// in the guide's order. A command that waits, follows, changes something or goes through the
// shell's pipes and operators is never started early, and ends a row.
import type { TypedCommandResult } from './typed-command.js';

const READS: Record<string, readonly string[]> = {
  kubectl: ['get', 'describe', 'logs'],
  helm: ['history', 'status', 'list', 'ls', 'get'],
};
// kubectl get -w and logs -f keep going; -f is also get's "from this file", which no guide types.
const KEEPS_GOING = new Set(['-w', '--watch', '--watch-only', '-f', '--follow']);

/** Whether `command` only reads the cluster and returns at once, so it may start before its turn. */
export function readsAndReturns(command: string): boolean {
  if (/[|;&<>$`(){}\\*?[\]'"#~]/.test(command)) return false;
  const [tool, verb, ...rest] = command.trim().split(/\s+/);
  if (!tool || !verb || !READS[tool]?.includes(verb)) return false;
  return !rest.some((arg) => KEEPS_GOING.has(arg.split('=')[0]!));
}

/**
 * Hands out each typed command's result in the guide's order, having started a whole row of
 * reading commands when the first of them is typed. `steps[i]` is the command step i types, if any.
 */
export class ReadAhead {
  private readonly started = new Map<number, { command: string; result: Promise<TypedCommandResult> }>();

  constructor(
    private readonly steps: readonly (string | undefined)[],
    private readonly run: (command: string) => Promise<TypedCommandResult>,
  ) {}

  /** The result of `command`, typed at step `index`. */
  type(index: number, command: string): Promise<TypedCommandResult> {
    if (!this.started.has(index) && this.steps[index] === command && readsAndReturns(command)) {
      for (let i = index; i < this.steps.length; i++) {
        const next = this.steps[i];
        if (next === undefined || !readsAndReturns(next)) break;
        this.started.set(i, { command: next, result: this.run(next) });
      }
    }
    const early = this.started.get(index);
    if (early?.command === command) {
      this.started.delete(index);
      return early.result;
    }
    return this.run(command);
  }

  /** Waits for commands started early whose steps never came (the run stopped before them). */
  async settle(): Promise<void> {
    const left = [...this.started.values()].map((s) => s.result);
    this.started.clear();
    await Promise.allSettled(left);
  }
}
