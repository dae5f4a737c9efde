// Running a command in a pod. kubectl exec is used rather than client-node's websocket Exec
// because it returns an exit code and both streams with no extra plumbing.
import { execa } from 'execa';
import type { Kube } from './client.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecTarget {
  kubectl: string;
  namespace: string;
  pod: string;
  container?: string;
}

export async function execInPod(kube: Kube, target: ExecTarget, command: string[], signal?: AbortSignal): Promise<ExecResult> {
  const args = [
    '--kubeconfig',
    kube.kubeconfigPath,
    '--namespace',
    target.namespace,
    'exec',
    target.pod,
    ...(target.container ? ['-c', target.container] : []),
    '--',
    ...command,
  ];
  const result = await execa(target.kubectl, args, { reject: false, stdin: 'ignore', ...(signal ? { cancelSignal: signal } : {}) });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') || (result.exitCode === undefined ? (result.message ?? '') : '') };
}
