import { attendeeTypes, defineScenario, expectAppVersion, expectHistory, expectJob, expectNoHookRan, install, upgrade } from '../harness/src/scenario/dsl.js';

export default defineScenario({
  name: 'no-hooks',
  title: '--no-hooks: no hook Job is created, and a failing hook cannot fail the release',
  seedStep: '003 "Hook Types" (hooks skipped)',
  description:
    'Install and upgrade with --no-hooks. Helm creates the release objects only; even an upgrade whose migration ' +
    'is switched to fail is deployed, because the migration never runs.',
  deadlineSeconds: 240,
  steps: [
    install({ name: 'install-no-hooks', noHooks: true }),
    expectNoHookRan(),
    expectHistory([{ revision: 1, status: 'deployed', description: 'Install complete' }]),

    upgrade({ name: 'upgrade-no-hooks', noHooks: true, set: { 'app.version': '2.0.0', 'hooks.migration.fail': true } }),
    expectNoHookRan(),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'deployed', description: 'Upgrade complete' },
    ]),
    attendeeTypes('helm history demo -n demo', { name: 'history-after-no-hooks' }),
    expectJob('migration', { present: false }),
    // The app page becomes ready without the schema the skipped hooks would have created.
    expectAppVersion('2.0.0'),
  ],
});
