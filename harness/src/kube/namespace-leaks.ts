// Runs that pass delete their namespace in the background (scenario/runner.ts), so nobody watches
// it go at the moment it is deleted. These are the two places that prove it went: the end of a
// suite that waits for its runs' namespaces, and the start of the next run, which looks for
// harness namespaces still there long after their deletion began. A namespace found either way
// is a leak: what holds it is named, and the command does not count as a clean pass.
import type { Kube } from './client.js';
import { selector } from './labels.js';
import { describeLeftovers, listHarnessNamespaces } from './namespaces.js';
import { waitFor, WaitTimeoutError } from './wait.js';
import { watchPaths } from './watch.js';
import { errorMessage } from '../util/errors.js';

export interface LeakedNamespace {
  namespace: string;
  /** Why it counts as leaked, in one sentence. */
  why: string;
  /** What holds it, as describeLeftovers says it. */
  leftBehind: string[];
}

const describe = (kube: Kube, name: string) =>
  describeLeftovers(kube, name).catch((e: unknown) => [`(what was left could not be read: ${errorMessage(e)})`]);

/**
 * Waits for each namespace whose deletion was started; those still there after timeoutMs leaked.
 * Stopped by the signal (Ctrl-C), it accuses none: the deletions go on, and the next run checks them.
 * One watch of the harness's namespaces serves them all: a suite deletes dozens, and a watch (and
 * a listener on the signal) for each was as many.
 */
export async function waitForDeletedNamespaces(kube: Kube, names: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<LeakedNamespace[]> {
  // Each namespace not yet gone, with the phase it was last seen in.
  let left = new Map(names.map((name) => [name, 'not read yet']));
  if (left.size === 0) return [];
  try {
    await waitFor<void>(kube, {
      waitingFor: `${names.length} namespace(s) to be deleted`,
      triggers: [{ path: watchPaths.namespaces(), labelSelector: selector.harnessNamespaces() }],
      timeoutMs,
      ...(signal ? { signal } : {}),
      check: async () => {
        const present = new Map((await listHarnessNamespaces(kube)).map((ns) => [ns.name, ns.phase ?? 'unknown']));
        left = new Map([...left.keys()].flatMap((name) => (present.has(name) ? [[name, present.get(name) as string] as const] : [])));
        return left.size === 0 ? { done: true, value: undefined } : { done: false, seen: [...left.keys()].join(', ') };
      },
    });
    return [];
  } catch (err) {
    if (signal?.aborted) return [];
    const why = (name: string) =>
      err instanceof WaitTimeoutError
        ? `timed out after ${Math.round(timeoutMs / 1000)}s waiting for namespace ${name} to be deleted (last seen: phase ${left.get(name)})`
        : errorMessage(err);
    return Promise.all([...left.keys()].map(async (name) => ({ namespace: name, why: why(name), leftBehind: await describe(kube, name) })));
  }
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
