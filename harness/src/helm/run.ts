// Runs the Helm binary, for the harness, the chart tests and the hack scripts alike: argument array,
// never a shell string; a non-zero exit is a result, not an exception.
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

interface StartHelmOptions {
  cwd?: string;
  env?: Record<string, string>;
  signal?: AbortSignal;
  stripFinalNewline?: boolean;
}

/** Every Helm process, started one way: an argument array, no stdin, plain text out. */
function startHelm(binary: string, args: string[], opts: StartHelmOptions) {
  return execa(binary, args, {
    reject: false,
    stdin: 'ignore',
    // From the repository root, so reports show `charts/demo-hooks` as the lab text writes it.
    cwd: opts.cwd ?? repoRoot,
    // Helm 4 colours its output when it thinks a person is reading; reports want plain text.
    env: { NO_COLOR: '1', ...opts.env },
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
    forceKillAfterDelay: 5000,
    ...(opts.stripFinalNewline === false ? { stripFinalNewline: false } : {}),
  });
}

export async function runHelm(binary: string, major: HelmMajor, args: string[], opts: RunHelmOptions = {}): Promise<HelmCommandResult> {
  const startedAt = new Date();
  const started = performance.now();
  const subprocess = startHelm(binary, args, {
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
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

/** What Helm printed, as it printed it. */
export interface HelmOutput {
  args: string[];
  /** -1 when Helm did not start or did not exit on its own. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Helm for the chart's own tests and hack scripts (`helm template`, `helm lint`, a dry run against
 * a stand-in API server): the same process as runHelm, but the output exactly as Helm printed it,
 * final newline and Secret data included, since those tests read the rendered Secret and nothing
 * here reaches a report. `env` is added to the environment (a throwaway kubeconfig, a Helm driver).
 */
export async function runHelmUnredacted(binary: string, args: string[], opts: { env?: Record<string, string> } = {}): Promise<HelmOutput> {
  const result = await startHelm(binary, args, { stripFinalNewline: false, ...(opts.env ? { env: opts.env } : {}) });
  return { args, exitCode: result.exitCode ?? -1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? 'cancelled' : String(reason);
}
