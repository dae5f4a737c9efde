// Which dumps the backup hook left on the backup volume. No long-running pod mounts that volume,
// so a throwaway pod lists it: same image as the database (already pulled), restricted security
// context (the namespace enforces Pod Security "restricted"), deleted once its output is read.
// The pod prints an end mark and stays up, and its log is followed to that mark: waiting for it to
// exit instead costs another kubelet relist (about a second) before the pod shows Succeeded.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Log, type V1Pod } from '@kubernetes/client-node';
import type { Kube } from './client.js';
import type { DbRead } from './database.js';
import { chartFullname, HARNESS_MANAGER, label, selector } from './labels.js';
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
          command: ['sh', '-c', `ls -1 /backup && echo ${END_MARK} || echo ${FAILED_MARK}; exec sleep 600`],
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          volumeMounts: [{ name: 'backup', mountPath: '/backup', readOnly: true }],
        },
      ],
      volumes: [{ name: 'backup', persistentVolumeClaim: { claimName: pvc.metadata.name, readOnly: true } }],
    },
  };
  await kube.core.createNamespacedPod({ namespace, body: pod });
  try {
    await waitFor(kube, {
      waitingFor: `pod ${name} to start listing the backup volume`,
      triggers: [{ path: watchPaths.pods(namespace), fieldSelector: `metadata.name=${name}` }],
      timeoutMs,
      ...(signal ? { signal } : {}),
      check: async () => {
        const p = await kube.core.readNamespacedPod({ namespace, name });
        const state = p.status?.containerStatuses?.[0]?.state;
        if (state?.terminated) throw new Error(`the pod listing /backup ended (${state.terminated.reason ?? 'no reason'}) before it printed its list`);
        return state?.running ? { done: true, value: true } : { done: false, seen: state?.waiting?.reason ?? p.status?.phase ?? 'Pending' };
      },
    });
    const log = await followLogTo(kube, namespace, name, timeoutMs, signal);
    const lines = log.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.includes(FAILED_MARK)) return { ok: false, error: `listing /backup failed: ${lines.filter((l) => l !== FAILED_MARK).join(' ')}` };
    return { ok: true, value: lines.filter((l) => l !== END_MARK).sort() };
  } finally {
    await kube.core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 }).catch(() => undefined);
  }
}

const END_MARK = '--demo-hooks-listing-done--';
const FAILED_MARK = '--demo-hooks-listing-failed--';

/** The container's log, followed until a line is one of the marks. */
async function followLogTo(kube: Kube, namespace: string, name: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  let text = '';
  let settled = false;
  let request: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<string>((resolve, reject) => {
      const marked = () => /^--demo-hooks-listing-(done|failed)--$/m.test(text);
      const sink = new Writable({
        write(chunk: Buffer, _enc, next) {
          text += chunk.toString('utf8');
          if (marked()) resolve(text);
          next();
        },
        final(next) {
          if (marked()) resolve(text);
          else reject(new Error(`the log of pod ${name} ended before its listing did: ${text.trim() || '(empty)'}`));
          next();
        },
      });
      timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)}s reading pod ${name}'s listing of /backup`)), timeoutMs);
      onAbort = () => reject(signal?.reason ?? new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      new Log(kube.config).log(namespace, name, 'ls', sink, { follow: true }).then((c) => {
        // The request can be answered after the listing was read: end it then and there.
        if (settled) c.abort();
        else request = c;
      }, reject);
    });
  } finally {
    settled = true;
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    request?.abort();
  }
}
