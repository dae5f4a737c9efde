import type { Kube } from './client.js';

/** A container's log as the API server has it now; fails once the pod is gone. */
export async function readPodLog(kube: Kube, namespace: string, pod: string, container?: string, tailLines?: number): Promise<string> {
  return kube.core.readNamespacedPodLog({
    name: pod,
    namespace,
    ...(container ? { container } : {}),
    ...(tailLines ? { tailLines } : {}),
  });
}
