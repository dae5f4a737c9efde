// The environment a guide's set-up (labs/setup.sh) gives the attendee's shell, built for one run:
// `helm` is labs/bin/helm (Helm $HELM_VERSION), kubectl comes next on PATH, KUBECONFIG points at
// the cluster and CLUSTER_VALUES names the values file that cluster needs. labs/setup.sh exports
// the same variables (test/unit/labs/setup.test.ts holds the two together).
import path from 'node:path';
import { repoRoot, toolsBinDir } from '../paths.js';
import type { HelmMajor } from '../tools.js';

export const labsBinDir = path.join(repoRoot, 'labs', 'bin');

/** The variables labs/setup.sh exports, besides PATH. */
export const LAB_VARIABLES = ['HELM_VERSION', 'KUBECONFIG', 'CLUSTER_VALUES'] as const;

export interface LabEnvOptions {
  helmMajor: HelmMajor;
  /** The Helm binary the run uses: labs/bin/helm runs it for `helm`. */
  helmBinary: string;
  kubectl: string;
  kubeconfig: string;
  /** Repository-relative, as the guide's commands read it. */
  clusterValues: string;
  base?: NodeJS.ProcessEnv;
}

export function labEnv(o: LabEnvOptions): NodeJS.ProcessEnv {
  const base = o.base ?? process.env;
  const pathDirs = [labsBinDir, path.dirname(o.kubectl), toolsBinDir, base.PATH ?? '/usr/bin:/bin'];
  return {
    ...base,
    PATH: [...new Set(pathDirs)].join(path.delimiter),
    HELM_VERSION: String(o.helmMajor),
    [`HELM${o.helmMajor}`]: o.helmBinary,
    KUBECONFIG: o.kubeconfig,
    CLUSTER_VALUES: o.clusterValues,
  };
}
