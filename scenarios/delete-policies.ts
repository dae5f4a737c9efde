import { attendeeTypes, defineScenario, expectHookDidNotRun, expectHookRan, expectJob, install, part, upgrade } from '../harness/src/scenario/dsl.js';

// Three more pre-upgrade hooks, one per policy, weighted after backup (-1) and migration (1).
// migration keeps the chart's before-hook-creation and backup its hook-succeeded.
const policies = {
  'hooks.notify.events': ['pre-upgrade'],
  'hooks.notify.weight': 2,
  'hooks.notify.deletePolicy': ['hook-succeeded'],
  'hooks.dbSetup.events': ['pre-upgrade'],
  'hooks.dbSetup.weight': 3,
  'hooks.dbSetup.deletePolicy': [], // no annotation: Helm applies before-hook-creation
  'hooks.cacheWarmup.events': ['pre-upgrade'],
  'hooks.cacheWarmup.weight': 4,
  'hooks.cacheWarmup.deletePolicy': ['hook-failed'],
};

export default defineScenario({
  name: 'delete-policies',
  title: 'Which hook Jobs remain after success and after failure, per delete policy',
  seedStep: '003 "Hook Deletion Policies"',
  description:
    'hook-succeeded removes a Job that succeeded (even when a later hook fails, as long as Helm waited for it); ' +
    'hook-failed removes only a failed one, and alone it leaves a succeeded Job that blocks the next run whose Job ' +
    'differs (Helm 3: "already exists"; Helm 4: the pod template is immutable); before-hook-creation (also what ' +
    'Helm applies when no policy is set) leaves the Job until the next run replaces it.',
  deadlineSeconds: 360,
  steps: [
    part('1. Everything succeeds', [
      install({ name: 'install', values: 'labs/values/quick-install.yaml' }),

      // Every hook succeeds.
      upgrade({ name: 'all-succeed', set: { 'app.version': '2.0.0', ...policies } }),
      expectJob('notify', { present: false }),
      expectJob('backup', { present: false }),
      expectJob('dbSetup', { succeeded: true }),
      expectJob('cacheWarmup', { succeeded: true }),
      expectJob('migration', { succeeded: true }),
    ]),

    part('2. `hook-failed` alone blocks the next run', [
      // cacheWarmup fails, moved first so no other hook runs. But its Job from the previous upgrade is
      // still there: hook-failed alone never removes a Job that succeeded, and without
      // before-hook-creation Helm does not replace it. Helm 3 creates the Job and is refused; Helm 4
      // applies it server-side onto the old one and is refused because a Job's template is immutable.
      upgrade({
        name: 'hook-failed-alone',
        set: { 'app.version': '3.0.0', ...policies, 'hooks.cacheWarmup.weight': -5, 'hooks.cacheWarmup.fail': true },
        expectFailure: true,
        errorMatches: {
          helm3: /jobs\.batch "\S+-cache-warmup" already exists/,
          helm4: /Job\.batch \\?"\S+-cache-warmup\\?" is invalid: spec\.template/,
        },
      }),
      expectHookDidNotRun('cacheWarmup'),
    ]),

    part('3. `before-hook-creation` and `hook-failed` together', [
      // With before-hook-creation beside hook-failed, the old Job is replaced, the new one fails, and
      // hook-failed removes it; hook-succeeded still removes notify, which succeeded before it.
      upgrade({
        name: 'before-hook-creation-and-hook-failed',
        set: {
          'app.version': '3.0.0',
          ...policies,
          'hooks.cacheWarmup.deletePolicy': ['before-hook-creation', 'hook-failed'],
          'hooks.cacheWarmup.fail': true,
        },
        expectFailure: true,
      }),
      expectHookRan('cacheWarmup', { outcome: 'failed', exitCode: 1 }),
      expectJob('cacheWarmup', { present: false }),
      expectJob('notify', { present: false }),
      // before-hook-creation deleted the earlier run's Job and this run made a new one.
      expectJob('dbSetup', { succeeded: true, count: 1 }),
    ]),

    part('4. No policy, and a failure', [
      // A hook with no policy fails: its Job stays, failed, for `kubectl logs`.
      upgrade({ name: 'no-policy-fails', set: { 'app.version': '3.0.0', ...policies, 'hooks.dbSetup.fail': true }, expectFailure: true }),
      expectJob('dbSetup', { failed: true, exitCode: 1, logIncludes: 'failing on purpose' }),
      expectHookDidNotRun('cacheWarmup'),
      attendeeTypes('kubectl get jobs -n demo', { name: 'jobs-after-no-policy' }),
      attendeeTypes('kubectl get pods -n demo', { name: 'pods-after-no-policy' }),
      attendeeTypes('kubectl logs -n demo job/demo-demo-hooks-db-setup', { name: 'db-setup-log', outputMatches: 'failing on purpose' }),
    ]),
  ],
});
