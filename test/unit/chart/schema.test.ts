// values.schema.json refuses what a lab could mistype, before anything reaches a cluster, and
// Helm's message names the field. Each case changes one value so the refusal has one cause.
import { describe, expect, test } from '@jest/globals';
import { HELM_TEST_TIMEOUT_MS, HOOKS, type RenderOptions, render, renderRefused } from './render.js';

const T = HELM_TEST_TIMEOUT_MS;
const SCHEMA_REFUSAL = "values don't meet the specifications of the schema(s)";
const EVENTS_LIST =
  "value must be one of 'pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'test'";
const POLICIES_LIST = "value must be one of 'before-hook-creation', 'hook-succeeded', 'hook-failed'";

interface Refusal {
  what: string;
  options: RenderOptions;
  /** The line of Helm's message that names the field and the reason. */
  message: string;
}

async function expectRefused({ options, message }: Refusal): Promise<void> {
  const result = await renderRefused(options);
  expect(result.exitCode).not.toBe(0);
  expect(result.stderr).toContain(SCHEMA_REFUSAL);
  expect(result.stderr).toContain(message);
  expect(result.stdout).toBe('');
}

const refusals: Refusal[] = [
  // Wrong types.
  { what: 'fail as a string', options: { set: ['hooks.migration.fail=yes'] }, message: "at '/hooks/migration/fail': got string, want boolean" },
  { what: 'enabled as a number', options: { set: ['hooks.backup.enabled=1'] }, message: "at '/hooks/backup/enabled': got number, want boolean" },
  { what: 'weight as a string', options: { set: ['hooks.migration.weight=first'] }, message: "at '/hooks/migration/weight': got string, want integer" },
  { what: 'weight as a fraction', options: { setJson: ['hooks.migration.weight=1.5'] }, message: "at '/hooks/migration/weight': got number, want integer" },
  { what: 'events as a string, not a list', options: { set: ['hooks.migration.events=post-upgrade'] }, message: "at '/hooks/migration/events': got string, want array" },
  { what: 'deletePolicy as a string, not a list', options: { set: ['hooks.notify.deletePolicy=hook-succeeded'] }, message: "at '/hooks/notify/deletePolicy': got string, want array" },
  { what: 'sleepSeconds as a string', options: { set: ['hooks.notify.sleepSeconds=long'] }, message: "at '/hooks/notify/sleepSeconds': got string, want integer" },
  { what: 'backoffLimit as a string', options: { set: ['hooks.backup.backoffLimit=none'] }, message: "at '/hooks/backup/backoffLimit': got string, want null or integer" },
  { what: 'upTo as a number', options: { set: ['hooks.migration.upTo=3'] }, message: "at '/hooks/migration/upTo': got number, want string" },
  { what: 'keepBackups as a string', options: { set: ['hooks.cleanup.keepBackups=please'] }, message: "at '/hooks/cleanup/keepBackups': got string, want boolean" },
  { what: 'an image tag as a number', options: { set: ['images.db.tag=16'] }, message: "at '/images/db/tag': got number, want string" },
  { what: 'app.version as a number', options: { set: ['app.version=2'] }, message: "at '/app/version': got number, want string" },
  { what: 'hookDefaults.backoffLimit as a string', options: { set: ['hookDefaults.backoffLimit=six'] }, message: "at '/hookDefaults/backoffLimit': got string, want integer" },
  { what: 'app.initFail as a string', options: { set: ['app.initFail=maybe'] }, message: "at '/app/initFail': got string, want boolean" },
  { what: 'app.shutdownDelaySeconds negative', options: { set: ['app.shutdownDelaySeconds=-1'] }, message: "at '/app/shutdownDelaySeconds': minimum: got -1, want 0" },
  { what: 'app.readinessFail as a string', options: { set: ['app.readinessFail=maybe'] }, message: "at '/app/readinessFail': got string, want boolean" },
  { what: 'tests.fail as a string', options: { set: ['tests.fail=yes'] }, message: "at '/tests/fail': got string, want boolean" },
  { what: 'tests.enabled as a string', options: { set: ['tests.enabled=no'] }, message: "at '/tests/enabled': got string, want boolean" },
  // Unknown hook events and policies.
  { what: 'an unknown event', options: { set: ['hooks.migration.events={during-upgrade}'] }, message: `at '/hooks/migration/events/0': ${EVENTS_LIST}` },
  { what: 'an event in the wrong case', options: { set: ['hooks.migration.events={Pre-Upgrade}'] }, message: `at '/hooks/migration/events/0': ${EVENTS_LIST}` },
  { what: 'an unknown event second in the list', options: { set: ['hooks.notify.events={post-install,post-deploy}'] }, message: `at '/hooks/notify/events/1': ${EVENTS_LIST}` },
  { what: 'no event at all', options: { setJson: ['hooks.notify.events=[]'] }, message: "at '/hooks/notify/events': minItems: got 0, want 1" },
  { what: 'the same event twice', options: { set: ['hooks.notify.events={post-install,post-install}'] }, message: "at '/hooks/notify/events': items at 0 and 1 are equal" },
  { what: 'an unknown delete policy', options: { set: ['hooks.cleanup.deletePolicy={hook-maybe}'] }, message: `at '/hooks/cleanup/deletePolicy/0': ${POLICIES_LIST}` },
  { what: "--set 'x={}', which makes [\"\"]", options: { set: ['hooks.cleanup.deletePolicy={}'] }, message: `at '/hooks/cleanup/deletePolicy/0': ${POLICIES_LIST}` },
  { what: 'an unknown output log policy', options: { set: ['hookDefaults.outputLogPolicy={before-hook-creation}'] }, message: "at '/hookDefaults/outputLogPolicy/0': value must be one of 'hook-succeeded', 'hook-failed'" },
  // Negative and out-of-range numbers.
  { what: 'negative sleepSeconds', options: { set: ['hooks.notify.sleepSeconds=-1'] }, message: "at '/hooks/notify/sleepSeconds': minimum: got -1, want 0" },
  { what: 'negative backoffLimit', options: { set: ['hooks.migration.backoffLimit=-1'] }, message: "at '/hooks/migration/backoffLimit': minimum: got -1, want 0" },
  { what: 'negative activeDeadlineSeconds', options: { set: ['hooks.migration.activeDeadlineSeconds=-5'] }, message: "at '/hooks/migration/activeDeadlineSeconds': minimum: got -5, want 1" },
  { what: 'zero activeDeadlineSeconds (the Job API refuses it)', options: { set: ['hooks.migration.activeDeadlineSeconds=0'] }, message: "at '/hooks/migration/activeDeadlineSeconds': minimum: got 0, want 1" },
  { what: 'negative exitCode', options: { set: ['hooks.migration.exitCode=-1'] }, message: "at '/hooks/migration/exitCode': minimum: got -1, want 0" },
  { what: 'exitCode above 255', options: { set: ['hooks.migration.exitCode=256'] }, message: "at '/hooks/migration/exitCode': maximum: got 256, want 255" },
  { what: 'negative hookDefaults.backoffLimit', options: { set: ['hookDefaults.backoffLimit=-1'] }, message: "at '/hookDefaults/backoffLimit': minimum: got -1, want 0" },
  { what: 'negative hookDefaults.terminationGracePeriodSeconds', options: { set: ['hookDefaults.terminationGracePeriodSeconds=-1'] }, message: "at '/hookDefaults/terminationGracePeriodSeconds': minimum: got -1, want 0" },
  { what: 'negative hookDefaults.ttlSecondsAfterFinished', options: { set: ['hookDefaults.ttlSecondsAfterFinished=-1'] }, message: "at '/hookDefaults/ttlSecondsAfterFinished': minimum: got -1, want 0" },
  { what: 'negative hookDefaults.activeDeadlineSeconds', options: { set: ['hookDefaults.activeDeadlineSeconds=-1'] }, message: "at '/hookDefaults/activeDeadlineSeconds': minimum: got -1, want 1" },
  { what: 'negative replicas', options: { set: ['app.replicas=-1'] }, message: "at '/app/replicas': minimum: got -1, want 0" },
  { what: 'root as the database uid', options: { set: ['postgresql.uid=0'] }, message: "at '/postgresql/uid': minimum: got 0, want 1" },
  { what: 'root as the pods uid', options: { set: ['podSecurity.uid=0'] }, message: "at '/podSecurity/uid': minimum: got 0, want 1" },
  // Unknown keys.
  { what: 'an unknown switch on a hook', options: { set: ['hooks.migration.retries=3'] }, message: "at '/hooks/migration': additional properties 'retries' not allowed" },
  { what: "a key of another hook (upTo on notify)", options: { setString: ['hooks.notify.upTo=002'] }, message: "at '/hooks/notify': additional properties 'upTo' not allowed" },
  { what: 'an unknown hook', options: { set: ['hooks.smokeTest.enabled=true'] }, message: "at '/hooks': additional properties 'smokeTest' not allowed" },
  { what: 'a misspelt top-level key', options: { set: ['hook.migration.fail=true'] }, message: "at '': additional properties 'hook' not allowed" },
  { what: 'an unknown image field', options: { set: ['images.app.digest=sha256:abc'] }, message: "at '/images/app': additional properties 'digest' not allowed" },
  // Malformed strings.
  { what: 'upTo that is not a 3-digit version', options: { set: ['hooks.migration.upTo=v2'] }, message: "at '/hooks/migration/upTo': 'v2' does not match pattern '^([0-9]{3})?$'" },
  { what: 'an app version that is no label value', options: { set: ['app.version=1.0.0+build 7'] }, message: "at '/app/version': '1.0.0+build 7' does not match pattern" },
  { what: 'an unknown pull policy', options: { set: ['images.hooks.pullPolicy=Sometimes'] }, message: "at '/images/hooks/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'" },
  { what: 'a database name that needs quoting', options: { set: ['postgresql.database=Web-App'] }, message: "at '/postgresql/database': 'Web-App' does not match pattern" },
  { what: 'a storage size that is no quantity', options: { set: ['postgresql.storage.size=lots'] }, message: "at '/postgresql/storage/size': 'lots' does not match pattern" },
];

describe('values.schema.json refuses', () => {
  test.each(refusals)('$what', (refusal) => expectRefused(refusal), T);
});

describe('values.schema.json refuses on every hook', () => {
  test.each(HOOKS)('$key: an unknown key, an unknown event, an unknown policy, a negative sleep, a wrong type', async ({ key }) => {
    await expectRefused({ what: 'unknown key', options: { set: [`hooks.${key}.color=red`] }, message: `at '/hooks/${key}': additional properties 'color' not allowed` });
    await expectRefused({ what: 'unknown event', options: { set: [`hooks.${key}.events={on-install}`] }, message: `at '/hooks/${key}/events/0': ${EVENTS_LIST}` });
    await expectRefused({ what: 'unknown policy', options: { set: [`hooks.${key}.deletePolicy={always}`] }, message: `at '/hooks/${key}/deletePolicy/0': ${POLICIES_LIST}` });
    await expectRefused({ what: 'negative sleep', options: { set: [`hooks.${key}.sleepSeconds=-3`] }, message: `at '/hooks/${key}/sleepSeconds': minimum: got -3, want 0` });
    await expectRefused({ what: 'wrong type', options: { set: [`hooks.${key}.fail=sometimes`] }, message: `at '/hooks/${key}/fail': got string, want boolean` });
  }, T);
});

describe('values.schema.json accepts', () => {
  const accepted: Array<[string, RenderOptions]> = [
    ['every hook event', { set: ['hooks.notify.events={pre-install,post-install,pre-delete,post-delete,pre-upgrade,post-upgrade,pre-rollback,post-rollback,test}'] }],
    ['every delete policy', { set: ['hooks.notify.deletePolicy={before-hook-creation,hook-succeeded,hook-failed}'] }],
    ['a negative weight', { set: ['hooks.notify.weight=-100'] }],
    ['exit codes 0 and 255', { set: ['hooks.notify.fail=true', 'hooks.notify.exitCode=0', 'hooks.backup.fail=true', 'hooks.backup.exitCode=255'] }],
    ['zero retries and a one-second deadline as overrides', { set: ['hooks.notify.backoffLimit=0', 'hooks.notify.activeDeadlineSeconds=1'] }],
    ['upTo of a shipped migration', { setString: ['hooks.migration.upTo=001'] }],
  ];
  test.each(accepted)('%s', async (_what, options) => {
    await expect(render(options)).resolves.toBeDefined();
  }, T);
});
