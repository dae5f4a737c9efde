// Plain summaries of Pods and Jobs: what a report shows and what assertions compare.
// Pure; they accept objects from list calls (dates as Date) and from watches (dates as strings).
import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { label } from './labels.js';
import type { ContainerSummary, JobSummary, PodSummary } from '../report-contract.js';

export type { ContainerSummary, JobSummary, PodSummary };

export function toIso(v: Date | string | undefined | null): string | undefined {
  if (!v) return undefined;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

type ContainerStatus = NonNullable<NonNullable<V1Pod['status']>['containerStatuses']>[number];

function summarizeContainer(c: ContainerStatus): ContainerSummary {
  const s = c.state;
  const restarts = c.restartCount ?? 0;
  if (s?.terminated) return { name: c.name, state: 'terminated', exitCode: s.terminated.exitCode, ...opt('reason', s.terminated.reason), restarts };
  if (s?.running) return { name: c.name, state: 'running', restarts };
  // Waiting to be restarted (CrashLoopBackOff): the exit code is that of the last run.
  const last = c.lastState?.terminated;
  if (s?.waiting) return { name: c.name, state: 'waiting', ...opt('reason', s.waiting.reason), ...(last ? { exitCode: last.exitCode } : {}), restarts };
  return { name: c.name, state: 'unknown', restarts };
}

export function summarizePod(pod: V1Pod): PodSummary {
  const containers = (pod.status?.containerStatuses ?? []).map(summarizeContainer);
  const initContainers = (pod.status?.initContainerStatuses ?? []).map(summarizeContainer);
  const exited = containers.length > 0 && containers.every((c) => c.state === 'terminated');
  const failedContainer = containers.find((c) => c.state === 'terminated' && c.exitCode !== 0);
  const exitCode = failedContainer?.exitCode ?? (exited ? 0 : undefined);
  const reason = failedContainer?.reason ?? pod.status?.reason ?? containers.find((c) => c.state === 'waiting')?.reason;
  const labels = pod.metadata?.labels ?? {};
  return {
    name: pod.metadata?.name ?? '',
    ...opt('hook', labels[label.hook]),
    ...opt('jobName', labels['batch.kubernetes.io/job-name'] ?? labels['job-name']),
    ...opt('appVersion', labels[label.appVersion]),
    phase: pod.status?.phase ?? 'Unknown',
    ready: (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    terminating: Boolean(pod.metadata?.deletionTimestamp),
    ...(exitCode === undefined ? {} : { exitCode }),
    ...opt('reason', reason),
    containers,
    ...(initContainers.length > 0 ? { initContainers } : {}),
    ...opt('createdAt', toIso(pod.metadata?.creationTimestamp)),
  };
}

export function summarizeJob(job: V1Job): JobSummary {
  const conditions = job.status?.conditions ?? [];
  const holds = (type: string) => conditions.find((c) => c.type === type && c.status === 'True');
  // Kubernetes 1.31+ sets FailureTarget/SuccessCriteriaMet first and Failed/Complete once the
  // pods are gone; only the final conditions mean the Job is done.
  const failed = holds('Failed');
  const complete = holds('Complete');
  return {
    name: job.metadata?.name ?? '',
    ...opt('hook', job.metadata?.labels?.[label.hook]),
    state: failed ? 'failed' : complete ? 'succeeded' : 'running',
    ...opt('reason', failed?.reason),
    ...opt('message', failed?.message),
    active: job.status?.active ?? 0,
    succeededPods: job.status?.succeeded ?? 0,
    failedPods: job.status?.failed ?? 0,
    ...opt('createdAt', toIso(job.metadata?.creationTimestamp)),
  };
}

function opt<K extends string>(key: K, value: string | undefined | null): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
