import {
  defineScenario,
  expectAppVersion,
  expectHistory,
  expectReleaseGone,
  expectJob,
  expectSchemaVersion,
  install,
  installInterrupted,
  onRelease,
  part,
  rollback,
  upgrade,
  uninstall,
  upgradeInterrupted,
} from '../harness/src/scenario/dsl.js';
import { upgradeRefusedWhilePending } from './steps/stuck-release.js';

/** Revision 2 moves the schema to 003 after a pause long enough to stop Helm in. */
const slowMigration = { 'app.version': '2.0.0', 'hooks.migration.upTo': '003', 'hooks.migration.sleepSeconds': 8 };
const upgradeTo2 = { 'app.version': '2.0.0', 'hooks.migration.upTo': '003' };

export default defineScenario({
  name: 'killed-upgrade',
  title: 'Helm stopped during a pre-upgrade hook: Ctrl-C leaves a failed revision, kill -9 a pending one, and the hook finishes anyway',
  seedStep: 'issue #9 "killed-upgrade"',
  description:
    'Two releases, each upgraded with a migration hook that sleeps before it moves the schema to 003. Helm is stopped while the ' +
    'hook\'s pod runs. kill -9 gives Helm no chance to write anything: revision 2 stays "pending-upgrade", and every later ' +
    'upgrade is refused as an operation in progress (pkg/action/upgrade.go, prepareUpgrade). `helm rollback` does not check ' +
    'for a pending revision (pkg/action/rollback.go, prepareRollback), so rolling back to 1 is the way out; the pending ' +
    'revision stays in the history. Ctrl-C cancels Helm\'s context, and Helm marks the revision failed before it exits ' +
    '(pkg/action/upgrade.go, handleContext and failRelease), so the next upgrade just works. Either way the hook Job is a ' +
    'Kubernetes object that nobody stopped: it finishes, and the schema is at 003 while the app still runs 1.0.0. ' +
    'A first install killed the same way stays "pending-install": there is no earlier revision to roll back to, ' +
    'and `helm uninstall` is the way out.',
  deadlineSeconds: 900,
  steps: [
    part('kill -9 during an upgrade leaves it pending-upgrade; a rollback is the way out', [
      install({ name: 'install', values: 'labs/values/quick-install.yaml', set: { 'hooks.migration.upTo': '002' } }),
      upgradeInterrupted({ name: 'kill-9-upgrade', set: slowMigration, signal: 'SIGKILL', whileHookRuns: 'migration', exitCode: 137 }),
      expectHistory([
        { revision: 1, status: 'deployed' },
        { revision: 2, status: 'pending-upgrade', description: 'Preparing upgrade' },
      ]),
      expectJob('migration', { succeeded: true }),
      expectSchemaVersion('003'),
      expectAppVersion('1.0.0'),
      upgradeRefusedWhilePending('2.0.0', { name: 'upgrade-refused' }),
      rollback({ name: 'rollback-to-1', to: 1 }),
      expectHistory([
        { revision: 1, status: 'superseded' },
        { revision: 2, status: 'pending-upgrade' },
        { revision: 3, status: 'deployed', description: 'Rollback to 1' },
      ]),
      upgrade({ set: upgradeTo2 }),
      expectHistory([
        { revision: 1, status: 'superseded' },
        { revision: 2, status: 'pending-upgrade' },
        { revision: 3, status: 'superseded' },
        { revision: 4, status: 'deployed', description: 'Upgrade complete' },
      ]),
      expectAppVersion('2.0.0'),
    ]),

    part('Ctrl-C during an upgrade marks it failed; the next upgrade just works', onRelease('-i', [
      install({ values: 'labs/values/quick-install.yaml', set: { 'hooks.migration.upTo': '002' } }),
      upgradeInterrupted({
        name: 'ctrl-c-upgrade',
        set: slowMigration,
        signal: 'SIGINT',
        whileHookRuns: 'migration',
        exitCode: 1,
        outputMatches: /has been cancelled/,
        errorMatches: /UPGRADE FAILED: context canceled/,
      }),
      expectHistory([
        { revision: 1, status: 'deployed' },
        { revision: 2, status: 'failed', description: /context canceled/ },
      ]),
      expectJob('migration', { succeeded: true }),
      expectSchemaVersion('003'),
      expectAppVersion('1.0.0'),
      upgrade({ set: upgradeTo2 }),
      expectHistory([
        { revision: 1, status: 'superseded' },
        { revision: 2, status: 'failed' },
        { revision: 3, status: 'deployed', description: 'Upgrade complete' },
      ]),
      expectAppVersion('2.0.0'),
    ])),

    // Killed while its post-install hook runs: there is nothing to roll back to.
    part('kill -9 during a first install leaves it pending-install; uninstall is the way out', onRelease('-n', [
      installInterrupted({ name: 'kill-9-install', set: { 'hooks.dbSetup.sleepSeconds': 8 }, signal: 'SIGKILL', whileHookRuns: 'dbSetup', exitCode: 137 }),
      expectHistory([{ revision: 1, status: 'pending-install', description: 'Initial install underway' }]),
      upgradeRefusedWhilePending('1.0.0'),
      rollback({ name: 'rollback-refused', expectFailure: true, errorMatches: /release has no 0 version/ }),
      uninstall({ name: 'uninstall-pending-install' }),
      expectReleaseGone(),
    ])),
  ],
});
