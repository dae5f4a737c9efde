// The observer cut off from the API server in the middle of a scenario, on the real cluster: the
// upgrade's hooks run while it sees nothing, and the hook assertions refuse to pass — the
// negative one ("no hook ran", which a blind observer would otherwise confirm) and the positive
// one — even after the connection is back and the missed changes have been replayed.
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { connectKube, type Kube } from '../../harness/src/kube/client.js';
import { deleteNamespace, waitForNamespaceGone } from '../../harness/src/kube/namespaces.js';
import { chartDir, defaultReportDir, relativeToRepo } from '../../harness/src/paths.js';
import { writeRunReport } from '../../harness/src/report/files.js';
import type { ScenarioRunResult } from '../../harness/src/report/model.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { repoRoot } from '../../harness/src/paths.js';
import { toJsonReport } from '../../harness/src/report/json.js';
import { renderRun } from '../../harness/src/report/terminal.js';
import { defineScenario, expectHookRan, expectNoHookRan, install, upgrade, type Step } from '../../harness/src/scenario/dsl.js';
import { NamespaceObserver } from '../../harness/src/observe/observer.js';
import { runScenario } from '../../harness/src/scenario/runner.js';
import { helmBinary, kubectlBinary } from '../../harness/src/tools.js';
import { apiServerAddress, kubeThroughProxy, startCuttableProxy, type CuttableProxy } from './cuttable-proxy.js';

let proxy: CuttableProxy;
let direct: Kube;
let run: ScenarioRunResult;

const cutTheObserverOff = (): Step => ({ title: 'cut the observer off the API server', run: async () => proxy.cut() });
const reconnectTheObserver = (): Step => ({ title: 'let the observer reconnect', run: async () => proxy.restore() });

const observerCut = defineScenario({
  name: 'observer-cut',
  title: 'Hooks run while the observer is cut off: the hook assertions refuse to pass',
  seedStep: '-',
  description: 'A pre-upgrade migration fails while the observer cannot reach the API server.',
  deadlineSeconds: 300,
  steps: [
    install(),
    cutTheObserverOff(),
    upgrade({ set: { 'hooks.migration.fail': true }, expectFailure: true, errorMatches: /pre-upgrade hooks failed/ }),
    expectNoHookRan(),
    expectHookRan('migration', { outcome: 'failed' }),
    reconnectTheObserver(),
    expectHookRan('migration', { outcome: 'failed' }),
  ],
});

beforeAll(async () => {
  const provider = await selectProvider();
  direct = connectKube(provider.kubeconfigPath());
  proxy = await startCuttableProxy(apiServerAddress(direct));
  run = await runScenario(observerCut, {
    helmMajor: 3,
    helmBinary: helmBinary(3),
    kubectl: kubectlBinary(),
    kube: kubeThroughProxy(direct, proxy.port),
    chart: relativeToRepo(chartDir),
    valuesFiles: provider.chartValuesFiles().map((f) => relativeToRepo(f)),
    keep: false,
    interrupt: new AbortController().signal,
    progress: () => {},
  });
  // Beside the scenario tests' reports, for a person who wants to read what the refusals said.
  await writeRunReport(path.join(defaultReportDir, 'test'), run);
}, 400_000);

afterAll(async () => {
  await proxy?.close();
  // A run with refused assertions keeps its namespace for inspection; this one is the test's own.
  if (run) {
    await deleteNamespace(direct, run.namespace);
    await waitForNamespaceGone(direct, run.namespace, 180_000);
  }
}, 200_000);

const assertionsOf = (title: string) => run.steps.filter((s) => s.title === title).flatMap((s) => s.assertions);

test('Helm ran the hooks while the observer was cut off: the migration failed the upgrade', () => {
  const upgradeStep = run.steps.find((s) => s.title.startsWith('helm upgrade'));
  if (upgradeStep?.outcome !== 'passed') throw new Error(`the upgrade did not fail as planned:\n${renderRun(run)}`);
});

test('"no hook ran" refuses to pass: the observer was blind', () => {
  const [noHook] = assertionsOf('expect no hook to have run');
  expect(noHook?.passed).toBe(false);
  expect(noHook?.actual).toMatch(/^the observer's (Job|Pod) watch was blind from \S+ to \S+ \(.*\): cannot prove no hook ran$/);
});

test('"hook migration ran and failed" refuses to pass while blind, and after reconnecting', () => {
  const runs = assertionsOf('expect hook migration to have run and failed');
  expect(runs).toHaveLength(2);
  for (const a of runs) {
    expect(a.passed).toBe(false);
    expect(a.actual).toMatch(/watch was blind from .*: cannot prove hook migration ran and failed$/);
  }
});

test('the gaps are in the report with start and end, and the informer resumed after them', () => {
  expect(run.outcome).toBe('failed');
  const jobGaps = run.observerGaps.filter((g) => g.watch === 'Job');
  expect(jobGaps.length).toBeGreaterThan(0);
  for (const g of jobGaps) {
    expect(Date.parse(g.to ?? '')).toBeGreaterThan(Date.parse(g.from));
    expect(g.closedBy).toBeDefined();
  }
  // Resumed from its resourceVersion, the Job watch delivered what happened while it was cut off.
  expect(run.timeline.some((e) => e.kind === 'Job' && e.hook === 'migration' && e.what === 'failed')).toBe(true);
});

test('its JSON report, gaps included, keeps the published schema', () => {
  const schema = JSON.parse(readFileSync(path.join(repoRoot, 'harness', 'report.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(schema);
  const valid = validate(JSON.parse(JSON.stringify(toJsonReport(run))));
  expect(valid ? '' : ajv.errorsText(validate.errors)).toBe('');
});

test('an observer that cannot list and watch does not count as started', async () => {
  const unreachable = await startCuttableProxy(apiServerAddress(direct));
  unreachable.cut();
  try {
    const observer = new NamespaceObserver(kubeThroughProxy(direct, unreachable.port), run.namespace, 3000);
    await expect(observer.start()).rejects.toThrow(/^the observer could not start: could not list and watch \/apis\/batch\/v1\/namespaces\/\S+\/jobs within 3s: /);
  } finally {
    await unreachable.close();
  }
}, 30_000);
