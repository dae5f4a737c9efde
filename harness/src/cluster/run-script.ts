// Runs a provider's shell step with its progress lines passed on as they come.
import { execa } from 'execa';

/** The step was stopped by Ctrl-C or SIGTERM; the step itself removed what it had started. */
export class StepInterrupted extends Error {}

/** The step exited non-zero: its exit code, and its `error:` lines, which say why in its own words. */
export class StepFailed extends Error {
  constructor(
    message: string,
    readonly exitCode: number | undefined,
    readonly errors: readonly string[],
  ) {
    super(message);
    this.name = 'StepFailed';
  }
}

export async function runStep(
  command: string,
  args: string[],
  progress: (message: string) => void,
  env: NodeJS.ProcessEnv = {},
): Promise<void> {
  // Its own process group: a Ctrl-C in the terminal reaches only us, and we pass it on once, to the
  // step and whatever it is running (a build, a kubectl wait), so its trap cleans up exactly once.
  // Until the step has finished cleaning up we stay, so `make` does not give the prompt back early.
  const child = execa(command, args, { reject: false, all: true, env, stdin: 'ignore', detached: true });
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) {
      progress(`${sig} again: still removing what was started, please wait`);
      return;
    }
    interrupted = sig;
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, sig);
      } catch {
        // The step already ended.
      }
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const lines: string[] = [];
  child.all?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (line.startsWith('==> ')) progress(line.slice(4));
    }
  });
  try {
    const result = await child;
    if (result.exitCode === 0) return;
    if (interrupted) throw new StepInterrupted(`interrupted by ${interrupted} (the step exited ${result.exitCode ?? result.signal})`);
    const errors = lines.filter((l) => l.startsWith('error:'));
    const tail = (errors.length > 0 ? errors : lines.slice(-15)).join('\n');
    throw new StepFailed(`${[command, ...args].join(' ')} failed (exit ${result.exitCode ?? result.signal}):\n${tail}`, result.exitCode, errors);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
