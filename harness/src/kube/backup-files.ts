// Which dumps the backup hook left on the backup volume. No long-running pod mounts that volume,
// so a throwaway pod lists it: same image as the database (already pulled), restricted security
// context (the namespace enforces Pod Security "restricted"), deleted once its output is read.
import { randomBytes } from 'node:crypto';
import type { V1Pod } from '@kubernetes/client-node';
import type { Kube } from './client.js';
import type { DbRead } from './database.js';
import { chartFullname, HARNESS_MANAGER, label, selector } from './labels.js';
import { readPodLog } from './logs.js';
import { listPvcs } from './resources.js';
import { waitFor } from './wait.js';
import { watchPaths } from './watch.js';

export async function listBackupFiles(kube: Kube, namespace: string, release: string, timeoutMs: number, signal?: AbortSignal): Promise<DbRead<string[]>> {
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
      securityContext: { runAsNonRoot: true, runAsUser: uid, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'ls',
          image,
          command: ['ls', '-1', '/backup'],
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          volumeMounts: [{ name: 'backup', mountPath: '/backup', readOnly: true }],
        },
      ],
      volumes: [{ name: 'backup', persistentVolumeClaim: { claimName: pvc.metadata.name, readOnly: true } }],
    },
  };
  await kube.core.createNamespacedPod({ namespace, body: pod });
  try {
    const phase = await waitFor(kube, {
      waitingFor: `pod ${name} to list the backup volume`,
      triggers: [{ path: watchPaths.pods(namespace), fieldSelector: `metadata.name=${name}` }],
      timeoutMs,
      ...(signal ? { signal } : {}),
      check: async () => {
        const p = await kube.core.readNamespacedPod({ namespace, name });
        const ph = p.status?.phase;
        return ph === 'Succeeded' || ph === 'Failed' ? { done: true, value: ph } : { done: false, seen: ph ?? 'Pending' };
      },
    });
    const log = await readPodLog(kube, namespace, name);
    if (phase === 'Failed') return { ok: false, error: `listing /backup failed: ${log.trim()}` };
    return { ok: true, value: log.split('\n').map((l) => l.trim()).filter(Boolean).sort() };
  } finally {
    await kube.core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 }).catch(() => undefined);
  }
}
