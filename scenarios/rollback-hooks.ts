import {
  attendeeTypes,
  defineScenario,
  expectAppVersion,
  expectHistory,
  expectHookDidNotRun,
  expectHookRan,
  expectHooksInOrder,
  expectHooksRan,
  install,
  part,
  rollback,
  upgrade,
} from '../harness/src/scenario/dsl.js';
import { failingRollback, upgradeRefusedWhilePending } from './steps/stuck-release.js';

export default defineScenario({
  name: 'rollback-hooks',
  title: 'helm rollback runs pre- and post-rollback hooks; a failing pre- or post-rollback hook leaves the release stuck',
  seedStep: '003 "Rollback Hooks"',
  description:
    'A rollback runs the hooks of the revision it goes back to: pre-rollback, then the old manifests, then post-rollback. ' +
    'When that revision\'s pre-rollback hook fails, Helm stops before touching any object: the new revision is left ' +
    '"pending-rollback", the app keeps running, and Helm refuses further upgrades until someone intervenes. A failing ' +
    'post-rollback hook runs after the old objects are back (pkg/action/rollback.go, performRollback): the app already ' +
    'runs the old version, and the release is just as stuck.',
  deadlineSeconds: 420,
  steps: [
    part('Rollback runs the hooks of the revision it returns to', [
      install({ name: 'install', values: 'labs/values/quick-install.yaml' }),
      upgrade({ name: 'upgrade-to-2', set: { 'app.version': '2.0.0' } }),
      rollback({ name: 'rollback-to-1', to: 1 }),
      expectHooksRan(['preRollback', 'postRollback'], { outcome: 'succeeded' }),
      expectHooksInOrder(['preRollback', 'postRollback']),
      attendeeTypes('helm history demo -n demo', { name: 'history-after-rollback', outputMatches: /Rollback to 1/ }),
      expectHistory([
        { revision: 1, status: 'superseded' },
        { revision: 2, status: 'superseded' },
        { revision: 3, status: 'deployed', description: 'Rollback to 1' },
      ]),
      expectAppVersion('1.0.0'),
    ]),

    part('A failing rollback hook leaves the release `pending-rollback`', [
      // Revision 4 carries a failing pre-rollback hook; rolling back to it runs that hook. The upgrades
      // that only set the scene skip their own hooks: the revision keeps them all the same.
      upgrade({ name: 'revision-with-failing-pre-rollback', set: { 'app.version': '3.0.0', 'hooks.preRollback.fail': true }, noHooks: true }),
      upgrade({ name: 'upgrade-to-4', set: { 'app.version': '4.0.0' }, noHooks: true }),
      failingRollback(4, { name: 'pre-rollback-fails' }),
      expectHookRan('preRollback', { outcome: 'failed', exitCode: 1 }),
      expectHookDidNotRun('postRollback'),
      attendeeTypes('helm history demo -n demo', { name: 'history-pending-rollback', outputMatches: /pending-rollback/ }),
      expectHistory([
        { revision: 1, status: 'superseded' },
        { revision: 2, status: 'superseded' },
        { revision: 3, status: 'superseded' },
        { revision: 4, status: 'superseded' },
        { revision: 5, status: 'deployed' },
        // The rollback's own revision keeps the status it was created with.
        { revision: 6, status: 'pending-rollback', description: 'Rollback to 4' },
      ]),
      expectAppVersion('4.0.0'),
      upgradeRefusedWhilePending('5.0.0', { name: 'upgrade-refused' }),
    ]),

    part('A failing post-rollback hook', [
      // Out of pending-rollback (as in pending-rollback), then a revision whose post-rollback hook fails.
      rollback({ name: 'rollback-to-5', to: 5 }),
      upgrade({ name: 'revision-with-failing-post-rollback', set: { 'app.version': '6.0.0', 'hooks.postRollback.fail': true }, noHooks: true }),
      upgrade({ name: 'upgrade-to-7', set: { 'app.version': '7.0.0' }, noHooks: true }),
      rollback({ name: 'post-rollback-fails', to: 8, expectFailure: true, errorMatches: { helm3: /BackoffLimitExceeded/, helm4: /status: Failed/ } }),
      expectHookRan('preRollback', { outcome: 'succeeded' }),
      expectHookRan('postRollback', { outcome: 'failed', exitCode: 1 }),
      expectHistory([
        { revision: 1, status: 'superseded' },
        { revision: 2, status: 'superseded' },
        { revision: 3, status: 'superseded' },
        { revision: 4, status: 'superseded' },
        { revision: 5, status: 'superseded' },
        { revision: 6, status: 'pending-rollback' },
        { revision: 7, status: 'superseded' },
        { revision: 8, status: 'superseded' },
        { revision: 9, status: 'deployed' },
        { revision: 10, status: 'pending-rollback', description: 'Rollback to 8' },
      ]),
      // Post-rollback hooks run after the objects are rolled back: 6.0.0 runs, yet the release is stuck.
      expectAppVersion('6.0.0'),
      upgradeRefusedWhilePending('8.0.0'),
    ]),
  ],
});
