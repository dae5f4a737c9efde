import {
  defineScenario,
  expectAppVersion,
  expectHistory,
  expectHookDidNotRun,
  expectHookRan,
  expectLeftovers,
  expectMigrationsApplied,
  expectReleaseGone,
  install,
  uninstall,
  upgrade,
} from '../harness/src/scenario/dsl.js';
import { installRefusedNameInUse } from './steps/stuck-release.js';

/** Helm 3's waiter names the Job's failure reason; Helm 4's watcher reports the Job's status. */
const preDeleteFailed = { helm3: /job \S+-pre-delete failed: BackoffLimitExceeded/, helm4: /Job\/\S+-pre-delete not ready\. status: Failed/ };

/** The hook Jobs and ConfigMap the install left (before-hook-creation keeps a Job until the next run) and both volumes. */
const hookObjectsAndVolumes = {
  Job: ['{fullname}-db-migration', '{fullname}-pre-delete'],
  Pod: ['{fullname}-db-migration-*', '{fullname}-pre-delete-*'],
  ConfigMap: ['{fullname}-migrations'],
  PersistentVolumeClaim: ['data-{fullname}-postgresql-0', '{fullname}-backup'],
};

export default defineScenario({
  name: 'pre-delete-fail',
  title: 'A failing pre-delete hook stops helm uninstall before anything is deleted, and the release is stuck "uninstalling"',
  seedStep: 'issue #9 "pre-delete-fail"',
  description:
    'The release is installed with a pre-delete hook that fails. `helm uninstall` stores the release as "uninstalling" before ' +
    'it runs the hook (pkg/action/uninstall.go, Run; the hook run records the release first, pkg/action/hooks.go, execHook), ' +
    'then returns the hook\'s error: nothing is deleted, the app and the database keep running. That state is neither ' +
    'deployed nor pending: `helm upgrade` finds no deployed release, `helm install` finds the name in use, and a second ' +
    '`helm uninstall` runs the same stored hook and fails again. The way out is `helm uninstall --no-hooks`, which also ' +
    'skips the post-delete cleanup, so the hook objects and the volumes stay.',
  deadlineSeconds: 300,
  steps: [
    install({ set: { 'hooks.preDelete.fail': true } }),

    uninstall({ name: 'uninstall-fails', expectFailure: true, errorMatches: preDeleteFailed }),
    expectHookRan('preDelete', { outcome: 'failed', exitCode: 1 }),
    expectHookDidNotRun('cleanup'),
    expectHistory([{ revision: 1, status: 'uninstalling', description: 'Deletion in progress (or silently failed)' }]),
    expectAppVersion('1.0.0'),
    expectMigrationsApplied(['001', '002', '003']),
    expectLeftovers({
      ...hookObjectsAndVolumes,
      Pod: ['{fullname}-db-migration-*', '{fullname}-postgresql-0', '{fullname}-pre-delete-*', '{fullname}-*'],
      Deployment: ['{fullname}'],
      StatefulSet: ['{fullname}-postgresql'],
      Service: ['{fullname}', '{fullname}-postgresql'],
      Secret: ['{fullname}-postgresql'],
      'Helm release record': ['sh.helm.release.v1.*.v1'],
    }),

    upgrade({ name: 'upgrade-refused', expectFailure: true, errorMatches: /has no deployed releases/ }),
    installRefusedNameInUse({ name: 'install-refused' }),
    // The hooks come from the stored release, so no value given now can fix them.
    uninstall({ expectFailure: true, errorMatches: preDeleteFailed }),
    expectHistory([{ revision: 1, status: 'uninstalling' }]),

    uninstall({ name: 'uninstall-no-hooks', noHooks: true, outputMatches: /uninstalled/ }),
    expectReleaseGone(),
    expectLeftovers(hookObjectsAndVolumes),
  ],
});
