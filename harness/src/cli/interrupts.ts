// Ctrl-C (SIGINT) and SIGTERM for the whole CLI. Outside work that cleans up after itself, a signal
// ends the process at once with 128 + its number (130, 143): nothing has been made that needs
// removing. Inside such work, the first signal only aborts `signal`, so the work can stop Helm and
// remove what it made; what a second signal does is the work's choice.
import { exitCodeForSignal } from './exit-codes.js';

export interface CleanupScope {
  /** Said once, on the first signal, before the work is asked to stop. */
  onFirst?(signal: NodeJS.Signals): void;
  /** 'leave': a second signal exits at once (after onAgain). 'wait': the work is left to finish cleaning up. */
  again: 'leave' | 'wait';
  onAgain?(signal: NodeJS.Signals): void;
}

export class Interrupts {
  readonly #controller = new AbortController();
  #received: NodeJS.Signals | undefined;
  #scope: CleanupScope | undefined;
  #count = 0;
  readonly #handler = (signal: NodeJS.Signals) => this.#onSignal(signal);

  constructor(private readonly exit: (code: number) => void = (code) => process.exit(code)) {}

  /** Aborted on the first SIGINT or SIGTERM. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The first signal that arrived, if one has. */
  get received(): NodeJS.Signals | undefined {
    return this.#received;
  }

  /** The exit code for an interrupted command: 130 for SIGINT, 143 for SIGTERM. */
  exitCode(): number {
    return exitCodeForSignal(this.#received ?? 'SIGINT');
  }

  install(): this {
    process.on('SIGINT', this.#handler);
    process.on('SIGTERM', this.#handler);
    return this;
  }

  uninstall(): void {
    process.off('SIGINT', this.#handler);
    process.off('SIGTERM', this.#handler);
  }

  /** Runs work that removes what it made when `signal` aborts; signals do not end the process meanwhile. */
  async cleaningUp<T>(scope: CleanupScope, work: () => Promise<T>): Promise<T> {
    this.#scope = scope;
    try {
      return await work();
    } finally {
      this.#scope = undefined;
    }
  }

  #onSignal(signal: NodeJS.Signals): void {
    this.#count += 1;
    this.#received ??= signal;
    const scope = this.#scope;
    if (!scope) {
      this.exit(exitCodeForSignal(this.#received));
      return;
    }
    if (this.#count === 1) {
      scope.onFirst?.(signal);
      this.#controller.abort(new Error(`interrupted by ${signal}`));
      return;
    }
    scope.onAgain?.(signal);
    if (scope.again === 'leave') this.exit(exitCodeForSignal(this.#received));
  }
}
