// What a run's Helm is called. A run names its Helm by its major (reports/pre-fail-helm3.json,
// "helm 3" in JUnit) unless the suite runs more than one build of that major: then by the exact
// release (versionInNames), so that no two runs share a file or a JUnit suite.
import type { HelmMajor } from '../report-contract.js';

/** What a run is called by: its major, and the exact release where one invocation ran two of that major. */
export interface HelmNaming {
  major: HelmMajor;
  versionInNames?: string;
}

/** helm3, or helm-v3.18.6: report files (pre-fail-helm3.json) and, as the binary's name, .tools/bin. */
export function helmTag(helm: HelmNaming): string {
  return helm.versionInNames ? `helm-${helm.versionInNames}` : `helm${helm.major}`;
}

/** "helm 3", or "helm v3.18.6": tables and JUnit suite names. */
export function helmWords(helm: HelmNaming): string {
  return `helm ${helm.versionInNames ?? helm.major}`;
}
