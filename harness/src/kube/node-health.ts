// Whether the cluster's nodes are Ready, from a watch of them. When a kubelet stops reporting, the
// node lifecycle controller sets the node's Ready condition to Unknown ("Kubelet stopped posting
// node status") once its grace period passes; a hook pod on that node then neither ends nor is
// reported, and Helm waits on it until its timeout. Watching nodes needs a cluster-wide right that
// a user with one namespace's rights lacks: then this says so once and watches nothing.
import type { V1Node } from '@kubernetes/client-node';
import type { Kube } from './client.js';
import { watchCollection, watchPaths, type CollectionWatch, type KubeObject } from './watch.js';
import { errorMessage } from '../util/errors.js';

/** A node's Ready condition when it is not True. */
export interface NodeNotReady {
  node: string;
  /** "False" or "Unknown". */
  status: string;
  reason: string;
  message: string;
  /** ISO time this harness saw it. */
  since: string;
}

export interface NodeHealthListener {
  notReady(n: NodeNotReady): void;
  ready(node: string): void;
  /** Still not Ready after the grace period. */
  lost(n: NodeNotReady): void;
}

const SYNC_TIMEOUT_MS = 10_000;

export class NodeHealth {
  private watch: CollectionWatch | undefined;
  private readonly down = new Map<string, { condition: NodeNotReady; timer: NodeJS.Timeout }>();
  private readonly listeners = new Set<NodeHealthListener>();
  private unwatched: string | undefined;

  constructor(
    private readonly kube: Kube,
    private readonly graceSeconds: number,
  ) {}

  /** Resolves once the nodes are listed, or with the reason they cannot be watched. */
  async start(): Promise<this> {
    this.watch = watchCollection(this.kube, { path: watchPaths.nodes() }, (type, object) => this.record(type, object), { syncTimeoutMs: SYNC_TIMEOUT_MS });
    try {
      await this.watch.synced;
    } catch (err) {
      this.watch.stop();
      this.watch = undefined;
      this.unwatched = errorMessage(err);
    }
    return this;
  }

  /** Why nodes are not watched (no right to), or undefined when they are. */
  notWatched(): string | undefined {
    return this.unwatched;
  }

  stop(): void {
    this.watch?.stop();
    this.down.forEach((d) => clearTimeout(d.timer));
    this.down.clear();
  }

  subscribe(listener: NodeHealthListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The nodes not Ready now. */
  notReadyNow(): NodeNotReady[] {
    return [...this.down.values()].map((d) => d.condition);
  }

  private record(type: string, object: KubeObject): void {
    const node = object as V1Node;
    const name = node.metadata?.name;
    if (!name) return;
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    const isReady = type !== 'DELETED' && ready?.status === 'True';
    const known = this.down.get(name);
    if (isReady || type === 'DELETED') {
      if (!known) return;
      clearTimeout(known.timer);
      this.down.delete(name);
      if (isReady) this.listeners.forEach((l) => l.ready(name));
      return;
    }
    if (known) return;
    const condition: NodeNotReady = {
      node: name,
      status: ready?.status ?? 'missing',
      reason: ready?.reason ?? '',
      message: ready?.message ?? '',
      since: new Date().toISOString(),
    };
    const timer = setTimeout(() => this.listeners.forEach((l) => l.lost(condition)), this.graceSeconds * 1000);
    this.down.set(name, { condition, timer });
    this.listeners.forEach((l) => l.notReady(condition));
  }
}

/** "node kind-control-plane is not Ready (Unknown, NodeStatusUnknown: Kubelet stopped posting node status.)" */
export function describeNotReady(n: NodeNotReady): string {
  const why = [n.reason, n.message].filter(Boolean).join(': ');
  return `node ${n.node} is not Ready (${n.status}${why ? `, ${why}` : ''})`;
}
