// What of the release remains after uninstall (nothing, or exactly what the lab says), and
// "nothing was created" (dry run).
import { assertLeftovers, assertNothingLeft, leftoversMatch, spellLeftovers, type LeftoverPatterns } from '../../assert/leftovers.js';
import { chartFullname, selector } from '../../kube/labels.js';
import { listLeftovers, type Leftovers } from '../../kube/resources.js';
import { waitFor, WaitTimeoutError } from '../../kube/wait.js';
import { watchPaths } from '../../kube/watch.js';
import type { Step, StepContext } from '../types.js';

async function releaseLeftovers(ctx: StepContext): Promise<Leftovers> {
  const [labelled, records] = await Promise.all([
    listLeftovers(ctx.kube, ctx.namespace, selector.release(ctx.release)),
    listLeftovers(ctx.kube, ctx.namespace, selector.helmReleaseRecords(ctx.release)),
  ]);
  return { ...labelled, 'Helm release record': records.Secret ?? [] };
}

/**
 * Pods terminate and PVCs are released after `helm uninstall` returns (and the cleanup hook
 * deletes the volumes last), so this waits up to `timeoutSeconds` for the release's objects to be
 * exactly those expected.
 */
export function expectLeftovers(expected: LeftoverPatterns, { timeoutSeconds = 120 } = {}): Step {
  const described = spellLeftovers(expected, '<fullname>');
  return {
    title: described ? `expect exactly these left of the release: ${described}` : 'expect nothing of the release left (pods, jobs, PVCs, config maps, secrets, release records)',
    async run(ctx) {
      const fullname = chartFullname(ctx.release);
      let left: Leftovers = {};
      try {
        await waitFor(ctx.kube, {
          waitingFor: 'the release to be gone',
          triggers: [
            { path: watchPaths.pods(ctx.namespace) },
            { path: watchPaths.pvcs(ctx.namespace) },
            { path: watchPaths.jobs(ctx.namespace) },
          ],
          timeoutMs: timeoutSeconds * 1000,
          signal: ctx.signal,
          check: async () => {
            left = await releaseLeftovers(ctx);
            const { missing, extra } = leftoversMatch(expected, left, fullname);
            return missing.length === 0 && extra.length === 0 ? { done: true, value: undefined } : { done: false };
          },
        });
      } catch (err) {
        if (!(err instanceof WaitTimeoutError)) throw err;
      }
      const name = described ? `left of the release, exactly: ${spellLeftovers(expected, fullname)}` : 'nothing of the release remains';
      ctx.check(assertLeftovers(name, expected, left, fullname));
    },
  };
}

export function expectNothingLeft(options: { timeoutSeconds?: number } = {}): Step {
  return expectLeftovers({}, options);
}

/** Immediately: a dry run must not have created anything at all in the namespace. */
export function expectNamespaceEmpty(): Step {
  return {
    title: 'expect the namespace to be empty',
    async run(ctx) {
      ctx.check(assertNothingLeft('namespace is empty', await listLeftovers(ctx.kube, ctx.namespace)));
    },
  };
}
