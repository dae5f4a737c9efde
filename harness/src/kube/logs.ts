import type http from 'node:http';
import { apiGet } from './api-request.js';
import type { Kube } from './client.js';
import { errorMessage } from '../util/errors.js';

/** A container's log as the API server has it now; fails once the pod is gone. */
export async function readPodLog(kube: Kube, namespace: string, pod: string, container?: string, tailLines?: number): Promise<string> {
  return kube.core.readNamespacedPodLog({
    name: pod,
    namespace,
    ...(container ? { container } : {}),
    ...(tailLines ? { tailLines } : {}),
  });
}

/** A running container's log, received as it is written. */
export interface FollowedLog {
  /** What has arrived so far. */
  text(): string;
  /** Resolves when the stream has ended (the container exited, the pod went, or it broke) or after ms. */
  ended(ms: number): Promise<boolean>;
  /** Why the stream could not be opened, if it could not. */
  error(): string | undefined;
  stop(): void;
}

/**
 * Follows a running container's log. A hook's pod can be deleted by its Job's delete policy a
 * moment after the container exits, before a read at that moment reaches the API server (a 404
 * seen in CI); what was followed while it ran is still here then. Plain https rather than
 * client-node's Log, whose piped body has no error listener, so an abort would throw
 * (kube/api-request.ts).
 */
export function followPodLog(kube: Kube, namespace: string, pod: string, container: string): FollowedLog {
  const chunks: Buffer[] = [];
  let failure: string | undefined;
  let finished = false;
  let request: http.ClientRequest | undefined;
  let resolveEnded: () => void = () => {};
  const endedPromise = new Promise<void>((resolve) => {
    resolveEnded = resolve;
  });
  const end = (why?: string) => {
    if (finished) return;
    finished = true;
    if (why !== undefined) failure = why;
    resolveEnded();
  };
  void open().catch((err: unknown) => end(errorMessage(err)));

  async function open(): Promise<void> {
    const query = new URLSearchParams({ container, follow: 'true' });
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log?${query}`;
    request = await apiGet(kube, path, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        end(`HTTP ${response.statusCode ?? '?'} from the log endpoint`);
        return;
      }
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => end());
      response.on('error', (err) => end(errorMessage(err)));
      response.on('aborted', () => end('the stream was cut'));
    }, (err) => end(errorMessage(err)));
    if (finished) request.destroy();
  }

  return {
    text: () => Buffer.concat(chunks).toString('utf8'),
    async ended(ms) {
      if (finished) return true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([endedPromise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
      return finished;
    },
    error: () => failure,
    stop() {
      end();
      request?.destroy();
    },
  };
}
