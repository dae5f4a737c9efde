// NOTES.txt is what a workshop attendee reads right after `helm install`: which hooks run when,
// and the commands to look at them.
import { describe, expect, test } from '@jest/globals';
import { FULLNAME, HELM_TEST_TIMEOUT_MS, HOOKS, renderNotes } from './render.js';

const T = HELM_TEST_TIMEOUT_MS;

describe('NOTES.txt', () => {
  test('lists every enabled hook under each of its events, with weight, Job and delete policy', async () => {
    const notes = await renderNotes();
    for (const hook of HOOKS) {
      const line = new RegExp(`weight +${hook.weight}  ${hook.key} +job/${hook.job}  delete-policy=${hook.deletePolicy.join(',')}\\n`, 'g');
      expect([hook.key, notes.match(line)?.length]).toEqual([hook.key, hook.events.length]);
    }
    expect(notes).toContain(`pod/${FULLNAME}-test-connection`);
  }, T);

  test('orders each event by weight, the way Helm runs it', async () => {
    const notes = await renderNotes();
    const postInstall = notes.slice(notes.indexOf('  post-install:'), notes.indexOf('  pre-upgrade:'));
    const order = [...postInstall.matchAll(/job\/(\S+)/g)].map((match) => match[1]);
    expect(order).toEqual(['db-setup', 'db-migration', 'health-check', 'cache-warmup', 'notify'].map((name) => `${FULLNAME}-${name}`));
  }, T);

  test('shows how to look at hooks', async () => {
    const notes = await renderNotes();
    expect(notes).toContain('helm history lab -n labs');
    expect(notes).toContain('kubectl get jobs,pods -n labs -l app.kubernetes.io/instance=lab,app.kubernetes.io/component=hook');
    expect(notes).toContain('kubectl logs -n labs job/');
  }, T);

  test('follows the values: a moved, failing hook shows where it went and that it will fail', async () => {
    const notes = await renderNotes({ set: ['hooks.migration.events={post-upgrade}', 'hooks.migration.fail=true', 'hooks.notify.enabled=false'] });
    const preUpgrade = notes.slice(notes.indexOf('  pre-upgrade:'), notes.indexOf('  post-upgrade:'));
    expect(preUpgrade).not.toContain('migration');
    const postUpgrade = notes.slice(notes.indexOf('  post-upgrade:'), notes.indexOf('  pre-rollback:'));
    expect(postUpgrade).toContain(`migration     job/${FULLNAME}-db-migration`);
    expect(postUpgrade).toContain('LAB SWITCHES ON: fail=true exitCode=1 sleepSeconds=0');
    expect(notes).not.toContain('job/lab-demo-hooks-notify');
  }, T);
});
