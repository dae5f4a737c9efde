// The labels the chart and the harness agree on, and the selectors built from them.

export const label = {
  managedBy: 'app.kubernetes.io/managed-by',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  hook: 'demo-hooks.dev/hook',
  appVersion: 'demo-hooks.dev/app-version',
  run: 'demo-hooks.dev/run',
  scenario: 'demo-hooks.dev/scenario',
} as const;

/** Annotations the harness puts on a run's namespace. */
export const annotation = {
  /** Until when the run that made the namespace is alive; renewed while it runs, removed when it ends. */
  aliveUntil: 'demo-hooks.dev/alive-until',
  /** Which process runs there (host and pid), for `demo-hooks clean` to say whose run it skips. */
  runBy: 'demo-hooks.dev/run-by',
} as const;

/** The chart's full name for a release, the prefix of its objects' names (run names never contain the chart's name). */
export const chartFullname = (release: string) => `${release}-demo-hooks`;

/** The value of managed-by on every namespace the harness creates; `demo-hooks clean` deletes only these. */
export const HARNESS_MANAGER = 'demo-hooks-harness';

export const selector = {
  release: (release: string) => `${label.instance}=${release}`,
  hooks: (release: string) => `${label.instance}=${release},${label.component}=hook`,
  hook: (release: string, hook: string) => `${label.instance}=${release},${label.component}=hook,${label.hook}=${hook}`,
  /** App pods carry the version label; hook pods are excluded even if they carry it too. */
  appPods: (release: string) => `${label.instance}=${release},${label.component}!=hook,${label.appVersion}`,
  /** Helm's own release records (Secrets named sh.helm.release.v1.<release>.v<N>). */
  helmReleaseRecords: (release: string) => `owner=helm,name=${release}`,
  harnessNamespaces: () => `${label.managedBy}=${HARNESS_MANAGER}`,
};
