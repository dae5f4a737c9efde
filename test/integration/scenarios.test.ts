// Every scenario, on Helm 3 and on Helm 4, on the real cluster: the scenario's assertions are the
// lab's expected outcome, so a scenario that does not pass is a failing test. Each run writes its
// JSON report under reports/ and JUnit XML for the suite, as `make scenarios` does.
import path from 'node:path';
import { execa } from 'execa';
import { allScenarios } from '../../scenarios/index.js';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { connectKube } from '../../harness/src/kube/client.js';
import { defaultReportDir, repoRoot } from '../../harness/src/paths.js';
import { renderRun } from '../../harness/src/report/terminal.js';
import { failedAssertions, type ScenarioRunResult } from '../../harness/src/report/model.js';
import { runSuite } from '../../harness/src/scenario/suite.js';
import { helmBinary, kubectlBinary, type HelmMajor } from '../../harness/src/tools.js';

const majors: HelmMajor[] = [3, 4];
// Six at a time: runs spend much of their time waiting on Kubernetes (a container's start and end,
// the Job controller's batching), not computing. On two cores, 2026-12-02, all 52 runs took 553 s
// and 632 s at six (17-27 % idle), and 845 s at four, each run barely shorter (bench/RESULTS.md, "The suite").
const parallel = Number(process.env.SCENARIO_PARALLEL ?? 6);

const reportDir = path.join(defaultReportDir, 'test');
let results: ScenarioRunResult[] = [];
const output: string[] = [];

beforeAll(async () => {
  const provider = await selectProvider();
  results = await runSuite({
    scenarios: allScenarios,
    helms: majors.map((major) => ({ major, binary: helmBinary(major) })),
    kubectl: kubectlBinary(),
    kube: connectKube(provider.kubeconfigPath()),
    provider,
    parallel,
    keep: false,
    // Off each run's critical path, and still proven: the suite ends only when every namespace is gone.
    namespaceCleanup: 'background-then-check',
    reportDir,
    interrupt: new AbortController().signal,
    print: (text) => output.push(text),
  });
}, 60 * 60 * 1000);

describe.each(allScenarios.map((s) => [s.name]))('scenario %s', (name) => {
  test.each(majors)(`passes on Helm %i`, (major) => {
    const run = results.find((r) => r.scenario.name === name && r.helm.major === major);
    expect(run).toBeDefined();
    if (run!.outcome !== 'passed') {
      // The whole report, as an attendee would read it, is the failure message.
      throw new Error(`${name} on Helm ${major}: ${run!.outcome}\n${renderRun(run!)}`);
    }
    expect(failedAssertions(run!)).toEqual([]);
  });
});

// The labs' expected-output blocks were generated from scenario reports; this run's reports must
// say the same, or a guide is telling attendees something the cluster no longer does.
test('the labs agree with what this run observed', async () => {
  const check = await execa('node', ['--import', 'tsx', 'labs/render.ts', '--check', '--reports', reportDir], {
    cwd: repoRoot,
    reject: false,
    all: true,
  });
  if (check.exitCode !== 0) throw new Error(`labs/render.ts --check found differences:\n${check.all}`);
  expect(check.all).toMatch(/all \d+ blocks of the guides agree with reports/);
}, 120_000);
