// Argument arrays for every Helm command the harness runs. Pure, so the Helm 3 / Helm 4
// differences can be unit-tested without a cluster.
import { dryRunFlags, rollbackOnFailureFlag, waitFlags } from './flags.js';
import type {
  HelmMajor,
  HelmTarget,
  InstallOptions,
  RollbackOptions,
  TestOptions,
  UninstallOptions,
  UpgradeOptions,
} from './types.js';
import { setArgs } from './values.js';

/** Every scenario call names its kubeconfig and namespace, so nothing depends on the user's current context. */
export function targetArgs(target: HelmTarget): string[] {
  return [
    ...(target.kubeconfig ? ['--kubeconfig', target.kubeconfig] : []),
    ...(target.kubeContext ? ['--kube-context', target.kubeContext] : []),
    '--namespace',
    target.namespace,
  ];
}

function common(major: HelmMajor, opts: { timeout?: string; debug?: boolean; noHooks?: boolean; wait?: InstallOptions['wait'] }): string[] {
  return [
    ...(opts.noHooks ? ['--no-hooks'] : []),
    ...waitFlags(major, opts.wait),
    ...(opts.timeout ? ['--timeout', opts.timeout] : []),
    ...(opts.debug ? ['--debug'] : []),
  ];
}

function valueFlags(opts: InstallOptions | UpgradeOptions): string[] {
  return [...(opts.valuesFiles ?? []).flatMap((f) => ['-f', f]), ...setArgs(opts.set)];
}

export function installArgs(major: HelmMajor, release: string, chart: string, target: HelmTarget, opts: InstallOptions = {}): string[] {
  return [
    'install',
    release,
    chart,
    ...targetArgs(target),
    ...valueFlags(opts),
    ...(opts.rollbackOnFailure ? [rollbackOnFailureFlag(major)] : []),
    ...(opts.waitForJobs ? ['--wait-for-jobs'] : []),
    ...common(major, opts),
    ...dryRunFlags(major, opts.dryRun),
    // A dry run prints every manifest; --hide-secret keeps the Secret out of the output and the reports.
    ...(opts.dryRun ? ['--hide-secret'] : []),
  ];
}

export function upgradeArgs(major: HelmMajor, release: string, chart: string, target: HelmTarget, opts: UpgradeOptions = {}): string[] {
  return [
    'upgrade',
    release,
    chart,
    // After release and chart, where the lab guides' command printer expects flags to start.
    ...(opts.install ? ['--install'] : []),
    ...targetArgs(target),
    // Without --reset-values an upgrade given no values silently reuses the last release's,
    // including a failing switch from a failed revision; each scenario step states its values in full.
    ...(opts.reuseValues ? ['--reuse-values'] : ['--reset-values']),
    ...valueFlags(opts),
    ...(opts.rollbackOnFailure ? [rollbackOnFailureFlag(major)] : []),
    ...(opts.waitForJobs ? ['--wait-for-jobs'] : []),
    ...common(major, opts),
  ];
}

export function rollbackArgs(major: HelmMajor, release: string, revision: number | undefined, target: HelmTarget, opts: RollbackOptions = {}): string[] {
  return ['rollback', release, ...(revision === undefined ? [] : [String(revision)]), ...targetArgs(target), ...common(major, opts)];
}

export function uninstallArgs(major: HelmMajor, release: string, target: HelmTarget, opts: UninstallOptions = {}): string[] {
  return [
    'uninstall',
    release,
    ...targetArgs(target),
    ...(opts.keepHistory ? ['--keep-history'] : []),
    ...(opts.cascade ? ['--cascade', opts.cascade] : []),
    ...common(major, opts),
  ];
}

/** `helm test`: runs the chart's test hooks; --logs prints the test pods' logs with the result. */
export function testArgs(release: string, target: HelmTarget, opts: TestOptions = {}): string[] {
  return ['test', release, ...targetArgs(target), '--logs', ...(opts.timeout ? ['--timeout', opts.timeout] : [])];
}

export function historyArgs(release: string, target: HelmTarget): string[] {
  return ['history', release, ...targetArgs(target), '-o', 'json'];
}

export function statusArgs(release: string, target: HelmTarget): string[] {
  return ['status', release, ...targetArgs(target), '-o', 'json'];
}

/** Stand-ins for what every call names, so that a title is built by the same builders as the call. */
const standIns = { release: '<release>', chart: '<chart>', target: { namespace: '<namespace>' } } as const;

/**
 * A step title's command line: what `build` gives Helm, less the release, chart and namespace
 * that every call names and the report states once. `build` gets stand-ins for those three and
 * passes them to one of the builders above, so a title cannot leave out a flag Helm is given.
 */
export function shownArgs(build: (release: string, chart: string, target: HelmTarget) => string[]): string[] {
  const named = new Set<string>([standIns.release, standIns.chart, ...targetArgs(standIns.target)]);
  return build(standIns.release, standIns.chart, standIns.target).filter((arg) => !named.has(arg));
}
