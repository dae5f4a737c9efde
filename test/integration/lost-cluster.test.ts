// The API server lost in the middle of a run, on the real local cluster: said live within seconds,
// and the run ends as an environment error (exit 3, JUnit <error>) at the grace period, not at
// the scenario's deadline; stopped and continued within the grace period, the run goes on and
// passes with the silence in its report; and after `make cluster`, the next run passes. Each case
// stops or kills the cluster's API server, so they run only when this test run owns the cluster
// (global-setup.js started it) or in CI, and the cluster is up again when they finish. The kubelet
// stopped while a hook runs is said with the node's condition, and stops the run past the grace period.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { clusterDir, repoRoot } from '../../harness/src/paths.js';
import { JsonReport } from '../../harness/src/report-contract.js';
import { readReportAs } from '../../harness/src/report/read.js';
import { clusterIsUp, cli, finished, lifecycleTest, make, owned, provider } from './local-cluster-support.js';

if (provider === 'local' && !owned) {
  process.stderr.write('lost-cluster: skipped, the cluster was up before this test run and these tests stop its API server (run `make cluster-down` first, or set CI=true)\n');
}

// Each case starts on a running cluster, whatever the one before left; so do the files after these.
const upAgain = async () => {
  if (provider === 'local' && owned && !(await clusterIsUp())) await make('cluster');
};
beforeEach(upAgain, 600_000);
afterAll(upAgain, 600_000);

const readReport = (file: string) => readReportAs(JsonReport, JSON.parse(readFileSync(file, 'utf8')), file);
const apiServerPid = () => Number(readFileSync(path.join(clusterDir, 'pids', 'kube-apiserver.pid'), 'utf8').trim());

/** `demo-hooks run pre-fail` as a CI runs it, with a callback once the upgrade's first hook exists. */
function runPreFail(reportDir: string, extra: string[], duringUpgrade: () => Promise<void>) {
  const child = execa('node', [cli, 'run', 'pre-fail', '--report-dir', reportDir, ...extra], { cwd: repoRoot, reject: false, all: true, stdin: 'ignore' });
  let output = '';
  let fired = false;
  const acted: Promise<void>[] = [];
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    // The pre-upgrade backup hook's Job: Helm is inside the upgrade, waiting on a hook.
    if (!fired && /Job \S*backup-2 created/.test(output)) {
      fired = true;
      acted.push(duringUpgrade());
    }
  });
  return {
    async result() {
      const r = await finished(child, 420_000);
      await Promise.all(acted);
      if (!fired) throw new Error(`the upgrade's backup hook never showed:\n${output}`);
      // Lines are fitted to the terminal's width: matched with each run of white space as one space.
      return { exitCode: r.exitCode, output: output.replace(/\s+/g, ' ') };
    },
  };
}

lifecycleTest('the API server killed mid-upgrade: said live, then exit 3 at the grace period, with the gaps and a JUnit <error>', async () => {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'dh-lost-'));
  const run = runPreFail(reportDir, ['--lost-cluster-grace', '15'], async () => {
    process.kill(apiServerPid(), 'SIGKILL');
  });
  const { exitCode, output } = await run.result();

  expect(exitCode).toBe(3);
  const live = output.search(/⚠ the API server \S+ has not answered since \d\d:\d\d:\d\d: .{0,40}ECONNREFUSED/);
  const result = output.search(/Result: ENVIRONMENT/);
  expect(live).toBeGreaterThan(-1);
  // Said while the run still ran, not found out in its report.
  expect(live).toBeLessThan(result);
  expect(output).toMatch(/the cluster stopped answering: this is an environment error, not a verdict on Helm/);

  const report = readReport(path.join(reportDir, 'pre-fail-helm3.json'));
  expect(report.outcome).toBe('environment');
  expect(report.reason).toMatch(/did not answer for 15s .*stopped during "helm upgrade/);
  // Ended at the grace period, not at the scenario's deadline.
  expect(report.durationMs).toBeLessThan(report.deadlineSeconds * 1000);
  expect(report.apiOutages).toEqual([expect.objectContaining({ said: true, lastError: expect.stringMatching(/ECONNREFUSED/) })]);
  expect(report.apiOutages[0]?.to).toBeUndefined();
  expect(report.observerGaps.map((g) => g.watch).sort()).toEqual(['Event', 'Job', 'Pod']);
  // What Helm printed once it was killed is not judged: no assertion failed.
  expect(report.assertions.filter((a) => !a.passed)).toEqual([]);
  expect(report.namespaceFate).toMatchObject({ kept: true, why: expect.stringMatching(/the cluster stopped answering/) });

  const junit = readFileSync(path.join(reportDir, 'junit.xml'), 'utf8');
  expect(junit).toMatch(/<error message="the API server \S+ did not answer for 15s/);
  expect(junit).not.toMatch(/<failure/);

  // `make cluster` brings it back, and the next run passes.
  const up = await make('cluster');
  expect(up.exitCode).toBe(0);
  const next = await finished(execa('node', [cli, 'run', 'pre-fail', '--report-dir', reportDir], { cwd: repoRoot, reject: false, all: true, stdin: 'ignore' }), 420_000);
  if (next.exitCode !== 0) throw new Error(`the run after make cluster did not pass:\n${next.all}`);
}, 1_200_000);

lifecycleTest('the API server stopped and continued within the grace period: said live and again, and the run passes', async () => {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'dh-stopped-'));
  const run = runPreFail(reportDir, [], async () => {
    const pid = apiServerPid();
    process.kill(pid, 'SIGSTOP');
    try {
      // Past the 5 s after which a silence is said, well inside the 30 s grace period.
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });
  const { exitCode, output } = await run.result();

  if (exitCode !== 0) throw new Error(`the run did not pass:\n${output}`);
  expect(output).toMatch(/⚠ the API server \S+ has not answered since \d\d:\d\d:\d\d: no answer within 2s/);
  expect(output).toMatch(/the API server \S+ answers again \(silent from \d\d:\d\d:\d\d to \d\d:\d\d:\d\d\)/);
  const report = readReport(path.join(reportDir, 'pre-fail-helm3.json'));
  expect(report.outcome).toBe('passed');
  expect(report.apiOutages).toEqual([expect.objectContaining({ said: true, to: expect.any(String), lastError: expect.stringMatching(/no answer within 2s/) })]);
  expect(output).toMatch(/API server silences \S+ did not answer \+[\d.]+s to \+[\d.]+s: no answer within 2s/);
}, 600_000);

lifecycleTest('the kubelet stopped while a hook runs: the node’s condition said live, and exit 3 past the grace period', async () => {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'dh-kubelet-'));
  // The backup hook sleeps long enough for the node lifecycle controller to mark the node (its
  // --node-monitor-grace-period, 40 s by default) while Helm waits on the hook.
  const slowBackup = path.join(reportDir, 'slow-backup.yaml');
  writeFileSync(slowBackup, 'hooks:\n  backup:\n    sleepSeconds: 150\n');
  const kubelet = Number(readFileSync(path.join(clusterDir, 'pids', 'kubelet.pid'), 'utf8').trim());
  let stopped = false;
  const run = runPreFail(reportDir, ['--values', slowBackup, '--lost-cluster-grace', '10'], async () => {
    process.kill(kubelet, 'SIGSTOP');
    stopped = true;
  });
  let result;
  try {
    result = await run.result();
  } finally {
    if (stopped) process.kill(kubelet, 'SIGCONT');
  }
  const { exitCode, output } = result;

  expect(exitCode).toBe(3);
  const live = output.search(/⚠ node \S+ is not Ready \(Unknown, NodeStatusUnknown: Kubelet stopped posting node status\.\); it runs [^;]*backup-2-/);
  expect(live).toBeGreaterThan(-1);
  expect(live).toBeLessThan(output.search(/Result: ENVIRONMENT/));
  const report = readReport(path.join(reportDir, 'pre-fail-helm3.json'));
  expect(report.outcome).toBe('environment');
  expect(report.reason).toMatch(/node \S+ is not Ready \(Unknown, NodeStatusUnknown: .*past the grace period; it runs .*stopped during "helm upgrade/);
  expect(report.assertions.filter((a) => !a.passed)).toEqual([]);
  // The run kept its namespace for inspection; this test has looked, and removes it.
  await execa('node', [cli, 'clean', report.namespace], { cwd: repoRoot, reject: false });
}, 600_000);
