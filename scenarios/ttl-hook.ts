import {
  defineScenario,
  expectAppVersion,
  expectHistory,
  expectHookRan,
  expectHooksRan,
  expectJob,
  install,
  upgrade,
  upgradeWhileHookJobDeleted,
} from '../harness/src/scenario/dsl.js';

// Every hook Job of the upgrade gets ttlSecondsAfterFinished 0: the TTL controller deletes it, with
// its pod, the moment it is marked finished. A short --timeout turns a Helm that missed the end of a
// Job into a failure within seconds instead of minutes.
const ttlZero = { 'hookDefaults.ttlSecondsAfterFinished': 0 };

export default defineScenario({
  name: 'ttl-hook',
  title: 'Hook Jobs that Kubernetes deletes: with TTL 0 Helm sees them finish first; one deleted before that, Helm 3 counts as done and Helm 4 waits out --timeout',
  seedStep: 'issue #9 "ttl-hook"',
  description:
    'The TTL controller deletes a finished Job (and its pod) once its ttlSecondsAfterFinished has passed; with 0, ' +
    'right after the Job is marked Complete or Failed. Helm watches each hook Job from its creation, so it sees the ' +
    'Job finish before the deletion: an upgrade with every hook on TTL 0 and --timeout 1m succeeds on both versions, ' +
    'and one whose migration fails reports BackoffLimitExceeded (Helm 3) or the Job\'s Failed status (Helm 4), not ' +
    'a timeout. Afterwards the migration Job, which its before-hook-creation policy would keep, is gone with its pod ' +
    'and its log. Helm 3 ends a hook wait on a Deleted event (pkg/kube/client.go, watchUntilReady); Helm 4 waits for ' +
    'the Job to be Current (pkg/kube/statuswait.go, WatchUntilReady). A Job deleted before Helm saw it finish, here ' +
    'deleted while its pod runs, shows the difference: Helm 3 counts it as done and deploys revision 4 although the ' +
    'migration never finished; Helm 4 waits for it until --timeout (1 minute) and fails revision 4.',
  deadlineSeconds: 300,
  steps: [
    install({ name: 'install', values: 'labs/values/quick-install.yaml' }),
    upgrade({ name: 'ttl-zero-succeeds', set: { 'app.version': '2.0.0', ...ttlZero }, timeout: '1m' }),
    expectHooksRan(['backup', 'migration', 'healthCheck', 'cacheWarmup', 'notify'], { outcome: 'succeeded' }),
    // before-hook-creation keeps a finished migration Job until the next run (pre-fail); the TTL controller did not.
    expectJob('migration', { present: false }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'deployed' },
    ]),

    upgrade({
      name: 'ttl-zero-fails',
      set: { 'app.version': '3.0.0', 'hooks.migration.fail': true, ...ttlZero },
      timeout: '1m',
      expectFailure: true,
      errorMatches: { helm3: /job \S+-db-migration failed: BackoffLimitExceeded/, helm4: /db-migration not ready\. status: Failed/ },
    }),
    expectHookRan('migration', { outcome: 'failed', exitCode: 1 }),
    // The failed Job and its pod are gone, and with them what `kubectl logs job/…` would have shown.
    expectJob('migration', { present: false }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'deployed' },
      { revision: 3, status: 'failed', description: /pre-upgrade hooks failed/ },
    ]),
    expectAppVersion('2.0.0'),

    // What a Job that vanishes before Helm saw it finish does to each version: here it is deleted while
    // its pod still runs, as the TTL controller would delete one whose end Helm's watcher missed.
    upgradeWhileHookJobDeleted({
      name: 'job-deleted-mid-hook',
      set: { 'app.version': '4.0.0', 'hooks.migration.sleepSeconds': 60 },
      timeout: '1m',
      deleteJobOf: 'migration',
      outcome: {
        helm3: {},
        helm4: { expectFailure: true, errorMatches: /db-migration not ready\. status: NotFound.*context deadline exceeded/s },
      },
    }),
    expectHistory({
      // Helm 3 took the deletion for the end of the hook and went on: the migration never finished.
      helm3: [
        { revision: 1, status: 'superseded' },
        { revision: 2, status: 'superseded' },
        { revision: 3, status: 'failed' },
        { revision: 4, status: 'deployed' },
      ],
      // Helm 4 waited for a Job that no longer existed until --timeout.
      helm4: [
        { revision: 1, status: 'superseded' },
        { revision: 2, status: 'deployed' },
        { revision: 3, status: 'failed' },
        { revision: 4, status: 'failed', description: /pre-upgrade hooks failed/ },
      ],
    }),
  ],
});
