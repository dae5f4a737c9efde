import {
  attendeeTypes,
  defineScenario,
  expectAppVersion,
  expectDatabaseRole,
  expectHistory,
  expectHookDidNotRun,
  expectHookRan,
  expectHooksRan,
  expectJob,
  expectMigrationsApplied,
  install,
  upgrade,
} from '../harness/src/scenario/dsl.js';
import { installRefusedNameInUse } from './steps/stuck-release.js';

export default defineScenario({
  name: 'install-fail',
  title: 'A failing post-install hook on the first install: the name is taken, and upgrade --install never runs post-install hooks',
  seedStep: 'issue #9 "install-fail"',
  description:
    'The first install\'s db setup hook (post-install, weight 0) fails. Helm has created the app and the database by then, ' +
    'so revision 1 is "failed" with its objects running, and the migration never ran. A second `helm install` is refused: ' +
    'the name is still in use (pkg/action/install.go, availableName). `helm upgrade --install` sees a history and upgrades ' +
    '(cmd/helm/upgrade.go): it runs pre-upgrade and post-upgrade hooks, never post-install ones, so the database never gets ' +
    'its app_reader role. The way out keeps the data: put the idempotent setup hook on post-upgrade too and upgrade.',
  deadlineSeconds: 420,
  steps: [
    install({
      name: 'first-install-fails',
      set: { 'hooks.dbSetup.fail': true },
      expectFailure: true,
      errorMatches: { helm3: /INSTALLATION FAILED: failed post-install: .*db-setup failed: BackoffLimitExceeded/s, helm4: /INSTALLATION FAILED: failed post-install: .*db-setup not ready\. status: Failed/s },
    }),
    expectHistory([{ revision: 1, status: 'failed', description: /failed: failed post-install/ }]),
    attendeeTypes('helm history demo -n demo', { name: 'history-after-failure' }),
    expectHookRan('preInstall', { outcome: 'succeeded' }),
    expectHookRan('dbSetup', { outcome: 'failed', exitCode: 1 }),
    expectHookDidNotRun('migration'),
    expectJob('dbSetup', { failed: true, logIncludes: 'failing on purpose' }),
    // Ordinary objects are created before post-install hooks run: the app is up although the release failed.
    expectAppVersion('1.0.0'),
    expectDatabaseRole('app_reader', { present: false }),

    installRefusedNameInUse({ name: 'install-refused' }),
    expectHistory([{ revision: 1, status: 'failed' }]),

    upgrade({ name: 'upgrade-install', install: true, outputMatches: /has been upgraded/ }),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'deployed', description: 'Upgrade complete' },
    ]),
    expectHooksRan(['backup', 'migration', 'healthCheck', 'cacheWarmup', 'notify'], { outcome: 'succeeded' }),
    expectHookDidNotRun('dbSetup'),
    expectHookDidNotRun('preInstall'),
    expectMigrationsApplied(['001', '002', '003']),
    expectDatabaseRole('app_reader', { present: false }),

    // The way out: the setup hook is idempotent, so it may run on upgrades too.
    upgrade({ name: 'upgrade-runs-db-setup', set: { 'hooks.dbSetup.events': ['post-install', 'post-upgrade'] } }),
    expectHookRan('dbSetup', { outcome: 'succeeded' }),
    expectDatabaseRole('app_reader'),
    expectHistory([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'superseded' },
      { revision: 3, status: 'deployed', description: 'Upgrade complete' },
    ]),
  ],
});
