import { attendeeTypes, defineScenario, expectAppVersion, expectHistory, expectHookRan, expectJob, install, upgrade } from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'recover',
  title: 'After a failed upgrade, fixing the value and upgrading again deploys',
  seedStep: '000 conclusion (recovering from a failed pre-hook)',
  description:
    'A failed revision does not block the next upgrade. The fixed upgrade becomes revision 3, deployed; revision 1 is ' +
    'superseded and revision 2 stays failed in the history. before-hook-creation replaced the failed migration Job.',
  deadlineSeconds: 300,
  steps: [
    install({ name: 'install', values: 'labs/values/quick-install.yaml' }),
    upgrade({ name: 'migration-fails', set: { 'app.version': '2.0.0', 'hooks.migration.fail': true }, expectFailure: true }),
    expectHistory([
      { revision: 1, status: 'deployed' },
      { revision: 2, status: 'failed', description: /pre-upgrade hooks failed/ },
    ]),

    upgrade({ name: 'upgrade-again', set: { 'app.version': '2.0.0' } }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'failed' },
      { revision: 3, status: 'deployed', description: 'Upgrade complete' },
    ]),
    attendeeTypes('helm history demo -n demo', { name: 'history-after-recovery' }),
    expectHookRan('migration', { outcome: 'succeeded' }),
    expectJob('migration', { succeeded: true, count: 1 }),
    attendeeTypes('kubectl get jobs -n demo', { name: 'jobs-after-recovery' }),
    expectAppVersion('2.0.0'),
  ],
});
