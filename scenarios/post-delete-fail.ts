import {
  defineScenario,
  expectHookRan,
  expectHooksInOrder,
  expectLeftovers,
  expectReleaseGone,
  install,
  uninstall,
} from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'post-delete-fail',
  title: 'A failing post-delete hook: the release is deleted and forgotten, helm uninstall exits 1, and the cleanup never happens',
  seedStep: 'issue #9 "post-delete-fail"',
  description:
    'By the time post-delete hooks run Helm has asked for the release\'s objects to be deleted (their pods may still be ' +
    'terminating: the uninstall scenario). A failing post-delete hook is collected as ' +
    'an error, yet Helm still marks the release uninstalled and purges its records (pkg/action/uninstall.go, Run), then ' +
    'exits 1 with "uninstallation completed with 1 error(s)". What the cleanup hook would have removed stays: both ' +
    'volumes, the migration Job, and the failed cleanup Job itself.',
  deadlineSeconds: 240,
  steps: [
    install({ set: { 'hooks.cleanup.fail': true } }),
    uninstall({ name: 'uninstall-fails', expectFailure: true, errorMatches: /uninstallation completed with 1 error\(s\)/ }),
    expectHookRan('preDelete', { outcome: 'succeeded' }),
    expectHookRan('cleanup', { outcome: 'failed', exitCode: 1 }),
    expectHooksInOrder(['preDelete', 'cleanup']),
    expectReleaseGone(),
    expectLeftovers({
      Job: ['{fullname}-cleanup', '{fullname}-db-migration'],
      Pod: ['{fullname}-cleanup-*', '{fullname}-db-migration-*'],
      ConfigMap: ['{fullname}-migrations'],
      PersistentVolumeClaim: ['data-{fullname}-postgresql-0', '{fullname}-backup'],
    }),
  ],
});
