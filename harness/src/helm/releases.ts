// Which Helm builds a run uses: `--helm` / HELM_VERSION name majors (3, 4: the builds pinned in
// hack/versions.env) or exact releases (3.18.6, v4.1.0), in a list with commas. A release carries
// its major, which is all that Helm-dependent code (flags, expected outcomes) looks at; its version
// only names things, and only where a name would otherwise be shared (versionInNames).
import { readFileSync } from 'node:fs';
import { parseVersions, versionsFile } from '../cluster/versions.js';
import type { HelmMajor } from '../report-contract.js';

export interface HelmRelease {
  major: HelmMajor;
  /** Always with its v: v3.22.0. */
  version: string;
  /** The build hack/versions.env pins (.tools/bin/helm3, or $HELM3), rather than .tools/bin/helm-<version>. */
  pinned: boolean;
}

/** What a run is called by: its major, and the exact release where one invocation ran two of that major. */
export interface HelmNaming {
  major: HelmMajor;
  versionInNames?: string;
}

export type PinnedHelm = Readonly<Record<HelmMajor, string>>;

/** HELM3_VERSION and HELM4_VERSION of hack/versions.env. */
export function pinnedHelm(text = readFileSync(versionsFile, 'utf8')): PinnedHelm {
  const versions = parseVersions(text);
  const pinned = (major: HelmMajor) => {
    const v = versions[`HELM${major}_VERSION`];
    if (!v) throw new Error(`hack/versions.env pins no HELM${major}_VERSION`);
    return v;
  };
  return { 3: pinned(3), 4: pinned(4) };
}

const ACCEPTED = 'use 3, 4, an exact release such as 3.18.6 or v4.1.0, or a list of them with commas (3,4.1.0)';

export class HelmReleaseSyntaxError extends Error {}

/** Major or full major.minor.patch, nothing else: Go would take "3.18" as "the newest 3.18.x", a moving target. */
const EXACT = /^v?([34])\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * "3", "helm4", "3.18.6", "v4.1.0" or a list of them → the releases, in the order given, each once.
 * A release the pins name (3.22.0 while v3.22.0 is pinned) is the pinned build.
 */
export function parseHelmReleases(text: string, pinned: PinnedHelm = pinnedHelm()): HelmRelease[] {
  const parts = text.split(',').map((p) => p.trim().replace(/^helm/i, ''));
  const releases: HelmRelease[] = [];
  for (const part of parts) {
    const release = parseOne(part, pinned);
    if (!release) {
      throw new HelmReleaseSyntaxError(parts.length > 1 ? `"${part}" is not a Helm major or release: ${ACCEPTED}` : ACCEPTED);
    }
    if (!releases.some((r) => r.version === release.version)) releases.push(release);
  }
  return releases;
}

function parseOne(part: string, pinned: PinnedHelm): HelmRelease | undefined {
  if (part === '3' || part === '4') {
    const major = Number(part) as HelmMajor;
    return { major, version: pinned[major], pinned: true };
  }
  const m = EXACT.exec(part);
  if (!m) return undefined;
  const major = Number(m[1]) as HelmMajor;
  const version = `v${part.replace(/^v/, '')}`;
  return { major, version, pinned: version === pinned[major] };
}

/** The majors whose pinned build the releases run: what hack/tools.sh helm3 and helm4 provide. */
export function pinnedMajors(releases: readonly HelmRelease[]): HelmMajor[] {
  return releases.filter((r) => r.pinned).map((r) => r.major);
}

/** Each release's naming: the version goes into names only when another release of its major runs too. */
export function namingOf(releases: readonly HelmRelease[]): HelmNaming[] {
  return releases.map((r) => {
    const shared = releases.filter((o) => o.major === r.major).length > 1;
    return shared ? { major: r.major, versionInNames: r.version } : { major: r.major };
  });
}

/** helm3, or helm-v3.18.6: report files (pre-fail-helm3.json) and, as the binary's name, .tools/bin. */
export function helmTag(helm: HelmNaming): string {
  return helm.versionInNames ? `helm-${helm.versionInNames}` : `helm${helm.major}`;
}

/** "helm 3", or "helm v3.18.6": tables and JUnit suite names. */
export function helmWords(helm: HelmNaming): string {
  return `helm ${helm.versionInNames ?? helm.major}`;
}
