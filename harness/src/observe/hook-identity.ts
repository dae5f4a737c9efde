// Which objects are Helm hooks, and what their annotations say. Helm knows a hook only by its
// `helm.sh/hook` annotation (pkg/release/v1 hook.go names them; action/hooks.go execHook runs them
// in weight order), so any chart's hooks are recognised here, not only demo-hooks' labelled ones.
import { label } from '../kube/labels.js';
import type { KubeObject } from '../kube/watch.js';

export const hookAnnotation = {
  events: 'helm.sh/hook',
  weight: 'helm.sh/hook-weight',
  deletePolicy: 'helm.sh/hook-delete-policy',
} as const;

/** The Job controller labels the pods it makes with their Job's name. */
const jobNameLabels = ['batch.kubernetes.io/job-name', 'job-name'] as const;

export interface HookMeta {
  /** The hook events, e.g. ["pre-install", "pre-upgrade"] or ["test"]. */
  events: string[];
  /** Helm's default weight is 0; Helm sorts by weight, then by name. */
  weight: number;
  /** Empty means Helm's default, before-hook-creation. */
  deletePolicies: string[];
}

type Annotated = Pick<KubeObject, 'metadata'> & { metadata?: KubeObject['metadata'] & { annotations?: Record<string, string> } };

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function hookMeta(object: Annotated): HookMeta | undefined {
  const annotations = object.metadata?.annotations ?? {};
  const events = list(annotations[hookAnnotation.events]);
  if (events.length === 0) return undefined;
  const weight = Number.parseInt(annotations[hookAnnotation.weight] ?? '0', 10);
  return { events, weight: Number.isNaN(weight) ? 0 : weight, deletePolicies: list(annotations[hookAnnotation.deletePolicy]) };
}

/** The Job a pod belongs to, from the labels the Job controller sets. */
export function owningJobName(object: Annotated): string | undefined {
  const labels = object.metadata?.labels ?? {};
  for (const key of jobNameLabels) if (labels[key]) return labels[key];
  return undefined;
}

/**
 * The name a report gives the hook an object belongs to: demo-hooks' own label (its values name,
 * e.g. "migration") when present; else the object's name if it carries `helm.sh/hook`; else, for a
 * pod, its Job's hook. `jobHooks` maps Job names to their hook names, as seen so far.
 */
export function hookNameOf(kind: string, object: Annotated, jobHooks: ReadonlyMap<string, string>): string | undefined {
  const labelled = object.metadata?.labels?.[label.hook];
  if (labelled) return labelled;
  if (hookMeta(object)) return object.metadata?.name;
  if (kind === 'Pod') {
    const job = owningJobName(object);
    if (job) return jobHooks.get(job);
  }
  return undefined;
}
