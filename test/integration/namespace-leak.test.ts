// Passed runs delete their namespace in the background; the proof that nothing leaked comes later,
// at the end of the suite or at the next run. Here one run leaks on purpose, on the real cluster: a
// ConfigMap with a finalizer nobody clears holds its own namespace in Terminating. Its neighbour,
// a run that leaves nothing, shows the check does not cry wolf.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { connectKube, type Kube } from '../../harness/src/kube/client.js';
import { findLeakedNamespaces } from '../../harness/src/kube/namespace-leaks.js';
import { waitForNamespaceGone } from '../../harness/src/kube/namespaces.js';
import type { ScenarioRunResult } from '../../harness/src/report/model.js';
import { renderJUnit } from '../../harness/src/report/junit.js';
import { defineScenario, type Step } from '../../harness/src/scenario/dsl.js';
import { runSuite } from '../../harness/src/scenario/suite.js';
import { helmBinary, kubectlBinary } from '../../harness/src/tools.js';
import { scratchDir } from '../support/scratch-dir.js';

const FINALIZER = 'demo-hooks.dev/test-leak';
const HELD = 'leaked-on-purpose';
const reportDir = scratchDir('dh-leak-');
let kube: Kube;
let runs: ScenarioRunResult[] = [];
const output: string[] = [];

const holdTheNamespace = (): Step => ({
  title: 'create a ConfigMap with a finalizer nobody clears',
  async run(ctx) {
    await ctx.kube.core.createNamespacedConfigMap({ namespace: ctx.namespace, body: { metadata: { name: HELD, finalizers: [FINALIZER] }, data: { why: 'holds the namespace in Terminating' } } });
  },
});
const doNothing = (): Step => ({ title: 'leave nothing behind', async run() {} });

const leaking = () => runs.find((r) => r.scenario.name === 'leaks-its-namespace') as ScenarioRunResult;
const clean = () => runs.find((r) => r.scenario.name === 'leaves-nothing') as ScenarioRunResult;

beforeAll(async () => {
  const provider = await selectProvider();
  kube = connectKube(provider.kubeconfigPath());
  runs = await runSuite({
    scenarios: [
      defineScenario({ name: 'leaks-its-namespace', title: 'A run whose namespace never goes', seedStep: '-', description: '-', steps: [holdTheNamespace()] }),
      defineScenario({ name: 'leaves-nothing', title: 'A run that leaves nothing', seedStep: '-', description: '-', steps: [doNothing()] }),
    ],
    helms: [{ major: 3, binary: helmBinary(3) }],
    kubectl: kubectlBinary(),
    kube,
    provider,
    parallel: 2,
    keep: false,
    namespaceCleanup: 'background-then-check',
    namespaceGoneTimeoutMs: 20_000,
    reportDir,
    interrupt: new AbortController().signal,
    print: (text) => output.push(text),
  });
}, 180_000);

afterAll(async () => {
  const run = leaking();
  if (!run) return;
  // Let it go: clear the finalizer, then wait for the deletion already under way.
  await kube.core.patchNamespacedConfigMap({ namespace: run.namespace, name: HELD, body: [{ op: 'remove', path: '/metadata/finalizers' }] }).catch(() => undefined);
  await waitForNamespaceGone(kube, run.namespace, 120_000);
}, 150_000);

test('both runs passed their steps and started deleting without waiting', () => {
  expect(runs.map((r) => [r.scenario.name, r.steps.map((s) => s.outcome)])).toEqual([
    ['leaks-its-namespace', ['passed']],
    ['leaves-nothing', ['passed']],
  ]);
  expect(clean().namespaceFate).toEqual({ kept: false, why: 'run passed: deletion started in the background', inBackground: true });
  expect(clean().namespaceDeletionMs).toBeUndefined();
});

test('the suite end finds the leak: the run is "not cleaned up", named loudly, with what holds it', () => {
  const run = leaking();
  expect(run.outcome).toBe('not cleaned up');
  expect(run.reason).toMatch(new RegExp(`^every step passed, but namespace ${run.namespace} was not removed: timed out after 20s waiting for namespace ${run.namespace} to be deleted`));
  expect(run.namespaceFate).toMatchObject({ kept: true, why: 'deleting it in the background did not finish' });
  expect(run.namespaceFate.leftBehind).toEqual(expect.arrayContaining([`namespace/${run.namespace} (Terminating)`, expect.stringMatching(new RegExp(`^NamespaceFinalizersRemaining: .*${FINALIZER}`))]));
  expect(output.join('\n')).toContain(`LEAKED: namespace ${run.namespace} (leaks-its-namespace, Helm 3)`);
  expect(renderJUnit(runs)).toMatch(new RegExp(`name="remove namespace ${run.namespace}">\\s*<failure message="namespace not removed: timed out`));
  // The report on disk was written again with the verdict, not left saying "passed".
  const report = JSON.parse(readFileSync(path.join(reportDir, 'leaks-its-namespace-helm3.json'), 'utf8')) as { outcome: string };
  expect(report.outcome).toBe('not cleaned up');
});

test('the run that left nothing passed, and its namespace is gone', async () => {
  expect(clean().outcome).toBe('passed');
  expect(output.join('\n')).not.toContain(`LEAKED: namespace ${clean().namespace}`);
  const gone = await kube.core.readNamespace({ name: clean().namespace }).then(() => false, (err: { code?: number }) => err.code === 404);
  expect(gone).toBe(true);
});

test('the next run finds it too: a harness namespace still there after its deletion began', async () => {
  const leaks = await findLeakedNamespaces(kube, { now: new Date(), graceMs: 5_000 });
  const ours = leaks.find((l) => l.namespace === leaking().namespace);
  expect(ours?.why).toMatch(/^its deletion began at \S+ \(\d+s ago\) and it is still there$/);
  expect(ours?.leftBehind).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^NamespaceFinalizersRemaining: .*${FINALIZER}`))]));
  expect(leaks.map((l) => l.namespace)).not.toContain(clean().namespace);
  // Within its grace period a namespace being deleted is not a leak yet.
  const early = await findLeakedNamespaces(kube, { now: new Date(), graceMs: 10 * 60_000 });
  expect(early.map((l) => l.namespace)).not.toContain(leaking().namespace);
});
