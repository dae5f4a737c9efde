// Runs the Helm binary: argument array, never a shell string; a non-zero exit is a result, not an exception.
import { execa } from 'execa';
import { repoRoot } from '../paths.js';
import { redactHelmOutput } from './redact.js';
import type { HelmCommandResult, HelmMajor } from './types.js';

export interface RunHelmOptions {
  /** Aborting kills Helm (SIGTERM, then SIGKILL after 5 s); the reason ends up in the result. */
  signal?: AbortSignal;
  /** A scenario's own interruption: once `when` resolves (to the moment's description), Helm gets `signal`. */
  sendSignal?: HelmSignal;
  /** Defaults to the repository root; `observe` runs the user's command where the user typed it. */
  cwd?: string;
}

/** What a person does to a running Helm: Ctrl-C (SIGINT) or `kill -9` (SIGKILL). */
export interface HelmSignal {
  signal: 'SIGINT' | 'SIGKILL';
  when: Promise<string>;
}

/** The exit status a shell reports for a process killed by a signal: 128 + the signal's number. */
const shellStatus: Record<string, number> = { SIGINT: 130, SIGKILL: 137, SIGTERM: 143 };

export async function runHelm(binary: string, major: HelmMajor, args: string[], opts: RunHelmOptions = {}): Promise<HelmCommandResult> {
  const startedAt = new Date();
  const started = performance.now();
  const subprocess = execa(binary, args, {
    reject: false,
    stdin: 'ignore',
    // From the repository root, so reports show `charts/demo-hooks` as the lab text writes it.
    cwd: opts.cwd ?? repoRoot,
    // Helm 4 colours its output when it thinks a person is reading; reports want plain text.
    env: { NO_COLOR: '1' },
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
    forceKillAfterDelay: 5000,
  });
  let signalledOnPurpose: string | undefined;
  opts.sendSignal?.when.then(
    (moment) => {
      if (subprocess.exitCode !== null) return;
      signalledOnPurpose = `${opts.sendSignal!.signal} ${moment}`;
      subprocess.kill(opts.sendSignal!.signal);
    },
    () => undefined,
  );
  const result = await subprocess;
  const killedBecause = result.isCanceled ? reasonText(opts.signal?.reason) : undefined;
  const spawnError = result.exitCode === undefined && !result.isCanceled && !signalledOnPurpose ? (result.message ?? '') : '';
  const exitCode = result.exitCode ?? (signalledOnPurpose && result.signal ? (shellStatus[result.signal] ?? -1) : -1);
  return {
    args,
    exitCode,
    stdout: redactHelmOutput(String(result.stdout ?? '')),
    stderr: redactHelmOutput(String(result.stderr ?? '') || spawnError),
    durationMs: Math.round(performance.now() - started),
    startedAt: startedAt.toISOString(),
    helmMajor: major,
    ...(killedBecause ? { killedBecause } : {}),
    ...(signalledOnPurpose ? { signalledOnPurpose } : {}),
  };
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? 'cancelled' : String(reason);
}
