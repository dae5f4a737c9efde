// `demo-hooks observe -- helm …` on charts shaped like community charts' hooks, on the real
// cluster, with Helm 3 and Helm 4: what it passes through, what it recognises as hooks, and what
// its JSON, JUnit and HTML reports say. Each Helm version gets a namespace of its own, removed after.
import { readFile, symlink, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { Browser } from 'puppeteer-core';
import { repoRoot } from '../../harness/src/paths.js';
import { helmBinary } from '../../harness/src/tools.js';
import { expectedHookObjects, launchBrowser, openReport, readDrawing, screenshot } from '../support/report-browser.js';
import { openTestCluster, type TestCluster } from './support.js';
import { scratchDir } from '../support/scratch-dir.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
const charts = path.join(repoRoot, 'test', 'fixtures', 'charts');

interface Entry {
  at: string;
  kind: string;
  name: string;
  hook?: string;
  what: string;
  exitCode?: number;
  reason?: string;
  message?: string;
  weight?: number;
  hookEvents?: string[];
  deletePolicies?: string[];
  existedBefore?: boolean;
  warning?: boolean;
}
interface Report {
  scenario: { name: string; seedStep: string };
  release: string;
  namespace: string;
  outcome: string;
  commands: { args: string[]; exitCode: number; stdout: string; stderr: string; startedAt: string; durationMs: number; killedBecause?: string }[];
  history: { json: { revision: number; status: string; description: string }[] } | null;
  historyError?: string;
  timeline: Entry[];
  hookLogs: { hook: string; pod: string; exitCode?: number; log: string }[];
}

// The report of an observed run keeps the same published contract as a scenario run's.
const schema = JSON.parse(readFileSync(path.join(repoRoot, 'harness', 'report.schema.json'), 'utf8')) as { $id: string };
const ajv = new Ajv({ allErrors: true });
const validateReport = ajv.compile(schema);

/** In the fixture chart's values; no report may hold it. */
const PASSWORD = 'not-a-real-password-4f7c1e';

/** What happened to an object since it was last created, e.g. ['created', 'started', 'succeeded']. */
function lastRun(r: Report, kind: string, name: string): string[] {
  const mine = r.timeline.filter((e) => e.kind === kind && e.name === name);
  let from = 0;
  mine.forEach((e, i) => {
    if (e.what === 'created') from = i;
  });
  return mine.slice(from).map((e) => e.what);
}

const created = (r: Report, kind: string, name: string) => r.timeline.find((e) => e.kind === kind && e.name === name && e.what === 'created');
const outcomeOf = (r: Report, kind: string, name: string) => r.timeline.filter((e) => e.kind === kind && e.name === name && (e.what === 'succeeded' || e.what === 'failed')).map((e) => e.what);

describe.each([3, 4] as const)('observe with Helm %i', (major) => {
  let cluster: TestCluster;
  let reportDir: string;
  let pathDir: string;
  let browser: Browser;
  const release = `obs-h${major}`;

  beforeAll(async () => {
    cluster = await openTestCluster(`observe-h${major}`);
    reportDir = scratchDir(`dh-observe-h${major}-`);
    // The user's own `helm` on PATH: here the pinned build under that name.
    pathDir = path.join(reportDir, 'bin');
    await mkdir(pathDir);
    await symlink(helmBinary(major), path.join(pathDir, 'helm'));
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await cluster?.close();
  }, 240_000);

  const imageArgs = () => ['--set', `image=${cluster.toolboxImage}`, '--set', 'pullPolicy=Never', '--set', `notifier.image=${cluster.toolboxImage}`, '--set', 'notifier.pullPolicy=Never'];
  const observe = (tag: string, helmArgs: string[], observeOptions: string[] = []): ResultPromise<{ reject: false; all: true }> =>
    execa(
      'node',
      [cli, 'observe', ...observeOptions, '--report-dir', reportDir, '--junit', path.join(reportDir, `${tag}.xml`), '--html', path.join(reportDir, `${tag}.html`), '--', 'helm', ...helmArgs, '--kubeconfig', cluster.kubeconfig, '-n', cluster.namespace],
      { reject: false, all: true, env: { PATH: `${pathDir}:${process.env.PATH ?? ''}`, NO_COLOR: '1' }, cwd: charts },
    );
  const report = async (rel: string) => JSON.parse(await readFile(path.join(reportDir, `observe-${rel}-helm${major}.json`), 'utf8')) as Report;

  test('install: every kind of hook is recognised by its annotations, in weight order, and the exit code is Helm\'s', async () => {
    const result = await observe('install', ['install', release, './community-hooks', ...imageArgs()]);
    expect(result.exitCode).toBe(0);
    // Live on the terminal while Helm ran.
    expect(result.all).toContain(`Job ${release}-migrate created (pre-install,pre-upgrade, weight 0)`);
    expect(result.all).toMatch(new RegExp(`Job ${release}-migrate deleted \\(delete policy before-hook-creation,hook-succeeded\\)`));
    const r = await report(release);
    expect(r).toMatchObject({ release, namespace: cluster.namespace, outcome: 'passed', scenario: { seedStep: 'observe' } });
    expect(validateReport(r) ? '' : ajv.errorsText(validateReport.errors)).toBe('');

    const hooks: [string, string, number][] = [
      ['ConfigMap', `${release}-migrate-settings`, -20],
      ['Secret', `${release}-migrate-credentials`, -15],
      ['ServiceAccount', `${release}-migrate`, -10],
      ['Role', `${release}-migrate`, -10],
      ['RoleBinding', `${release}-migrate`, -5],
      ['Job', `${release}-migrate`, 0],
      ['Pod', `${release}-smoke`, 5],
      ['Job', `${release}-notify`, 10], // from the subchart
    ];
    for (const [kind, name, weight] of hooks) {
      expect(created(r, kind, name)).toMatchObject({ hook: name, weight });
      expect(outcomeOf(r, kind, name)).toEqual(['succeeded']);
    }
    // Helm waits for each Job and Pod hook before the next weight; the pre-install objects are created
    // within milliseconds of each other, too close to order by what separate watches saw.
    const at = (kind: string, name: string) => created(r, kind, name)!.at;
    const preInstall = hooks.slice(0, 6).map(([kind, name]) => at(kind, name));
    expect(preInstall.every((t) => t < at('Pod', `${release}-smoke`))).toBe(true);
    expect(at('Pod', `${release}-smoke`) < at('Job', `${release}-notify`)).toBe(true);
    // hook-succeeded removed the migration Job; its log was saved before that.
    expect(r.timeline.some((e) => e.kind === 'Job' && e.name === `${release}-migrate` && e.what === 'deleted')).toBe(true);
    expect(r.hookLogs.find((l) => l.hook === `${release}-migrate`)).toMatchObject({ exitCode: 0, log: expect.stringContaining('migration done') });
    // History before (none: a first install) and after.
    expect(r.commands[0]).toMatchObject({ args: expect.arrayContaining(['history', release]), exitCode: 1 });
    expect(r.history?.json.map((h) => [h.revision, h.status])).toEqual([[1, 'deployed']]);
    const junit = await readFile(path.join(reportDir, 'install.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="demo-hooks observe"[^>]* tests="1" failures="0"/);
    // The Secret hook was seen, and its data went nowhere: not the terminal, JSON, JUnit or HTML.
    const written = [result.all, JSON.stringify(r), junit, await readFile(path.join(reportDir, 'install.html'), 'utf8')];
    for (const text of written) expect(text).not.toContain(PASSWORD);
  }, 240_000);

  test('upgrade with a failing migration: exit 1 passed through, the failed hook\'s log and Helm\'s error in JUnit, history before and after', async () => {
    const result = await observe('upgrade', ['upgrade', release, './community-hooks', ...imageArgs(), '--set', 'migration.fail=true']);
    expect(result.exitCode).toBe(1);
    // Live: the migration's pod started, then failed with its exit code, and the Job with it.
    expect(result.all).toMatch(new RegExp(`Pod ${release}-migrate-\\S+ started`));
    expect(result.all).toMatch(new RegExp(`Pod ${release}-migrate-\\S+ failed exit 1`));
    expect(result.all).toMatch(new RegExp(`Job ${release}-migrate failed`));
    const r = await report(release);
    expect(r.outcome).toBe('failed');
    expect(outcomeOf(r, 'Job', `${release}-migrate`)).toEqual(['failed']);
    expect(r.hookLogs.find((l) => l.hook === `${release}-migrate` && l.exitCode === 1)?.log).toContain('column users.email already exists');
    // Before: revision 1 deployed (read by `helm history` before Helm ran); after: revision 2 failed.
    const before = r.commands.find((c) => c.args[0] === 'history');
    expect(JSON.parse(before!.stdout).map((h: { status: string }) => h.status)).toEqual(['deployed']);
    expect(r.history?.json.map((h) => [h.revision, h.status])).toEqual([[1, 'deployed'], [2, 'failed']]);
    expect(r.history?.json[1]?.description).toMatch(/pre-upgrade hooks failed/);
    const junit = await readFile(path.join(reportDir, 'upgrade.xml'), 'utf8');
    expect(junit).toMatch(/tests="1" failures="1"/);
    expect(junit).toContain('column users.email already exists');
    expect(junit).toMatch(/pre-upgrade hooks failed/);

    // The HTML report of this observed run, in the browser.
    const { page, requests } = await openReport(browser, path.join(reportDir, 'upgrade.html'));
    const drawn = await readDrawing(page);
    const expected = expectedHookObjects(r.timeline);
    expect(drawn.rows.map((x) => x.key).sort()).toEqual([...expected.keys()].sort());
    for (const row of drawn.rows) expect(row.outcomes.filter((o) => o === 'failed')).toHaveLength(expected.get(row.key)!.failed);
    expect(drawn.rows.find((x) => x.kind === 'Job' && x.name === `${release}-migrate`)?.outcomes).toEqual(['failed']);
    for (let i = 1; i < drawn.rows.length; i += 1) {
      const [a, b] = [drawn.rows[i - 1]!, drawn.rows[i]!];
      expect(a.weight! < b.weight! || (a.weight === b.weight && a.name <= b.name)).toBe(true);
    }
    expect(drawn.history).toEqual(r.history!.json.map((h) => [String(h.revision), h.status, expect.any(String), expect.any(String), h.description]));
    expect(requests).toEqual([]);
    expect(drawn.pageWidth).toBeLessThanOrEqual(1280);
    await screenshot(page, `observe-upgrade-helm${major}`);
  }, 240_000);

  test('helm test: the test pod is a hook of event "test"', async () => {
    const result = await observe('test', ['test', release]);
    expect(result.exitCode).toBe(0);
    const r = await report(release);
    expect(created(r, 'Pod', `${release}-test-connection`)).toMatchObject({ hookEvents: ['test'] });
    expect(outcomeOf(r, 'Pod', `${release}-test-connection`)).toEqual(['succeeded']);
    expect(r.hookLogs.find((l) => l.pod === `${release}-test-connection`)?.log).toContain('connection test');
  }, 240_000);

  test('--keep-going watches a hook that outlives Helm\'s --timeout to its end; without it the report stops soon after Helm', async () => {
    const slow = ['upgrade', release, './community-hooks', ...imageArgs(), '--set', 'migration.seconds=30', '--timeout', '10s'];
    const without = await observe('gave-up', slow);
    expect(without.exitCode).toBe(1);
    let r = await report(release);
    expect(r.history?.json.at(-1)?.status).toBe('failed');
    expect(lastRun(r, 'Job', `${release}-migrate`)).toEqual(['created', 'started']);

    // The same upgrade again: Helm deletes that Job (before-hook-creation), runs a new one and gives up on it too.
    const result = await observe('keep-going', slow, ['--keep-going']);
    expect(result.exitCode).toBe(1); // still Helm's
    r = await report(release);
    const upgrade = r.commands.find((c) => c.args[0] === 'upgrade')!;
    expect(upgrade.exitCode).toBe(1);
    const helmEnded = Date.parse(upgrade.startedAt) + upgrade.durationMs;
    expect(lastRun(r, 'Job', `${release}-migrate`)).toEqual(['created', 'started', 'succeeded']);
    const succeeded = r.timeline.filter((e) => e.kind === 'Job' && e.name === `${release}-migrate` && e.what === 'succeeded').at(-1)!;
    expect(Date.parse(succeeded.at)).toBeGreaterThan(helmEnded + 10_000);
    // Live, after Helm's exit; and Helm, gone, never applied hook-succeeded: the Job stays.
    const out = result.all;
    expect(out.indexOf('--keep-going: watching')).toBeGreaterThan(out.indexOf('helm exited 1'));
    expect(out.slice(out.indexOf('helm exited 1'))).toMatch(new RegExp(`Job ${release}-migrate succeeded`));
    await cluster.kubectlOk(['get', 'job', `${release}-migrate`]);
    expect(r.hookLogs.filter((l) => l.hook === `${release}-migrate` && l.exitCode === 0).at(-1)?.log).toContain('migration done');
  }, 240_000);

  test('install --generate-name of a hook whose image cannot be pulled: the reason is the pull, not an exit code', async () => {
    const result = await observe('unpullable', ['install', './unpullable-hook', '--generate-name', '--timeout', '90s']);
    expect(result.exitCode).toBe(1);
    const name = /^NAME:\s*(\S+)/m.exec(result.all)?.[1] ?? /observe-(unpullable-hook-\d+)-helm/.exec(result.all)?.[1];
    expect(name).toMatch(/^unpullable-hook-\d+$/);
    const r = await report(name!);
    expect(r.release).toBe(name);
    const job = `${name}-setup`;
    expect(outcomeOf(r, 'Job', job)).toEqual(['failed']);
    const pullWarnings = r.timeline.filter((e) => e.kind === 'Event' && e.hook === job && e.warning && /ErrImagePull|ImagePullBackOff|pull/i.test(`${e.reason} ${e.message}`));
    expect(pullWarnings.length).toBeGreaterThan(0);
    // The container never ran. When the Job's deadline ends the pod, the kubelet reports it
    // terminated with reason ContainerStatusUnknown (and a made-up 137): never an exit of the hook's program.
    const podFailures = r.timeline.filter((e) => e.hook === job && e.kind === 'Pod' && e.what === 'failed');
    for (const f of podFailures) expect(f.reason).toBe('ContainerStatusUnknown');
    expect(r.timeline.find((e) => e.kind === 'Job' && e.name === job && e.what === 'failed')?.reason).toBe('DeadlineExceeded');
    expect(r.hookLogs.filter((l) => l.hook === job && l.log.trim() !== '')).toEqual([]);
    const junit = await readFile(path.join(reportDir, 'unpullable.xml'), 'utf8');
    expect(junit).toMatch(/ErrImagePull|ImagePullBackOff/);
  }, 240_000);

  test('Ctrl-C stops Helm and still writes the reports (exit 130)', async () => {
    // Its own process group, as a terminal runs it; the Ctrl-C goes to the whole group.
    const child = execa(
      'node',
      [cli, 'observe', '--report-dir', reportDir, '--', 'helm', 'upgrade', release, './community-hooks', ...imageArgs(), '--set', 'migration.seconds=300', '--kubeconfig', cluster.kubeconfig, '-n', cluster.namespace],
      { reject: false, all: true, detached: true, stdin: 'ignore', env: { PATH: `${pathDir}:${process.env.PATH ?? ''}`, NO_COLOR: '1' }, cwd: charts },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the migration never started:\n${output}`)), 120_000);
      child.all?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (new RegExp(`Pod ${release}-migrate-\\S+ started`).test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    process.kill(-child.pid!, 'SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    const r = await report(release);
    expect(r.outcome).toBe('interrupted');
    expect(r.commands.find((c) => c.args[0] === 'upgrade')).toMatchObject({ killedBecause: expect.stringContaining('interrupted') });
    expect(r.timeline.some((e) => e.kind === 'Job' && e.name === `${release}-migrate` && e.what === 'created')).toBe(true);
    await readFile(path.join(reportDir, `observe-${release}-helm${major}.junit.xml`), 'utf8');
    await readFile(path.join(reportDir, `observe-${release}-helm${major}.html`), 'utf8');
  }, 240_000);

  test('rollback and uninstall: the release from their arguments, the history after, and the pre-delete hook', async () => {
    const rollback = await observe('rollback', ['rollback', release, '1']);
    expect(rollback.exitCode).toBe(0);
    let r = await report(release);
    expect(r.outcome).toBe('passed');
    expect(r.history?.json.at(-1)).toMatchObject({ status: 'deployed', description: 'Rollback to 1' });
    // The chart has no rollback hooks: nothing was made, whatever the namespace already held.
    expect(r.timeline.filter((e) => e.hook && e.what === 'created' && !e.existedBefore)).toEqual([]);

    const uninstall = await observe('uninstall', ['uninstall', release]);
    expect(uninstall.exitCode).toBe(0);
    expect(uninstall.all).toMatch(new RegExp(`Job ${release}-cleanup created \\(pre-delete, weight 0\\)`));
    r = await report(release);
    expect(created(r, 'Job', `${release}-cleanup`)).toMatchObject({ hookEvents: ['pre-delete'], deletePolicies: ['before-hook-creation', 'hook-succeeded'] });
    expect(lastRun(r, 'Job', `${release}-cleanup`)).toEqual(['created', 'started', 'succeeded', 'deleted']);
    expect(r.hookLogs.find((l) => l.hook === `${release}-cleanup`)?.log).toContain(`cleaning up after ${release}`);
    // History before: the release's revisions; after: none, the release is gone.
    expect(r.commands[0]).toMatchObject({ args: expect.arrayContaining(['history', release]), exitCode: 0 });
    expect(r.history).toBeNull();
    expect(r.historyError).toMatch(/release: not found/);
  }, 240_000);
});
