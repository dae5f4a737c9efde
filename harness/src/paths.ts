// Where things live in the repository, computed from this file's location so the CLI works
// from any working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const chartDir = path.join(repoRoot, 'charts', 'demo-hooks');
export const toolsBinDir = path.join(repoRoot, '.tools', 'bin');
export const defaultReportDir = path.join(repoRoot, 'reports');

/** A path as a workshop attendee would type it from the repository root. */
export function relativeToRepo(p: string): string {
  const rel = path.relative(repoRoot, p);
  return rel.startsWith('..') ? p : rel;
}
/** The local cluster's state (cluster/local/up.sh's STATE): its `down` removes it whole. */
export const clusterDir = process.env.DEMO_HOOKS_CLUSTER_DIR ?? path.join(repoRoot, '.cluster');
/**
 * The kind provider's files, apart from the local cluster's: the two can run side by side, and
 * neither one's up or down may write or remove what the other made (its kubeconfig above all).
 */
export const kindDir = process.env.DEMO_HOOKS_KIND_DIR ?? path.join(repoRoot, '.cluster-kind');
/** The local cluster's kubeconfig (up.sh writes it; the existing provider's live beside it). */
export const clusterKubeconfig = path.join(clusterDir, 'kubeconfig');
/** The kind cluster's kubeconfig (never the local cluster's, never ~/.kube/config). */
export const kindKubeconfig = path.join(kindDir, 'kubeconfig');
