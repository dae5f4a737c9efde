import {
  defineScenario,
  expectAppVersion,
  expectHistory,
  expectHookRan,
  expectHooksRan,
  install,
  rollback,
  upgrade,
} from '../harness/src/scenario/dsl.js';
import { failingRollback, upgradeRefusedWhilePending } from './steps/stuck-release.js';

export default defineScenario({
  name: 'pending-rollback',
  title: 'A release stuck in pending-rollback is freed by rolling back to a revision whose hooks work',
  seedStep: '003 "Rollback Hooks"',
  description:
    'Revision 1 carries a failing pre-rollback hook, so rolling back to it leaves revision 3 "pending-rollback" and ' +
    'upgrades are refused. Rolling back to revision 2, whose rollback hooks work, succeeds; after it the release ' +
    'takes upgrades again.',
  deadlineSeconds: 360,
  steps: [
    install({ name: 'install', values: 'labs/values/quick-install.yaml', set: { 'hooks.preRollback.fail': true } }),
    // Only sets the scene: its own hooks are not what this scenario looks at.
    upgrade({ name: 'upgrade-to-2', set: { 'app.version': '2.0.0' }, noHooks: true }),
    failingRollback(1, { name: 'pre-rollback-fails' }),
    expectHookRan('preRollback', { outcome: 'failed', exitCode: 1 }),
    upgradeRefusedWhilePending('3.0.0', { name: 'upgrade-refused' }),

    // The way out the README gives: roll back to the last good revision.
    rollback({ name: 'rollback-to-2', to: 2 }),
    expectHooksRan(['preRollback', 'postRollback'], { outcome: 'succeeded' }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'superseded' },
      // Helm leaves the stuck revision as it was: only the history says what happened.
      { revision: 3, status: 'pending-rollback', description: 'Rollback to 1' },
      { revision: 4, status: 'deployed', description: 'Rollback to 2' },
    ]),
    expectAppVersion('2.0.0'),
    upgrade({ name: 'upgrade-to-3', set: { 'app.version': '3.0.0' } }),
    expectAppVersion('3.0.0'),
  ],
});
