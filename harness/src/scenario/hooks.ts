// The chart's hooks, by their keys under `hooks:` in charts/demo-hooks/values.yaml (one file each in
// templates/hooks/): what a scenario calls a hook. A misspelt hook is a type error, not a 30 s wait
// for a Job that never comes. test/unit/harness/hook-names.test.ts keeps the list equal to the chart's.
export const HOOK_NAMES = ['preInstall', 'dbSetup', 'migration', 'backup', 'healthCheck', 'cacheWarmup', 'notify', 'preRollback', 'postRollback', 'preDelete', 'cleanup'] as const;

export type HookName = (typeof HOOK_NAMES)[number];
