// What `make cluster` sets up, done by the CLI itself: the pinned tools the command uses
// (hack/tools.sh), then the cluster. `cluster up` and `run --up` share it, so `make scenario-NAME`
// starts one Node process where it started three (each start loads the Kubernetes client).
import path from 'node:path';
import type { ClusterProvider } from '../cluster/provider.js';
import { runStep, StepInterrupted } from '../cluster/run-script.js';
import { repoRoot } from '../paths.js';
import type { HelmMajor } from '../tools.js';
import type { CliContext } from '../commands/verb.js';
import { EnvironmentError } from './errors.js';
import { errorMessage } from '../util/errors.js';

/**
 * The sets of hack/tools.sh for a command on a cluster: Helm of the majors it runs and what the
 * provider runs, nothing else. A first `make scenario-pre-fail` then builds one Helm, and a later
 * `--helm 4` builds Helm 4 when it comes.
 */
export function toolSets(helmMajors: readonly HelmMajor[]): string[] {
  return [...helmMajors.map((major) => `helm${major}`), 'provider'];
}

export async function toolsAndCluster(provider: ClusterProvider, progress: (message: string) => void, helmMajors: readonly HelmMajor[]): Promise<void> {
  // Named, so tools.sh does not start the CLI again to ask which provider runs.
  await runStep('bash', [path.join(repoRoot, 'hack', 'tools.sh'), ...toolSets(helmMajors)], progress, { DEMO_HOOKS_PROVIDER: provider.name });
  await provider.up(progress);
}

/**
 * A provider's step (up, down) with its progress printed. Ctrl-C stops it and it removes what it
 * started, and the CLI waits for that; a failure is one message with the provider's advice, never
 * a stack trace. Returns the exit code of an interrupted step, or undefined when it finished.
 */
export async function providerStep(
  ctx: CliContext,
  provider: ClusterProvider,
  act: (p: ClusterProvider, progress: (message: string) => void) => Promise<void>,
): Promise<number | undefined> {
  try {
    await ctx.interrupts.cleaningUp({ again: 'wait' }, () => act(provider, (msg) => ctx.print(`[cluster ${provider.name}] ${msg}`)));
    return undefined;
  } catch (err) {
    if (!(err instanceof StepInterrupted)) throw new EnvironmentError(errorMessage(err));
    process.stderr.write(`demo-hooks: ${err.message}\n`);
    return ctx.interrupts.exitCode();
  }
}
