// The releases Helm keeps in a namespace, read from its release records (Secrets labelled
// owner=helm, name=<release>; pkg/storage/driver/secrets.go in Helm 3 and 4). Only labels are read.
import type { Kube } from '../kube/client.js';

export async function helmReleaseNames(kube: Kube, namespace: string): Promise<Set<string>> {
  const list = await kube.core.listNamespacedSecret({ namespace, labelSelector: 'owner=helm' });
  return new Set(list.items.map((s) => s.metadata?.labels?.name).filter((n): n is string => Boolean(n)));
}

/** The one release that appeared between two readings, e.g. the name `install --generate-name` picked. */
export function newRelease(before: ReadonlySet<string>, after: ReadonlySet<string>): string | undefined {
  const added = [...after].filter((n) => !before.has(n));
  return added.length === 1 ? added[0] : undefined;
}
