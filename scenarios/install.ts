import {
  attendeeTypes,
  defineScenario,
  expectAppVersion,
  expectHistory,
  expectHooksInOrder,
  expectHooksRan,
  expectJob,
  expectMigrationsApplied,
  install,
  type HookName,
} from '../harness/src/scenario/dsl.js';

const installHooks: HookName[] = ['preInstall', 'dbSetup', 'migration', 'healthCheck', 'cacheWarmup', 'notify'];

export default defineScenario({
  name: 'install',
  title: 'helm install: the pre-install hook first, then every post-install hook by weight',
  seedStep: '003 "Hook Types" and "Hook Weights"',
  description:
    'A plain install. pre-install runs before any release object exists; post-install hooks run one at a time, ' +
    'lowest weight first: dbSetup (0), migration (1) which creates the schema, healthCheck (2), cacheWarmup (3), notify (10).',
  steps: [
    install({ name: 'install', set: { 'hooks.migration.upTo': '002' } }),
    expectHistory([{ revision: 1, status: 'deployed', description: 'Install complete' }]),
    expectHooksRan(installHooks, { outcome: 'succeeded' }),
    expectHooksInOrder(installHooks),
    // The migration hook records each file's version prefix ("001_create_items.sql" → "001").
    expectMigrationsApplied(['001', '002']),
    // Delete policies after a success: the migration keeps its Job (before-hook-creation only);
    // hooks with hook-succeeded are gone.
    expectJob('migration', { succeeded: true, count: 1 }),
    expectJob('dbSetup', { present: false }),
    expectJob('notify', { present: false }),
    attendeeTypes('kubectl get jobs -n demo', { name: 'jobs-after-install' }),
    attendeeTypes('kubectl logs -n demo job/demo-demo-hooks-db-migration', { name: 'migration-log', outputMatches: 'schema version is now 002' }),
    expectAppVersion('1.0.0'),
  ],
});
