// Listing what is in a run's namespace. Secrets are listed by name only: nothing here returns their data.
import type { CoreV1Event, V1Job, V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import type { Kube } from './client.js';
import { summarizeJob, summarizePod, toIso, type JobSummary, type PodSummary } from './summaries.js';
import type { EventSummary } from '../report-contract.js';

export type { EventSummary };

export async function listPods(kube: Kube, namespace: string, labelSelector?: string): Promise<V1Pod[]> {
  return (await kube.core.listNamespacedPod({ namespace, ...(labelSelector ? { labelSelector } : {}) })).items;
}

export async function listJobs(kube: Kube, namespace: string, labelSelector?: string): Promise<V1Job[]> {
  return (await kube.batch.listNamespacedJob({ namespace, ...(labelSelector ? { labelSelector } : {}) })).items;
}

export async function listPvcs(kube: Kube, namespace: string, labelSelector?: string): Promise<V1PersistentVolumeClaim[]> {
  return (await kube.core.listNamespacedPersistentVolumeClaim({ namespace, ...(labelSelector ? { labelSelector } : {}) })).items;
}

export async function listEvents(kube: Kube, namespace: string): Promise<CoreV1Event[]> {
  return (await kube.core.listNamespacedEvent({ namespace })).items;
}

export async function podSummaries(kube: Kube, namespace: string, labelSelector?: string): Promise<PodSummary[]> {
  return (await listPods(kube, namespace, labelSelector)).map(summarizePod);
}

export async function jobSummaries(kube: Kube, namespace: string, labelSelector?: string): Promise<JobSummary[]> {
  return (await listJobs(kube, namespace, labelSelector)).map(summarizeJob);
}

export async function eventSummaries(kube: Kube, namespace: string): Promise<EventSummary[]> {
  return (await listEvents(kube, namespace))
    .map((e) => ({
      ...(toIso(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp) ? { at: toIso(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp) } : {}),
      type: e.type ?? '',
      reason: e.reason ?? '',
      object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      message: e.message ?? '',
      count: e.count ?? 1,
    }))
    .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}

/** Names of objects of each kind left in the namespace, optionally only those matching a selector. */
export interface Leftovers {
  [kind: string]: string[];
}

export async function listLeftovers(kube: Kube, namespace: string, labelSelector?: string): Promise<Leftovers> {
  const q = { namespace, ...(labelSelector ? { labelSelector } : {}) };
  const names = (items: { metadata?: { name?: string } }[]) => items.map((i) => i.metadata?.name ?? '').sort();
  const [pods, jobs, pvcs, configMaps, secrets, services, deployments, statefulSets] = await Promise.all([
    kube.core.listNamespacedPod(q),
    kube.batch.listNamespacedJob(q),
    kube.core.listNamespacedPersistentVolumeClaim(q),
    kube.core.listNamespacedConfigMap(q),
    kube.core.listNamespacedSecret(q),
    kube.core.listNamespacedService(q),
    kube.apps.listNamespacedDeployment(q),
    kube.apps.listNamespacedStatefulSet(q),
  ]);
  return {
    Pod: names(pods.items),
    Job: names(jobs.items),
    PersistentVolumeClaim: names(pvcs.items),
    // Every namespace gets kube-root-ca.crt from Kubernetes itself; it is nobody's leftover.
    ConfigMap: names(configMaps.items).filter((n) => n !== 'kube-root-ca.crt'),
    Secret: names(secrets.items),
    Service: names(services.items),
    Deployment: names(deployments.items),
    StatefulSet: names(statefulSets.items),
  };
}

export function nonEmptyLeftovers(l: Leftovers): Leftovers {
  return Object.fromEntries(Object.entries(l).filter(([, names]) => names.length > 0));
}
