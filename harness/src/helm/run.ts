// Runs the Helm binary: argument array, never a shell string; a non-zero exit is a result, not an exception.
import { execa } from 'execa';
import { repoRoot } from '../paths.js';
import { redactHelmOutput } from './redact.js';
import type { HelmCommandResult, HelmMajor } from './types.js';

export interface RunHelmOptions {
  /** Aborting kills Helm (SIGTERM, then SIGKILL after 5 s); the reason ends up in the result. */
  signal?: AbortSignal;
  /** Defaults to the repository root; `observe` runs the user's command where the user typed it. */
  cwd?: string;
}

export async function runHelm(binary: string, major: HelmMajor, args: string[], opts: RunHelmOptions = {}): Promise<HelmCommandResult> {
  const startedAt = new Date();
  const started = performance.now();
  const result = await execa(binary, args, {
    reject: false,
    stdin: 'ignore',
    // From the repository root, so reports show `charts/demo-hooks` as the lab text writes it.
    cwd: opts.cwd ?? repoRoot,
    // Helm 4 colours its output when it thinks a person is reading; reports want plain text.
    env: { NO_COLOR: '1' },
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
    forceKillAfterDelay: 5000,
  });
  const killedBecause = result.isCanceled ? reasonText(opts.signal?.reason) : undefined;
  const spawnError = result.exitCode === undefined && !result.isCanceled ? (result.message ?? '') : '';
  return {
    args,
    exitCode: result.exitCode ?? -1,
    stdout: redactHelmOutput(String(result.stdout ?? '')),
    stderr: redactHelmOutput(String(result.stderr ?? '') || spawnError),
    durationMs: Math.round(performance.now() - started),
    startedAt: startedAt.toISOString(),
    helmMajor: major,
    ...(killedBecause ? { killedBecause } : {}),
  };
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? 'cancelled' : String(reason);
}
