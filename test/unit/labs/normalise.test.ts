// Normalisation: text from two runs of the same behaviour must come out byte-identical.
import { normaliseText, typedCommandLines } from '../../../labs/blocks.js';

const names = ['dh-pre-fail-h3-ay0de8'];
const norm = (text: string) => normaliseText(text, names);

describe('normaliseText', () => {
  it('calls the run’s release and namespace "demo", longest name first', () => {
    expect(norm('job dh-pre-fail-h3-ay0de8-demo-hooks-db-migration in dh-pre-fail-h3-ay0de8')).toBe('job demo-demo-hooks-db-migration in demo');
    expect(normaliseText('rel-long and rel', ['rel', 'rel-long'])).toBe('demo and demo');
  });

  it('makes two runs of the same behaviour identical', () => {
    const run1 = 'LAST DEPLOYED: Sat Nov 21 13:42:15 2026\npod dh-pre-fail-h3-ay0de8-demo-hooks-db-migration-dpmjn failed';
    const run2 = 'LAST DEPLOYED: Mon Dec  1 09:05:59 2026\npod dh-pre-fail-h4-skvk1n-demo-hooks-db-migration-nnvgp failed';
    expect(normaliseText(run1, ['dh-pre-fail-h3-ay0de8'])).toBe(normaliseText(run2, ['dh-pre-fail-h4-skvk1n']));
  });

  it('replaces every kind of timestamp', () => {
    expect(norm('updated 2026-11-21T13:42:15.106154225Z')).toBe('updated <time>');
    expect(norm(' pre-rollback  | 002 | 2026-11-21 13:23:29.015389+00')).toBe(' pre-rollback  | 002 | <time>');
    expect(norm('install.go:225: 2026-11-21 13:33:29.841510938 +0000 UTC m=+0.037917390 [debug] x')).toBe('install.go:225: <time> [debug] x');
    expect(norm('LAST DEPLOYED: Sat Nov 21 13:42:15 2026')).toBe('LAST DEPLOYED: <time>');
  });

  it('keeps an `ls -l` line’s name and mode, not its size and date', () => {
    expect(norm('total 16\n-rw-r--r-- 1 nobody nogroup 7270 Nov 21 13:42 dh-pre-fail-h3-ay0de8-rev2.sql')).toBe(
      'total <n>\n-rw-r--r-- 1 nobody nogroup <size> <date> demo-rev2.sql',
    );
  });

  it('replaces generated pod suffixes, but not words that look like them', () => {
    expect(norm('dh-pre-fail-h3-ay0de8-demo-hooks-54fc498758-fwhvp')).toBe('demo-demo-hooks-xxxxxxxxxx-xxxxx');
    expect(norm('dh-pre-fail-h3-ay0de8-demo-hooks-backup-2-kxh8r')).toBe('demo-demo-hooks-backup-2-xxxxx');
    expect(norm('dh-pre-fail-h3-ay0de8-demo-hooks-db-migration-6m2zt')).toBe('demo-demo-hooks-db-migration-xxxxx');
    // Vowels never occur in generated suffixes: these are names.
    for (const name of ['db-setup', 'notify', 'health-check', 'cache-warmup', 'pre-rollback', 'postgresql-0', 'migrations']) {
      expect(norm(`dh-pre-fail-h3-ay0de8-demo-hooks-${name}`)).toBe(`demo-demo-hooks-${name}`);
    }
  });

  it('replaces uids, resourceVersions, IPs, fractional durations and absolute chart paths', () => {
    expect(norm('"controller-uid":"b5bd3eab-fcb1-45e0-b80b-a11fbc7ba11d"')).toBe('"controller-uid":"<uid>"');
    expect(norm('resourceVersion: "48213"')).toBe('resourceVersion: "<rv>"');
    expect(norm('{"resourceVersion":"48213"}')).toBe('{"resourceVersion":"<rv>"}');
    expect(norm('dial tcp 10.96.0.10:53: i/o timeout')).toBe('dial tcp <ip>:53: i/o timeout');
    expect(norm('took 1.234s, then 15ms')).toBe('took <duration>, then 15ms');
    expect(norm('CHART PATH: /work/main/charts/demo-hooks')).toBe('CHART PATH: <repo>/charts/demo-hooks');
  });

  it('keeps versions, weights and whole durations the lab talks about', () => {
    expect(norm('app 1.0.0, schema 003, weight -10, sleeping 90s, --timeout 20s')).toBe('app 1.0.0, schema 003, weight -10, sleeping 90s, --timeout 20s');
  });

  it('blanks a password value the harness did not redact, and leaves key references alone', () => {
    expect(norm('postgres-password: s3cr3tValue123')).toBe('postgres-password: <redacted>');
    expect(norm('POSTGRES_PASSWORD=abcdefghij')).toBe('POSTGRES_PASSWORD=<redacted>');
    expect(norm('key: postgres-password')).toBe('key: postgres-password');
    expect(norm('postgres-password: <redacted>')).toBe('postgres-password: <redacted>');
  });

  it('turns tabs into spaces, drops trailing blanks and outer blank lines, and keeps a repeated line once', () => {
    expect(norm('\n\nError: x\n\t* job failed   \nwait\nwait\nwait\ndone\n\n')).toBe('Error: x\n    * job failed\nwait\ndone');
  });

  it('is idempotent', () => {
    const once = norm('dh-pre-fail-h3-ay0de8-demo-hooks-54fc498758-fwhvp at 2026-11-21T13:42:15Z');
    expect(norm(once)).toBe(once);
  });
});

describe('typedCommandLines', () => {
  it('types helm, not helm3, with -n and without the harness’s kubeconfig', () => {
    expect(typedCommandLines(['rollback', 'dh-x', '1', '--kubeconfig', '.cluster/kubeconfig', '--namespace', 'dh-x'], ['dh-x'])).toEqual(['helm rollback demo 1 -n demo']);
  });

  it('quotes what the shell would split, and splits a long command one option per line', () => {
    const lines = typedCommandLines(
      ['upgrade', 'dh-x', 'charts/demo-hooks', '--namespace', 'dh-x', '--reset-values', '-f', 'charts/demo-hooks/values-local.yaml', '--set', 'app.version=2.0.0', '--set-json', 'hooks.migration.events=["post-upgrade"]', '--atomic'],
      ['dh-x'],
    );
    expect(lines).toEqual([
      'helm upgrade demo charts/demo-hooks -n demo \\',
      '    --reset-values \\',
      '    -f charts/demo-hooks/values-local.yaml \\',
      '    --set app.version=2.0.0 \\',
      `    --set-json 'hooks.migration.events=["post-upgrade"]' \\`,
      '    --atomic',
    ]);
  });
});

test('klog lines are dropped: they are diagnostics of the moment, not the command output', () => {
  const text = 'I1121 15:04:17.939868   14628 reflector.go:664] "Warning: watch ended with error"\nNAME: demo';
  expect(normaliseText(text, [])).toBe('NAME: demo');
});
