import {
  attendeeTypes,
  byRelease,
  defineScenario,
  expectAppVersion,
  expectBackupFile,
  expectHistory,
  expectHookRan,
  expectJob,
  install,
  part,
  upgrade,
} from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'pre-fail',
  title: 'A failing pre-upgrade hook stops the upgrade before anything changes',
  seedStep: '000 steps 1-4',
  description:
    'Install, then upgrade with the migration hook failing on purpose. Helm runs the pre-upgrade hooks by weight ' +
    '(backup, then migration), stops at the failure, marks revision 2 failed and never touches the app: ' +
    'revision 1 stays deployed and 1.0.0 keeps running. The failed Job and its pod stay for `kubectl logs`.',
  deadlineSeconds: 240,
  steps: [
    part('Step 1: install', [
      // Only the hooks the lab looks at: the migration, and the backup volume (labs/values/quick-install.yaml).
      install({ name: 'install', values: 'labs/values/quick-install.yaml' }),
      expectHistory([{ revision: 1, status: 'deployed' }]),
      attendeeTypes('helm history demo -n demo', { name: 'history-after-install' }),
    ]),

    part('Step 2: make the migration fail', [
      upgrade({
        name: 'migration-fails',
        set: { 'app.version': '2.0.0', 'hooks.migration.fail': true },
        expectFailure: true,
        errorMatches: /pre-upgrade hooks failed/,
      }),
    ]),
    part('Step 3: `helm history`', [
      expectHistory([
        { revision: 1, status: 'deployed' },
        {
          revision: 2,
          status: 'failed',
          // Helm 3's waiter names the Job's failure reason; Helm 4's kstatus watcher reports the Job's status.
          description: {
            helm3: /pre-upgrade hooks failed: .*job \S+-db-migration failed: BackoffLimitExceeded/s,
            helm4: /pre-upgrade hooks failed: .*Job\/\S+\/\S+-db-migration not ready\. status: Failed/s,
          },
        },
      ]),
      attendeeTypes('helm history demo -n demo', { name: 'history-after-failure' }),
      attendeeTypes('kubectl get pods -n demo -L demo-hooks.dev/app-version', { name: 'pods-with-versions' }),
    ]),
    part('Step 4: pods, `describe` and logs', [
      expectHookRan('backup', { outcome: 'succeeded' }),
      expectHookRan('migration', { outcome: 'failed', exitCode: 1 }),
      expectJob('migration', {
        failed: true,
        reason: 'BackoffLimitExceeded',
        podPhase: 'Failed',
        exitCode: 1,
        logIncludes: 'demo-hooks: hook migration failing on purpose',
      }),
      // hook-succeeded still applies to the backup that ran before the failing hook, since Helm
      // applies the policy to the hooks before a failing one (pkg/action/hooks.go execHook).
      expectJob(
        'backup',
        byRelease('helm/helm#30673 (v3.19.0, v4.0.0): execHook deletes the hooks that succeeded before the one that failed, by their hook-succeeded policy', {
          '<3.19.0': { present: true, succeeded: true },
          '>=3.19.0': { present: false },
        }),
      ),
      attendeeTypes('kubectl get pods -n demo', { name: 'pods-after-failure' }),
      attendeeTypes('kubectl describe job -n demo demo-demo-hooks-db-migration', { name: 'describe-migration-job' }),
      attendeeTypes('kubectl logs -n demo job/demo-demo-hooks-db-migration', { name: 'migration-log', outputMatches: 'failing on purpose' }),
      expectBackupFile({ revision: 2 }),
      expectAppVersion('1.0.0'),
    ]),
  ],
});
