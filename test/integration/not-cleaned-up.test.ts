// A run that passes but whose namespace cannot be removed, on the real cluster: a ConfigMap with
// a finalizer nobody will clear holds the namespace in Terminating. The run is "not cleaned up",
// not "passed", and its report says what was left and why.
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { connectKube, type Kube } from '../../harness/src/kube/client.js';
import { waitForNamespaceGone } from '../../harness/src/kube/namespaces.js';
import { chartDir, relativeToRepo } from '../../harness/src/paths.js';
import { renderJUnit } from '../../harness/src/report/junit.js';
import type { ScenarioRunResult } from '../../harness/src/report/model.js';
import { renderRun } from '../../harness/src/report/terminal.js';
import { defineScenario, type Step } from '../../harness/src/scenario/dsl.js';
import { runScenario } from '../../harness/src/scenario/runner.js';
import { helmBinary, kubectlBinary } from '../../harness/src/tools.js';

const FINALIZER = 'demo-hooks.dev/test-hold';
const HELD = 'held-by-a-finalizer';
let kube: Kube;
let run: ScenarioRunResult;

const leaveSomethingThatCannotBeDeleted = (): Step => ({
  title: 'create a ConfigMap with a finalizer nobody clears',
  async run(ctx) {
    await ctx.kube.core.createNamespacedConfigMap({ namespace: ctx.namespace, body: { metadata: { name: HELD, finalizers: [FINALIZER] }, data: { why: 'holds the namespace in Terminating' } } });
  },
});

beforeAll(async () => {
  const provider = await selectProvider();
  kube = connectKube(provider.kubeconfigPath());
  run = await runScenario(
    defineScenario({ name: 'held-namespace', title: 'A namespace that cannot be removed', seedStep: '-', description: '-', steps: [leaveSomethingThatCannotBeDeleted()] }),
    {
      helmMajor: 3,
      helmBinary: helmBinary(3),
      kubectl: kubectlBinary(),
      kube,
      chart: relativeToRepo(chartDir),
      valuesFiles: [],
      keep: false,
      namespaceGoneTimeoutMs: 10_000,
      interrupt: new AbortController().signal,
      progress: () => {},
    },
  );
}, 120_000);

afterAll(async () => {
  if (!run) return;
  // Let the namespace go: clear the finalizer, then wait for the deletion already under way.
  await kube.core.patchNamespacedConfigMap({ namespace: run.namespace, name: HELD, body: [{ op: 'remove', path: '/metadata/finalizers' }] }).catch(() => undefined);
  await waitForNamespaceGone(kube, run.namespace, 120_000);
}, 150_000);

test('every step passed, but the run is "not cleaned up", not "passed"', () => {
  expect(run.steps.map((s) => s.outcome)).toEqual(['passed']);
  expect(run.outcome).toBe('not cleaned up');
  expect(run.reason).toMatch(new RegExp(`^every step passed, but namespace ${run.namespace} was not removed: timed out after 10s waiting for namespace ${run.namespace} to be deleted`));
});

test('the report lists what was left and what holds it', () => {
  expect(run.namespaceFate).toMatchObject({ kept: true, why: 'deleting it failed' });
  expect(run.namespaceFate.leftBehind).toEqual(expect.arrayContaining([`namespace/${run.namespace} (Terminating)`, expect.stringMatching(new RegExp(`^NamespaceFinalizersRemaining: .*${FINALIZER}`))]));
  expect(renderRun(run)).toContain('Left behind:');
});

test('JUnit shows it as a failed testcase, not a green suite', () => {
  expect(renderJUnit([run])).toMatch(new RegExp(`name="remove namespace ${run.namespace}">\\s*<failure message="namespace not removed: timed out`));
});
