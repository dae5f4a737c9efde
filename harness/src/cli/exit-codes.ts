// The CLI's exit codes, the contract CI scripts read (listed in the main README).
import { constants } from 'node:os';

export const exitCodes = {
  /** Every run passed. */
  ok: 0,
  /** A scenario did not pass: Helm or the cluster did something the lab does not promise. */
  failed: 1,
  /** A bad command line: nothing ran. */
  usage: 2,
  /** A missing tool or an unreachable cluster: nothing ran. */
  environment: 3,
  /** Every run passed, but one could not remove what it made (its namespace): not a clean pass. */
  notCleanedUp: 4,
} as const;

/** 128 + the signal's number, as a shell reports a process the signal ended: 130 for SIGINT, 143 for SIGTERM. */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}
