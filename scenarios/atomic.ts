import {
  attendeeTypes,
  defineScenario,
  expectAppVersion,
  expectHistory,
  expectHooksRan,
  expectMigrationsApplied,
  expectSchemaVersion,
  install,
  upgrade,
} from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'atomic',
  title: '--atomic (Helm 4: --rollback-on-failure) rolls a failed upgrade back, but not the data',
  seedStep: '000 step 6',
  description:
    'First the lab step: the failing pre-upgrade migration with --atomic. Helm marks revision 2 failed and at once ' +
    'rolls back to 1 as revision 3 ("Rollback to 1"); 1.0.0 runs. Then what a rollback does not undo: an upgrade whose ' +
    'migration applies 003 and whose post-upgrade health check fails is rolled back too, but the schema stays at 003.',
  deadlineSeconds: 420,
  steps: [
    install({ name: 'install', values: 'labs/values/quick-install.yaml', set: { 'hooks.migration.upTo': '002' } }),

    upgrade({
      name: 'atomic-migration-fails',
      atomic: true,
      set: { 'app.version': '2.0.0', 'hooks.migration.upTo': '003', 'hooks.migration.fail': true },
      expectFailure: true,
      errorMatches: {
        helm3: /has been rolled back due to atomic being set/,
        helm4: /has been rolled back due to rollback-on-failure being set/,
      },
    }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'failed', description: /pre-upgrade hooks failed/ },
      { revision: 3, status: 'deployed', description: 'Rollback to 1' },
    ]),
    attendeeTypes('helm history demo -n demo', { name: 'history-after-migration-fails' }),
    // The automatic rollback is a real `helm rollback`: it runs the rollback hooks too.
    expectHooksRan(['preRollback', 'postRollback'], { outcome: 'succeeded' }),
    expectAppVersion('1.0.0'),
    expectMigrationsApplied(['001', '002']),

    upgrade({
      name: 'atomic-health-check-fails',
      atomic: true,
      set: { 'app.version': '2.0.0', 'hooks.migration.upTo': '003', 'hooks.healthCheck.fail': true },
      expectFailure: true,
      errorMatches: /post-upgrade hooks failed/,
    }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'failed' },
      { revision: 3, status: 'superseded' },
      { revision: 4, status: 'failed', description: /post-upgrade hooks failed/ },
      { revision: 5, status: 'deployed', description: 'Rollback to 3' },
    ]),
    attendeeTypes('helm history demo -n demo', { name: 'history-after-health-check-fails' }),
    expectAppVersion('1.0.0'),
    expectSchemaVersion('003'),
  ],
});
