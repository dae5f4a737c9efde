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
export const clusterDir = process.env.DEMO_HOOKS_CLUSTER_DIR ?? path.join(repoRoot, '.cluster');
/** The kubeconfig of a cluster this project made (kind or local). */
export const clusterKubeconfig = path.join(clusterDir, 'kubeconfig');
