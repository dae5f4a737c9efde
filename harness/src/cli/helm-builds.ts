// `run --helm 3.18.6`: the exact releases are built before anything else happens, so a version that
// is not a release is a bad command line (exit 2) found before a cluster is brought up or touched.
// A build takes minutes of Go: Ctrl-C stops it as it stops a provider's step (cli/set-up.ts), and the
// half-built copy is removed by hack/tools.sh itself.
import { StepInterrupted } from '../cluster/run-script.js';
import type { CliContext } from '../commands/verb.js';
import type { HelmRelease } from '../helm/releases.js';
import { NotAHelmReleaseError, requireHelmRelease } from '../tools.js';
import { errorMessage } from '../util/errors.js';
import { EnvironmentError } from './errors.js';

/** Returns the exit code of an interrupted build, or undefined when every exact release is built. */
export async function buildExactReleases(ctx: CliContext, releases: readonly HelmRelease[], usageError: (message: string) => never): Promise<number | undefined> {
  const exact = releases.filter((r) => !r.pinned);
  if (exact.length === 0) return undefined;
  try {
    await ctx.interrupts.cleaningUp({ again: 'wait' }, async () => {
      for (const release of exact) await requireHelmRelease(release, (msg) => ctx.print(`[tools] ${msg}`));
    });
    return undefined;
  } catch (err) {
    if (err instanceof NotAHelmReleaseError) usageError(err.message);
    if (err instanceof StepInterrupted) {
      process.stderr.write(`demo-hooks: ${err.message}\n`);
      return ctx.interrupts.exitCode();
    }
    throw new EnvironmentError(errorMessage(err));
  }
}
