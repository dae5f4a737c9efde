// A command exactly as a guide shows it, run the way an attendee runs it: typed into bash, from
// the repository root, with the guide's set-up. A non-zero exit is a result, not an exception.
import { execa } from 'execa';
import { redactHelmOutput } from '../helm/redact.js';
import { repoRoot } from '../paths.js';
import { commandForRun } from './names.js';
import type { TypedCommandResult } from '../report-contract.js';

export type { TypedCommandResult };

export interface TypedCommandOptions {
  /** The run's namespace, which stands where the guide shows `-n demo`. */
  namespace: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export async function runTypedCommand(command: string, o: TypedCommandOptions): Promise<TypedCommandResult> {
  const startedAt = new Date();
  const started = performance.now();
  const result = await execa('bash', ['--noprofile', '--norc', '-c', commandForRun(command, o.namespace)], {
    reject: false,
    stdin: 'ignore',
    cwd: repoRoot,
    env: o.env,
    extendEnv: false,
    ...(o.signal ? { cancelSignal: o.signal } : {}),
    forceKillAfterDelay: 5000,
  });
  const killedBecause = result.isCanceled ? (o.signal?.reason instanceof Error ? o.signal.reason.message : 'cancelled') : undefined;
  return {
    command,
    exitCode: result.exitCode ?? -1,
    stdout: redactHelmOutput(String(result.stdout ?? '')),
    stderr: redactHelmOutput(String(result.stderr ?? '')),
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    ...(killedBecause ? { killedBecause } : {}),
  };
}
