// Everything a scenario file imports: steps that read like the lab text.
export { type HookName } from './hooks.js';
export { byRelease, defineScenario, part, type ByRelease, type PerHelm, type Scenario, type Step } from './types.js';
export { install, upgrade, rollback, uninstall, helmTest, type HelmStepOptions } from './steps/helm-steps.js';
export { installInterrupted, upgradeInterrupted } from './steps/interrupt-helm.js';
export { upgradeWhileHookJobDeleted } from './steps/delete-hook-job.js';
export { onRelease } from './steps/other-release.js';
export { attendeeTypes } from './steps/attendee-types.js';
export { hookJobIdentity } from './steps/job-identity.js';
export { expectHistory, expectStatus, expectReleaseGone, expectOutput, type HistoryRow } from './steps/expect-release.js';
export { expectJob, expectHookRan, expectHooksRan, expectHookDidNotRun, expectNoHookRan, expectHooksInOrder, expectHookCreatedBeforePodGone, expectHookCreatedAfterPodGone, expectHookDuration } from './steps/expect-hooks.js';
export { expectAppVersion, expectAppServes, expectAppPodStuckInInit, expectSchemaVersion, expectMigrationsApplied, expectBackupFile, expectDatabaseRole } from './steps/expect-app.js';
export { expectNothingLeft, expectLeftovers, expectNamespaceEmpty } from './steps/expect-leftovers.js';
