// Parsing what `helm history -o json` and `helm status -o json` print, from output recorded
// against the real cluster with Helm 3.22 and Helm 4.3 (install, upgrade, rollback to 1).
import { readFileSync } from 'node:fs';
import { HelmOutputError, parseHistory } from '../../../harness/src/helm/history.js';
import { parseStatus } from '../../../harness/src/helm/status.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseHistory', () => {
  it.each([3, 4])('reads Helm %i history into typed revisions', (major) => {
    const history = parseHistory(fixture(`helm${major}-history.json`));
    expect(history.entries.map((e) => [e.revision, e.status, e.description])).toEqual([
      [1, 'superseded', 'Install complete'],
      [2, 'superseded', 'Upgrade complete'],
      [3, 'deployed', 'Rollback to 1'],
    ]);
    expect(history.entries[0]).toMatchObject({ chart: 'demo-hooks-0.1.0', appVersion: '1.0.0' });
    expect(history.entries[0]?.updated).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('keeps the output exactly as Helm printed it', () => {
    const stdout = fixture('helm3-history.json');
    const history = parseHistory(stdout);
    expect(history.stdout).toBe(stdout);
    expect(history.json).toEqual(JSON.parse(stdout));
  });

  it('reads the rollback_revision only Helm 4 prints', () => {
    expect(parseHistory(fixture('helm4-history.json')).entries[2]?.rollbackRevision).toBe(1);
    expect(parseHistory(fixture('helm3-history.json')).entries[2]?.rollbackRevision).toBeUndefined();
  });

  it('sorts by revision and tolerates a missing "updated"', () => {
    const history = parseHistory(
      JSON.stringify([
        { revision: 2, status: 'failed', chart: 'c', app_version: '1', description: 'Upgrade "x" failed: pre-upgrade hooks failed: boom' },
        { revision: 1, status: 'deployed', chart: 'c', app_version: '1', description: 'Install complete' },
      ]),
    );
    expect(history.entries.map((e) => e.revision)).toEqual([1, 2]);
    expect(history.entries[1]).not.toHaveProperty('updated');
    expect(history.entries[1]?.description).toContain('pre-upgrade hooks failed');
  });

  it('says what is wrong with output that is not a history', () => {
    expect(() => parseHistory('Error: release: not found')).toThrow(HelmOutputError);
    expect(() => parseHistory('{"revision":1}')).toThrow(/expected a JSON array/);
    expect(() => parseHistory('[{"status":"deployed"}]')).toThrow(/row 0 has no numeric revision/);
  });
});

describe('parseStatus', () => {
  it.each([3, 4])('reads Helm %i status: revision, status, description and hooks', (major) => {
    const status = parseStatus(fixture(`helm${major}-status.json`));
    expect(status).toMatchObject({ name: `fx-h${major}`, revision: 3, status: 'deployed', description: 'Rollback to 1' });
    expect(status.hooks[0]).toEqual({
      name: `fx-h${major}-demo-hooks-backup-1`,
      kind: 'Job',
      path: 'demo-hooks/templates/hooks/backup.yaml',
      events: ['pre-upgrade'],
      weight: -1,
      deletePolicies: ['hook-succeeded'],
      lastRun: { phase: '' },
    });
    expect(status.config).toMatchObject({ postgresql: { uid: 999 } });
  });

  it('reads a hook run that failed', () => {
    const status = parseStatus(
      JSON.stringify({
        name: 'r',
        namespace: 'ns',
        version: 2,
        info: { status: 'failed', description: 'Upgrade "r" failed: pre-upgrade hooks failed: job r-demo-hooks-db-migration failed: BackoffLimitExceeded' },
        hooks: [{ name: 'r-demo-hooks-db-migration', kind: 'Job', events: ['pre-upgrade', 'post-install'], weight: 1, last_run: { started_at: '2026-01-01T00:00:00Z', completed_at: '2026-01-01T00:00:05Z', phase: 'Failed' } }],
      }),
    );
    expect(status.status).toBe('failed');
    expect(status.hooks[0]?.lastRun).toEqual({ phase: 'Failed', startedAt: '2026-01-01T00:00:00Z', completedAt: '2026-01-01T00:00:05Z' });
  });

  it.each([3, 4])('never keeps Secret data from Helm %i status (manifest and Helm 4 live resources)', (major) => {
    const raw = fixture(`helm${major}-status.json`);
    expect(raw).toContain('ZmFrZS1wYXNzd29yZC1mb3ItdGVzdHM='); // the fixture does carry it
    const status = parseStatus(raw);
    const kept = JSON.stringify(status.json);
    expect(kept).not.toContain('ZmFrZS1wYXNzd29yZC1mb3ItdGVzdHM=');
    expect(kept).toContain('postgres-password: <redacted>');
    expect(kept).toContain('kind: StatefulSet'); // the rest of the manifest stays
  });
});
