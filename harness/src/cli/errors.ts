// The two ways a command can be refused before anything runs: how it was called, or where.

/** A bad command line. The CLI prints `<program>: <message>`, then the usage of the command, and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage text to print after the message (the failing command's help). */
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A missing tool or an unreachable cluster: the message says what to do; the CLI exits 3. */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}
