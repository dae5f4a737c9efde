// `demo-hooks clean` in one terminal while a scenario runs in another: the live run's namespace
// survives and the run passes; namespaces whose run is over (ended, or whose lease expired) go.
//
// Other scenario runs may share this cluster, so clean is only ever given the names of namespaces
// this test made or started: a bare `clean` here could delete someone else's run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { connectKube, isNotFound, type Kube } from '../../harness/src/kube/client.js';
import { annotation } from '../../harness/src/kube/labels.js';
import { createRunNamespace, deleteNamespace, waitForNamespaceGone } from '../../harness/src/kube/namespaces.js';
import { runState } from '../../harness/src/kube/run-state.js';
import { waitFor } from '../../harness/src/kube/wait.js';
import { watchPaths } from '../../harness/src/kube/watch.js';
import { repoRoot } from '../../harness/src/paths.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
const id = Math.random().toString(36).slice(2, 8);
const ended = `dh-test-clean-ended-${id}`;
const expired = `dh-test-clean-expired-${id}`;
const abandoned = `dh-test-clean-live-${id}`;
const ours = [ended, expired, abandoned];

let kube: Kube;
let reportDir: string;
beforeAll(async () => {
  kube = connectKube((await selectProvider()).kubeconfigPath());
  reportDir = mkdtempSync(path.join(os.tmpdir(), 'dh-clean-'));
  const inAnHour = new Date(Date.now() + 60 * 60_000).toISOString();
  await createRunNamespace(kube, { name: ended, runId: `e${id}`, scenario: 'test-clean' });
  await createRunNamespace(kube, { name: expired, runId: `x${id}`, scenario: 'test-clean', annotations: { [annotation.aliveUntil]: '2020-01-01T00:00:00Z' } });
  // A lease that holds for an hour but that nobody renews: only --force takes it.
  await createRunNamespace(kube, { name: abandoned, runId: `l${id}`, scenario: 'test-clean', annotations: { [annotation.aliveUntil]: inAnHour, [annotation.runBy]: 'nobody pid 0' } });
}, 60_000);
afterAll(async () => {
  await Promise.all(ours.map(async (name) => {
    await deleteNamespace(kube, name);
    await waitForNamespaceGone(kube, name, 120_000);
  }));
  rmSync(reportDir, { recursive: true, force: true });
}, 180_000);

async function exists(name: string): Promise<{ exists: boolean; phase?: string; aliveUntil?: string }> {
  try {
    const ns = await kube.core.readNamespace({ name });
    return { exists: true, ...(ns.status?.phase ? { phase: ns.status.phase } : {}), ...(ns.metadata?.annotations?.[annotation.aliveUntil] ? { aliveUntil: ns.metadata.annotations[annotation.aliveUntil] } : {}) };
  } catch (err) {
    if (isNotFound(err)) return { exists: false };
    throw err;
  }
}

const clean = (args: string[]) => execa('node', [cli, 'clean', ...args], { reject: false, all: true });

test('clean skips a live run (which still passes) and removes runs that are over', async () => {
  // A run that outlasts the lease's first renewal (15 s) and the clean after it by far: weights
  // installs with every hook and upgrades three times. pre-fail, once used here, now ends first.
  const run = execa('node', [cli, 'run', 'weights', '--helm', '3', '--report-dir', reportDir], { reject: false, all: true });
  let output = '';
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the run never reached helm install:\n${output}`)), 120_000);
    run.all?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const namespace = /namespace (dh-weights-h3-[a-z0-9]+)/.exec(output)?.[1];
      if (namespace && /▶ helm install/.test(output)) {
        clearTimeout(timer);
        resolve(namespace);
      }
    });
  });
  const live = await started;

  // The run renews its lease while it runs: wait for the first renewal, so clean judges a lease
  // that has been kept alive, not only the one the namespace was created with.
  const first = (await exists(live)).aliveUntil;
  expect(first).toBeDefined();
  await waitFor(kube, {
    waitingFor: `the run to renew the lease on ${live}`,
    triggers: [{ path: watchPaths.namespaces(), fieldSelector: `metadata.name=${live}` }],
    timeoutMs: 60_000,
    check: async () => {
      const now = (await exists(live)).aliveUntil;
      return now && now !== first ? { done: true, value: now } : { done: false, seen: now ?? 'no lease' };
    },
  });

  const during = await clean([live, ended, expired]);
  expect(during.exitCode).toBe(0);
  expect(during.stdout).toMatch(new RegExp(`^skipping namespace ${live}: its run is alive \\(${os.hostname()} pid \\d+\\) until \\S+ \\(--force deletes it anyway\\)$`, 'm'));
  expect(during.stdout).toContain(`deleting namespace ${ended} (scenario test-clean): its run ended`);
  expect(during.stdout).toContain(`deleting namespace ${expired} (scenario test-clean): its run stopped renewing its lease (expired 2020-01-01T00:00:00.000Z)`);
  expect(during.stdout).toContain('2 namespace(s) deleted');
  // clean waits until what it deletes is gone, and leaves the live run's namespace as it was.
  expect(await exists(ended)).toEqual({ exists: false });
  expect(await exists(expired)).toEqual({ exists: false });
  expect(await exists(live)).toMatchObject({ exists: true, phase: 'Active' });

  const result = await run;
  expect({ exitCode: result.exitCode, tail: result.exitCode === 0 ? '' : result.all?.slice(-3000) }).toEqual({ exitCode: 0, tail: '' });
  const report = JSON.parse(readFileSync(path.join(reportDir, 'weights-helm3.json'), 'utf8')) as { outcome: string; namespaceFate: { kept: boolean } };
  expect(report).toMatchObject({ outcome: 'passed', namespaceFate: { kept: false } });
}, 600_000);

test('a run that ends keeps no lease on the namespace it keeps', async () => {
  // --keep: the run passes and keeps its namespace; once the run is over, clean may take it.
  const run = await execa('node', [cli, 'run', 'dry-run', '--helm', '3', '--keep', '--report-dir', reportDir], { reject: false, all: true });
  const kept = /namespace (dh-dry-run-h3-[a-z0-9]+)/.exec(run.all ?? '')?.[1];
  expect(kept).toBeDefined();
  ours.push(kept!);
  expect(run.exitCode).toBe(0);
  const ns = await kube.core.readNamespace({ name: kept! });
  expect(runState(ns.metadata?.annotations, new Date())).toEqual({ alive: false, why: 'its run ended' });
  const after = await clean([kept!]);
  expect(after.exitCode).toBe(0);
  expect(after.stdout).toContain(`deleting namespace ${kept} (scenario dry-run): its run ended`);
  expect(await exists(kept!)).toEqual({ exists: false });
}, 300_000);

test('a lease nobody renews still holds until it expires, unless --force', async () => {
  const without = await clean([abandoned]);
  expect(without.exitCode).toBe(0);
  expect(without.stdout).toContain(`skipping namespace ${abandoned}: its run is alive (nobody pid 0)`);
  expect(without.stdout).toContain('nothing to clean: every run there is still alive');
  expect((await exists(abandoned)).exists).toBe(true);

  const forced = await clean(['--force', abandoned]);
  expect(forced.exitCode).toBe(0);
  expect(forced.stdout).toContain(`deleting namespace ${abandoned} (scenario test-clean): its run is alive, but --force was given`);
  expect(await exists(abandoned)).toEqual({ exists: false });
}, 300_000);

test('a name the harness did not make is refused, and nothing is deleted', async () => {
  const r = await clean(['kube-system']);
  expect(r.exitCode).toBe(2);
  expect(r.stderr.split('\n')[0]).toBe('demo-hooks: "kube-system" is not a namespace the harness made; clean deletes only namespaces labelled app.kubernetes.io/managed-by=demo-hooks-harness');
  expect((await kube.core.readNamespace({ name: 'kube-system' })).status?.phase).toBe('Active');
}, 60_000);
