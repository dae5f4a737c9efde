// Has a watch delivered everything up to a fresh list? Pure, so the rules have unit tests.
//
// resourceVersions are compared as numbers. The API documents them as opaque, but every
// kube-apiserver backed by etcd hands out etcd's revision, which only grows; when a version is not
// a number the comparison falls back to equality, which can only make the answer "behind".

export interface CacheEntry {
  /** namespace/name */
  name: string;
  uid: string;
  resourceVersion: string;
}

export interface CaughtUpInput {
  /** The collection as a list read it just now, and that list's resourceVersion. */
  listed: readonly CacheEntry[];
  listResourceVersion: string;
  /** What the watch has delivered so far (its cache). */
  cached: readonly CacheEntry[];
  /** Deletions the watch delivered: uid → resourceVersion of the deletion. */
  deletions: ReadonlyMap<string, string>;
}

export type CaughtUpVerdict = { caughtUp: true } | { caughtUp: false; behind: string };

/** a ≥ b, for resourceVersions. */
export function atLeast(a: string, b: string): boolean {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) >= BigInt(b);
  return a === b;
}

export function isCaughtUp(input: CaughtUpInput): CaughtUpVerdict {
  const cached = new Map(input.cached.map((c) => [c.name, c]));
  const listedNames = new Set(input.listed.map((l) => l.name));
  for (const l of input.listed) {
    const c = cached.get(l.name);
    if (c && c.uid === l.uid && atLeast(c.resourceVersion, l.resourceVersion)) continue;
    // Gone from the cache, or replaced by a newer object of the same name: fine if the watch saw it deleted.
    const deletedAt = input.deletions.get(l.uid);
    if (deletedAt !== undefined && atLeast(deletedAt, l.resourceVersion)) continue;
    if (c && c.uid !== l.uid && atLeast(c.resourceVersion, input.listResourceVersion)) continue;
    return { caughtUp: false, behind: `${l.name} at resourceVersion ${l.resourceVersion} not seen yet${c ? ` (seen ${c.resourceVersion})` : ''}` };
  }
  for (const c of input.cached) {
    // Not in the list: created after it (fine) or deleted before it, and the deletion not seen yet.
    if (!listedNames.has(c.name) && !atLeast(c.resourceVersion, input.listResourceVersion)) {
      return { caughtUp: false, behind: `${c.name} was deleted before resourceVersion ${input.listResourceVersion}, the watch has not seen it yet` };
    }
  }
  return { caughtUp: true };
}
