import {
  attendeeTypes,
  defineScenario,
  expectHookDidNotRun,
  expectHookRan,
  expectLeftovers,
  expectReleaseGone,
  install,
  uninstall,
} from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'uninstall-leftovers',
  title: 'Without a cleanup hook, helm uninstall leaves the hooks\' objects and the volumes behind',
  seedStep: '003 "Cleanup Hook (Post-Delete)"',
  description:
    'The same install and uninstall as scenario uninstall, with the post-delete cleanup hook turned off. Helm deletes ' +
    'the release\'s own objects and forgets the release, yet the hook Jobs and ConfigMaps it created (kept by their ' +
    'before-hook-creation policy), the StatefulSet\'s database volume and the backup volume made by a hook all stay ' +
    'in the namespace.',
  deadlineSeconds: 240,
  steps: [
    install({ name: 'install-without-cleanup', set: { 'hooks.cleanup.enabled': false } }),
    uninstall({ name: 'uninstall' }),
    expectHookRan('preDelete', { outcome: 'succeeded' }),
    expectHookDidNotRun('cleanup'),
    expectReleaseGone(),
    // What the guide has the attendee type next: Helm keeps no record of the release.
    attendeeTypes('helm history demo -n demo', { name: 'history-after-uninstall', exitCode: 1 }),
    expectLeftovers({
      Job: ['{fullname}-db-migration'],
      Pod: ['{fullname}-db-migration-*'],
      ConfigMap: ['{fullname}-migrations'],
      PersistentVolumeClaim: ['data-{fullname}-postgresql-0', '{fullname}-backup'],
    }),
  ],
});
