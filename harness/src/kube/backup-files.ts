// Which dumps the backup hook left on the backup volume. No long-running pod mounts that volume,
// so a throwaway pod lists it: same image as the database (already pulled), restricted security
// context (the namespace enforces Pod Security "restricted"), no service account token, deleted
// once its output is read.
// The pod only sleeps, and `ls` runs in it through exec as soon as the kubelet has said its
// container started (the "Started" event). Exec finds the container through the runtime itself
// (`findContainer` in pkg/kubelet/kubelet_pods.go), whereas its log, or a status saying Running,
// waits for the kubelet's next relist of containers: up to a second later.
import { randomBytes } from 'node:crypto';
import type { V1Pod } from '@kubernetes/client-node';
import type { Kube } from './client.js';
import type { DbRead } from './database.js';
import { execInPod } from './exec.js';
import { chartFullname, HARNESS_MANAGER, label, selector } from './labels.js';
import { listPvcs } from './resources.js';
import { waitFor } from './wait.js';
import { watchPaths } from './watch.js';

export async function listBackupFiles(kube: Kube, kubectl: string, namespace: string, release: string, timeoutMs: number, signal?: AbortSignal): Promise<DbRead<string[]>> {
  const pvc = (await listPvcs(kube, namespace, selector.release(release))).find((p) => p.metadata?.name?.includes('backup'));
  if (!pvc?.metadata?.name) return { ok: false, error: `no PVC labelled ${selector.release(release)} with "backup" in its name` };

  const sts = await kube.apps.readNamespacedStatefulSet({ namespace, name: `${chartFullname(release)}-postgresql` });
  const image = sts.spec?.template.spec?.containers[0]?.image;
  if (!image) return { ok: false, error: 'cannot tell which image to list the backup volume with (no database StatefulSet container)' };
  const uid = sts.spec?.template.spec?.securityContext?.runAsUser ?? 65534;

  const name = `${release}-backup-ls-${randomBytes(2).toString('hex')}`;
  const pod: V1Pod = {
    metadata: { name, labels: { [label.managedBy]: HARNESS_MANAGER } },
    spec: {
      restartPolicy: 'Never',
      // It lists a volume and needs no API access. Without a token there is no projected volume to
      // set up either, whose wait for the namespace's CA config map once cost a run 2 s (FailedMount).
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: uid, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'ls',
          image,
          command: ['sleep', '600'],
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          volumeMounts: [{ name: 'backup', mountPath: '/backup', readOnly: true }],
        },
      ],
      volumes: [{ name: 'backup', persistentVolumeClaim: { claimName: pvc.metadata.name, readOnly: true } }],
    },
  };
  await kube.core.createNamespacedPod({ namespace, body: pod });
  try {
    return await waitFor<DbRead<string[]>>(kube, {
      waitingFor: `pod ${name} to list the backup volume`,
      triggers: [
        { path: watchPaths.pods(namespace), fieldSelector: `metadata.name=${name}` },
        { path: watchPaths.events(namespace), fieldSelector: `involvedObject.name=${name}` },
      ],
      timeoutMs,
      ...(signal ? { signal } : {}),
      check: async () => {
        const p = await kube.core.readNamespacedPod({ namespace, name });
        const state = p.status?.containerStatuses?.[0]?.state;
        if (state?.terminated) throw new Error(`the pod listing /backup ended (${state.terminated.reason ?? 'no reason'}) before it listed anything`);
        const running = Boolean(state?.running);
        if (!running) {
          const started = await kube.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name},reason=Started` });
          if (started.items.length === 0) return { done: false, seen: state?.waiting?.reason ?? p.status?.phase ?? 'Pending' };
        }
        const ls = await execInPod(kube, { kubectl, namespace, pod: name, container: 'ls' }, ['ls', '-1', '/backup'], signal);
        if (ls.exitCode === 0) return { done: true, value: { ok: true, value: ls.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort() } };
        // Only until its status says Running may exec miss a container that the event says started.
        if (!running && /container not found/i.test(ls.stderr)) return { done: false, seen: 'started, not found by exec yet' };
        return { done: true, value: { ok: false, error: `ls -1 /backup in pod ${name} exited ${ls.exitCode}: ${(ls.stderr || ls.stdout).trim()}` } };
      },
    });
  } finally {
    await kube.core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 }).catch(() => undefined);
  }
}
