// One namespace per scenario run, labelled so `demo-hooks clean` can find every one the harness made.
import type { V1Namespace } from '@kubernetes/client-node';
import { isConflict, isNotFound, type Kube } from './client.js';
import { HARNESS_MANAGER, label, selector } from './labels.js';
import { waitFor } from './wait.js';
import { watchPaths } from './watch.js';

export interface RunNamespace {
  name: string;
  runId: string;
  scenario: string;
  /** A run's lease (run-lease.ts), so the namespace is alive from its first moment. */
  annotations?: Record<string, string>;
}

export async function createRunNamespace(kube: Kube, ns: RunNamespace): Promise<void> {
  const body: V1Namespace = {
    metadata: {
      name: ns.name,
      ...(ns.annotations ? { annotations: ns.annotations } : {}),
      labels: {
        [label.managedBy]: HARNESS_MANAGER,
        [label.run]: ns.runId,
        [label.scenario]: ns.scenario,
        // The chart must run under the strictest Pod Security level a real cluster might enforce.
        'pod-security.kubernetes.io/enforce': 'restricted',
      },
    },
  };
  try {
    await kube.core.createNamespace({ body });
  } catch (err) {
    if (isConflict(err)) throw new Error(`namespace ${ns.name} already exists; run ids should never repeat`);
    throw err;
  }
}

/** Starts deletion; a namespace already gone is fine. */
export async function deleteNamespace(kube: Kube, name: string): Promise<void> {
  try {
    await kube.core.deleteNamespace({ name });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function waitForNamespaceGone(kube: Kube, name: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  await waitFor(kube, {
    waitingFor: `namespace ${name} to be deleted`,
    triggers: [{ path: watchPaths.namespaces(), fieldSelector: `metadata.name=${name}` }],
    timeoutMs,
    ...(signal ? { signal } : {}),
    check: async () => {
      try {
        const ns = await kube.core.readNamespace({ name });
        return { done: false, seen: `phase ${ns.status?.phase ?? 'unknown'}` };
      } catch (err) {
        if (isNotFound(err)) return { done: true, value: undefined };
        throw err;
      }
    },
  });
}

export interface ManagedNamespace {
  name: string;
  scenario?: string;
  runId?: string;
  phase?: string;
  createdAt?: string;
  /** When its deletion was asked for (metadata.deletionTimestamp); unset while nobody has deleted it. */
  deletingSince?: string;
  annotations?: Record<string, string>;
}

export async function listHarnessNamespaces(kube: Kube): Promise<ManagedNamespace[]> {
  const list = await kube.core.listNamespace({ labelSelector: selector.harnessNamespaces() });
  return list.items.map((ns) => ({
    name: ns.metadata?.name ?? '',
    ...(ns.metadata?.labels?.[label.scenario] ? { scenario: ns.metadata.labels[label.scenario] } : {}),
    ...(ns.metadata?.labels?.[label.run] ? { runId: ns.metadata.labels[label.run] } : {}),
    ...(ns.status?.phase ? { phase: ns.status.phase } : {}),
    ...(ns.metadata?.creationTimestamp ? { createdAt: new Date(ns.metadata.creationTimestamp).toISOString() } : {}),
    ...(ns.metadata?.deletionTimestamp ? { deletingSince: new Date(ns.metadata.deletionTimestamp).toISOString() } : {}),
    ...(ns.metadata?.annotations ? { annotations: ns.metadata.annotations } : {}),
  }));
}

/**
 * What keeps a namespace from going away, in words: its phase, the conditions Kubernetes sets
 * while it cannot finish deleting (remaining content, finalizers), and the pods, Jobs and PVCs
 * still in it. Empty when the namespace is gone.
 */
export async function describeLeftovers(kube: Kube, name: string): Promise<string[]> {
  let ns: V1Namespace;
  try {
    ns = await kube.core.readNamespace({ name });
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
  const conditions = (ns.status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => `${c.type}: ${c.message ?? ''}`.trim());
  const [pods, jobs, pvcs] = await Promise.all([
    kube.core.listNamespacedPod({ namespace: name }),
    kube.batch.listNamespacedJob({ namespace: name }),
    kube.core.listNamespacedPersistentVolumeClaim({ namespace: name }),
  ]);
  return [
    `namespace/${name} (${ns.status?.phase ?? 'unknown phase'})`,
    ...conditions,
    ...pods.items.map((p) => `pod/${p.metadata?.name ?? '?'} (${p.status?.phase ?? '?'}${p.metadata?.deletionTimestamp ? ', terminating' : ''})`),
    ...jobs.items.map((j) => `job/${j.metadata?.name ?? '?'}`),
    ...pvcs.items.map((c) => `persistentvolumeclaim/${c.metadata?.name ?? '?'} (${c.status?.phase ?? '?'})`),
  ];
}
