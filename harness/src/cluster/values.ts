// The values file the guides' commands pass as `-f "$CLUSTER_VALUES"`.
import path from 'node:path';
import { chartDir } from '../paths.js';
import type { ClusterProvider } from './provider.js';

/** The chart's own defaults: passing them with -f changes nothing. */
export const chartDefaultValues = path.join(chartDir, 'values.yaml');

/**
 * The provider's values file (the local cluster's own images), or the chart's defaults when the
 * cluster pulls the upstream images. Always a file, so one command text, `-f "$CLUSTER_VALUES"`,
 * is right on every cluster.
 */
export function clusterValuesFile(provider: Pick<ClusterProvider, 'chartValuesFiles'>): string {
  const files = provider.chartValuesFiles();
  if (files.length > 1) throw new Error(`the cluster asks for ${files.length} values files; the guides pass one ("$CLUSTER_VALUES")`);
  return files[0] ?? chartDefaultValues;
}
