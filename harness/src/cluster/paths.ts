// Where the project keeps its tools and cluster state, relative to the clone.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const toolsBin = path.join(repoRoot, '.tools', 'bin');
export const clusterDir = process.env.DEMO_HOOKS_CLUSTER_DIR ?? path.join(repoRoot, '.cluster');
export const clusterKubeconfig = path.join(clusterDir, 'kubeconfig');
export const chartDir = path.join(repoRoot, 'charts', 'demo-hooks');
