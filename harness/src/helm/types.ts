import type { HelmMajor } from '../tools.js';

export type { HelmMajor };

export type { HelmCommandResult } from '../report-contract.js';

/**
 * Where every Helm call points. Scenarios always name their kubeconfig; `observe` points its reads
 * where the user's own command pointed, which may be Helm's defaults (KUBECONFIG, current context).
 */
export interface HelmTarget {
  kubeconfig?: string;
  kubeContext?: string;
  namespace: string;
}

/** Values given with --set / --set-string / --set-json; lists are hook events or delete policies. */
export type SetValues = Record<string, string | number | boolean | null | string[]>;

/**
 * Helm 3 has one way to wait (poll until ready). Helm 4 picks a strategy: `watcher` (kstatus,
 * what a bare `--wait` means), `legacy` (Helm 3's polling) or `hookOnly` (its default: wait for hooks only).
 */
export type WaitOption = boolean | 'watcher' | 'legacy';

export type DryRunMode = 'client' | 'server';

export interface ReleaseChangeOptions {
  set?: SetValues;
  valuesFiles?: string[];
  noHooks?: boolean;
  wait?: WaitOption;
  waitForJobs?: boolean;
  /** Helm 3 `--atomic`, Helm 4 `--rollback-on-failure`. */
  rollbackOnFailure?: boolean;
  /** Go duration, e.g. "20s". Helm's default is 5m0s. */
  timeout?: string;
  debug?: boolean;
}

export interface InstallOptions extends ReleaseChangeOptions {
  dryRun?: DryRunMode;
}

export interface UpgradeOptions extends ReleaseChangeOptions {
  /** Keep the last release's values instead of starting from the chart's (see args.ts). */
  reuseValues?: boolean;
  /** `--install`: install when Helm knows no release of this name (or only an uninstalled one). */
  install?: boolean;
}

export interface RollbackOptions {
  noHooks?: boolean;
  wait?: WaitOption;
  timeout?: string;
  debug?: boolean;
}

export interface TestOptions {
  timeout?: string;
}

export interface UninstallOptions {
  noHooks?: boolean;
  wait?: WaitOption;
  timeout?: string;
  keepHistory?: boolean;
  debug?: boolean;
  /**
   * `--cascade`: how the API server deletes the release's objects' dependents (Helm's default is
   * background: a Deployment is gone at once, its pods later). Only `foreground` keeps a Deployment
   * until its pods are gone, which is what `--wait` then waits for.
   */
  cascade?: 'background' | 'foreground' | 'orphan';
}
