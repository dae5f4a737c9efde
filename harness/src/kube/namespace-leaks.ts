// Runs that pass delete their namespace in the background (scenario/runner.ts), so nobody watches
// it go at the moment it is deleted. These are the two places that prove it went: the end of a
// suite that waits for its runs' namespaces, and the start of the next run, which looks for
// harness namespaces still there long after their deletion began. A namespace found either way
// is a leak: what holds it is named, and the command does not count as a clean pass.
import type { Kube } from './client.js';
import { describeLeftovers, listHarnessNamespaces, waitForNamespaceGone } from './namespaces.js';

export interface LeakedNamespace {
  namespace: string;
  /** Why it counts as leaked, in one sentence. */
  why: string;
  /** What holds it, as describeLeftovers says it. */
  leftBehind: string[];
}

const describe = (kube: Kube, name: string) =>
  describeLeftovers(kube, name).catch((e: unknown) => [`(what was left could not be read: ${e instanceof Error ? e.message : String(e)})`]);

/**
 * Waits for each namespace whose deletion was started; those still there after timeoutMs leaked.
 * Stopped by the signal (Ctrl-C), it accuses none: the deletions go on, and the next run checks them.
 */
export async function waitForDeletedNamespaces(kube: Kube, names: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<LeakedNamespace[]> {
  const leaks = await Promise.all(
    names.map(async (name): Promise<LeakedNamespace | undefined> => {
      try {
        await waitForNamespaceGone(kube, name, timeoutMs, signal);
        return undefined;
      } catch (err) {
        if (signal?.aborted) return undefined;
        return { namespace: name, why: err instanceof Error ? err.message : String(err), leftBehind: await describe(kube, name) };
      }
    }),
  );
  return leaks.filter((l): l is LeakedNamespace => l !== undefined);
}

/**
 * Harness namespaces whose deletion began more than graceMs before now and which are still there:
 * an earlier run's background deletion that never finished.
 */
export async function findLeakedNamespaces(kube: Kube, o: { now: Date; graceMs: number }): Promise<LeakedNamespace[]> {
  const stuck = (await listHarnessNamespaces(kube)).filter((ns) => ns.deletingSince && o.now.getTime() - Date.parse(ns.deletingSince) > o.graceMs);
  return Promise.all(
    stuck.map(async (ns) => ({
      namespace: ns.name,
      why: `its deletion began at ${ns.deletingSince} (${Math.round((o.now.getTime() - Date.parse(ns.deletingSince as string)) / 1000)}s ago) and it is still there`,
      leftBehind: await describe(kube, ns.name),
    })),
  );
}
