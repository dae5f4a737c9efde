// Rendering a finished run: the terminal report, the JSON report and JUnit XML.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JsonReport } from '../../../harness/src/report-contract.js';
import { writeJUnitReport, writeRunReport } from '../../../harness/src/report/files.js';
import { jsonReportFileName, toJsonReport } from '../../../harness/src/report/json.js';
import { readReportAs } from '../../../harness/src/report/read.js';
import { renderJUnit, wallTimeMs, xmlSafe } from '../../../harness/src/report/junit.js';
import { OBSERVE_MARK, outcomeAfterCleanup, suiteVerdict } from '../../../harness/src/report/model.js';
import { collapseRepeatedWarnings, renderRun, renderSuiteSummary, timelineForPeople } from '../../../harness/src/report/terminal.js';
import { historyStdout, preFailRun } from './fixtures/run-result.js';

describe('terminal report', () => {
  const text = renderRun(preFailRun());

  it('opens with the scenario, the Helm version and the outcome', () => {
    expect(text.split('\n')[0]).toBe('━━ pre-fail · Helm 3 (v3.22.0) ━━ PASSED');
    expect(text).toContain('proves seed 000 steps 1-4 · release and namespace dh-pre-fail-h3-abc123 · 64.2s');
  });

  it('lists steps with ✔, the Helm command run and Helm’s error', () => {
    expect(text).toContain('  ✔ helm upgrade --set hooks.migration.fail=true (expected to fail)  4.1s');
    expect(text).toContain('      $ helm3 upgrade dh-pre-fail-h3-abc123 charts/demo-hooks --kubeconfig .cluster/kubeconfig --namespace dh-pre-fail-h3-abc123 --reset-values --set hooks.migration.fail=true  → exit 1');
    expect(text).toContain('        Error: UPGRADE FAILED: pre-upgrade hooks failed: 1 error occurred:\n          * job dh-pre-fail-h3-abc123-demo-hooks-db-migration failed: BackoffLimitExceeded');
    expect(text).toContain('      ✔ helm upgrade error has /pre-upgrade hooks failed/');
  });

  it('shows the hook timeline relative to the first Helm command', () => {
    const timeline = text.slice(text.indexOf('Hook timeline'), text.indexOf('History'));
    expect(timeline).toMatch(/\+0\.1s\s+backup\s+Job\s+created/);
    expect(timeline).toMatch(/\+3\.5s\s+migration\s+Pod\s+failed \(exit 1, Error\)/);
    expect(timeline).toMatch(/\+3\.8s\s+migration\s+Warning\s+BackoffLimitExceeded: Job has reached the specified backoff limit/);
    expect(timeline).not.toContain('Pulled'); // Normal events stay in the JSON report
  });

  it('shows the history table, the pods and the failed hook’s log', () => {
    expect(text).toMatch(/REVISION\s+STATUS\s+CHART\s+APP VERSION\s+DESCRIPTION/);
    expect(text).toMatch(/2\s+failed\s+demo-hooks-0\.1\.0\s+1\.0\.0\s+Upgrade "dh-pre-fail-h3-abc123" failed: pre-upgrade hooks failed: 1 error occurred: \* job/);
    expect(text).toMatch(/dh-pre-fail-h3-abc123-demo-hooks-db-migration-y2\s+migration\s+Failed\s+no\s+1\s+Error/);
    expect(text).toContain('  ── migration · pod dh-pre-fail-h3-abc123-demo-hooks-db-migration-y2 · exit 1');
    expect(text).toContain('     demo-hooks: hook migration failing on purpose (hooks.migration.fail=true), exit 1');
    expect(text).not.toContain('Backup completed'); // only failed hooks' logs
  });

  it('ends with the tally and what happened to the namespace', () => {
    expect(text).toContain('Result: PASSED — 3 of 3 assertions passed');
    expect(text).toContain('Namespace dh-pre-fail-h3-abc123: run passed: removed');
  });

  it('a failed run shows expected, actual and diff, and how to inspect the kept namespace', () => {
    const run = preFailRun({
      outcome: 'failed',
      reason: '1 assertion(s) failed',
      namespaceFate: { kept: true, why: 'the run failed', inspect: ['kubectl --kubeconfig .cluster/kubeconfig -n dh-pre-fail-h3-abc123 get jobs,pods,pvc,events'] },
    });
    run.steps[1] = {
      ...run.steps[1]!,
      outcome: 'failed',
      assertions: [{ name: 'history: 1 superseded, 2 failed', passed: false, expected: 'rev 1  superseded', actual: 'rev 1  deployed', diff: '- rev 1  superseded\n+ rev 1  deployed' }],
    };
    const failed = renderRun(run);
    expect(failed).toContain('  ✘ expect history: 1 deployed, 2 failed');
    expect(failed).toContain('      ✘ history: 1 superseded, 2 failed\n          expected: rev 1  superseded\n          actual:   rev 1  deployed\n          - rev 1  superseded\n          + rev 1  deployed');
    expect(failed).toContain('Result: FAILED — 2 of 3 assertions passed; 1 assertion(s) failed');
    expect(failed).toContain('Namespace dh-pre-fail-h3-abc123 kept (the run failed). Look around with:\n    kubectl --kubeconfig');
  });

  it('shows when the observer was blind, timed like the timeline', () => {
    const run = preFailRun({ observerGaps: [{ watch: 'Job', from: '2026-03-01T10:00:01.000Z', to: '2026-03-01T10:00:03.500Z', reason: 'Premature close', closedBy: 'resumed' }] });
    expect(renderRun(run)).toContain('Observer gaps (hook assertions over one of them were refused)\n  Job watch blind +1.0s to +3.5s: Premature close (then resumed)');
    expect(renderRun(preFailRun())).not.toContain('Observer gaps');
  });

  it('collapses a warning that keeps coming back into one line', () => {
    const run = preFailRun();
    const warning = run.timeline.find((e) => e.kind === 'Event' && e.warning)!;
    const repeated = [warning, { ...warning, at: '2026-03-01T10:00:20.000Z' }, { ...warning, at: '2026-03-01T10:00:30.000Z' }];
    expect(collapseRepeatedWarnings(repeated)).toEqual([{ entry: warning, repeats: 3, lastAt: '2026-03-01T10:00:30.000Z' }]);
    expect(renderRun({ ...run, timeline: [...run.timeline, ...repeated.slice(1)] })).toContain('×3, last at +30.0s');
  });

  it('keeps hook state changes and warnings for people', () => {
    const kinds = timelineForPeople(preFailRun().timeline).map((e) => e.kind);
    expect(new Set(kinds)).toEqual(new Set(['Job', 'Pod', 'Event']));
  });

  it('summarises a suite, one line per run', () => {
    const summary = renderSuiteSummary([preFailRun(), preFailRun({ helm: { major: 4, version: 'v4.3.1', binary: 'h4' }, outcome: 'timed out', namespaceFate: { kept: true, why: 'timed out' } })]);
    expect(summary).toMatch(/pre-fail\s+helm 3\s+PASSED\s+3\/3\s+64\.2s/);
    expect(summary).toMatch(/pre-fail\s+helm 4\s+TIMED OUT\s+3\/3\s+64\.2s\s+dh-pre-fail-h3-abc123/);
    expect(summary).toContain('1 of 2 scenario runs passed');
  });
});

describe('JSON report', () => {
  const report = toJsonReport(preFailRun());

  it('is named after the scenario and the Helm major', () => {
    expect(jsonReportFileName(preFailRun())).toBe('pre-fail-helm3.json');
  });

  it('holds the history exactly as helm history -o json printed it', () => {
    expect((report.history as { stdout: string }).stdout).toBe(historyStdout);
    expect((report.history as { json: unknown }).json).toEqual(JSON.parse(historyStdout));
  });

  it('holds every Helm command with its exit code and output', () => {
    const commands = report.commands as { index: number; command: string; exitCode: number; stderr: string; args: string[] }[];
    expect(commands.map((c) => [c.index, c.args[0], c.exitCode])).toEqual([
      [0, 'upgrade', 1],
      [1, 'history', 0],
    ]);
    expect(commands[0]?.command).toMatch(/^helm3 upgrade dh-pre-fail-h3-abc123 charts\/demo-hooks/);
    expect(commands[0]?.stderr).toContain('BackoffLimitExceeded');
  });

  it('holds timeline, pods, hook logs, every assertion and a summary', () => {
    expect(report).toMatchObject({ reportVersion: 7, outcome: 'passed', summary: { assertions: 3, failed: 0 }, status: null });
    expect((report.timeline as unknown[]).length).toBe(preFailRun().timeline.length);
    expect((report.assertions as unknown[]).length).toBe(3);
    expect((report.hookLogs as { hook: string }[]).map((l) => l.hook)).toEqual(['backup', 'migration']);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report); // plain data, nothing lost in a round trip
  });
});

describe('JUnit XML', () => {
  const attr = (xml: string, element: string, name: string) => new RegExp(`<${element} [^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];

  it('shows what XML cannot carry, never drops it; the builder escapes the rest', () => {
    expect(xmlSafe('\u001b[31mred\u001b[39m\u0000\u0007ok ]]> ]]>')).toBe('^[[31mred^[[39m^@^Gok ]]\\u003e ]]\\u003e');
    const run = preFailRun();
    run.steps[0] = { ...run.steps[0]!, title: 'helm <upgrade> & "more" \u001b[1mbold\u001b[22m' };
    expect(renderJUnit([run])).toContain('name="helm &lt;upgrade> &amp; &quot;more&quot; ^[[1mbold^[[22m"');
  });

  it('one testsuite per run, one testcase per step, each naming its scenario file', () => {
    const xml = renderJUnit([preFailRun()]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(attr(xml, 'testsuite', 'name')).toBe('pre-fail [helm 3]');
    expect(xml).toContain('<property name="helm.version" value="v3.22.0"/>');
    expect(xml).toContain('<testcase classname="demo-hooks.helm3.pre-fail" name="helm upgrade --set hooks.migration.fail=true (expected to fail)" time="4.1" file="scenarios/pre-fail.ts"/>');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
  });

  it('an observed run (the user’s own Helm command) names no scenario file, and the terminal says observed', () => {
    const base = preFailRun();
    const run = { ...base, scenario: { ...base.scenario, name: 'observe-myrel', seedStep: OBSERVE_MARK }, release: 'myrel', namespace: 'team-a' };
    const xml = renderJUnit([run]);
    expect(xml).toContain('<testcase classname="demo-hooks.helm3.observe-myrel"');
    expect(xml).not.toContain('file=');
    expect(xml).not.toContain('<property name="file"');
    expect(renderRun(run)).toContain('observed · release myrel · namespace team-a · ');
  });

  it('counts failures, errors and skipped steps on every level', () => {
    const run = preFailRun({ outcome: 'failed' });
    run.steps[1] = { ...run.steps[1]!, outcome: 'failed', assertions: [{ name: 'history <rev 1>', passed: false, expected: 'superseded', actual: 'deployed & more', diff: '- superseded\n+ deployed' }] };
    run.steps.push({ title: 'expect the app to run 1.0.0', outcome: 'skipped', durationMs: 0, assertions: [], commands: [] });
    run.steps.push({ title: 'helm rollback', outcome: 'error', durationMs: 5, assertions: [], commands: [], error: 'cut at the 240s deadline' });
    const xml = renderJUnit([run]);
    for (const element of ['testsuites', 'testsuite']) {
      expect([attr(xml, element, 'tests'), attr(xml, element, 'failures'), attr(xml, element, 'errors'), attr(xml, element, 'skipped')]).toEqual(['4', '1', '1', '1']);
    }
    expect(xml).toContain('<skipped/>');
    expect(xml).toMatch(/<error message="cut at the 240s deadline" type="StepError"><!\[CDATA\[cut at the 240s deadline/);
  });

  it('a failure carries expected against actual, Helm’s stderr and the failed hook’s log', () => {
    const run = preFailRun({ outcome: 'failed' });
    run.steps[1] = { ...run.steps[1]!, outcome: 'failed', assertions: [{ name: 'history <rev 1>', passed: false, expected: 'superseded', actual: 'deployed & more', diff: '- superseded\n+ deployed' }] };
    const xml = renderJUnit([run]);
    const failure = /<failure message="history &lt;rev 1>" type="AssertionFailed"><!\[CDATA\[([\s\S]*?)\]\]><\/failure>/.exec(xml)?.[1] ?? '';
    expect(failure).toContain('history <rev 1>\n  expected: superseded\n  actual:   deployed & more\n- superseded\n+ deployed');
    expect(failure).toContain("Helm's stderr ($ helm3 upgrade dh-pre-fail-h3-abc123");
    expect(failure).toContain('* job dh-pre-fail-h3-abc123-demo-hooks-db-migration failed: BackoffLimitExceeded');
    expect(failure).toContain('log of failed hook migration (pod dh-pre-fail-h3-abc123-demo-hooks-db-migration-y2, exit 1):\ndemo-hooks: hook migration started\ndemo-hooks: hook migration failing on purpose');
    expect(failure).not.toContain('Backup completed'); // that hook succeeded
  });

  it('time is the suite’s wall time: runs in parallel do not add up', () => {
    const h3 = preFailRun();
    const h4 = preFailRun({ helm: { major: 4, version: 'v4.3.1', binary: 'h4' }, startedAt: new Date(Date.parse(h3.startedAt) + 10_000).toISOString() });
    expect(wallTimeMs([h3, h4])).toBe(74_200);
    expect(attr(renderJUnit([h3, h4]), 'testsuites', 'time')).toBe('74.2');
  });

  it('a run whose setup failed is an error, never an empty green suite', () => {
    const run = preFailRun({ outcome: 'error', reason: 'setting up the run failed: the observer could not start: could not list and watch /apis/batch/v1/namespaces/x/jobs within 30s', steps: [] });
    const xml = renderJUnit([run]);
    expect([attr(xml, 'testsuites', 'tests'), attr(xml, 'testsuites', 'errors')]).toEqual(['1', '1']);
    expect(xml).toMatch(/<testcase classname="demo-hooks.helm3.pre-fail" file="scenarios\/pre-fail.ts" name="set up the run">\s*<error message="setting up the run failed: the observer could not start/);
  });

  it('a run that passed but left its namespace behind fails, listing what was left', () => {
    const run = preFailRun({
      outcome: 'not cleaned up',
      namespaceFate: { kept: true, why: 'deleting it failed', cleanupError: 'timed out after 180s waiting for namespace x to be deleted', leftBehind: ['namespace/x (Terminating)', 'pod/db-0 (Running, terminating)'] },
    });
    const xml = renderJUnit([run]);
    expect(attr(xml, 'testsuites', 'failures')).toBe('1');
    expect(xml).toMatch(/name="remove namespace dh-pre-fail-h3-abc123">\s*<failure message="namespace not removed: timed out after 180s waiting for namespace x to be deleted" type="NotCleanedUp"><!\[CDATA\[timed out after 180s waiting for namespace x to be deleted\nleft behind:\n  namespace\/x \(Terminating\)\n  pod\/db-0 \(Running, terminating\)\]\]>/);
  });
});

describe('outcomes', () => {
  it('a passed run whose namespace was not removed is "not cleaned up"; others keep their outcome', () => {
    const failedCleanup = { kept: true, why: 'deleting it failed', cleanupError: 'timed out' };
    expect(outcomeAfterCleanup('passed', failedCleanup)).toBe('not cleaned up');
    expect(outcomeAfterCleanup('passed', { kept: false, why: 'run passed: removed' })).toBe('passed');
    expect(outcomeAfterCleanup('interrupted', failedCleanup)).toBe('interrupted');
    expect(outcomeAfterCleanup('failed', { kept: true, why: 'the run failed' })).toBe('failed');
  });

  it('a suite is as bad as its worst run; a failure outweighs leftovers', () => {
    expect(suiteVerdict([{ outcome: 'passed' }, { outcome: 'passed' }])).toBe('passed');
    expect(suiteVerdict([{ outcome: 'passed' }, { outcome: 'not cleaned up' }])).toBe('not cleaned up');
    expect(suiteVerdict([{ outcome: 'not cleaned up' }, { outcome: 'failed' }])).toBe('failed');
    expect(suiteVerdict([{ outcome: 'error' }])).toBe('failed');
  });

  it('a lost cluster outweighs every other outcome: what the runs saw was not Helm alone', () => {
    expect(suiteVerdict([{ outcome: 'failed' }, { outcome: 'environment' }, { outcome: 'passed' }])).toBe('environment');
    expect(suiteVerdict([{ outcome: 'not cleaned up' }, { outcome: 'environment' }])).toBe('environment');
  });

  it('a run stopped by a lost cluster: ENVIRONMENT, its silences listed, and JUnit <error>, not <failure>', () => {
    const base = preFailRun();
    const reason = 'the API server https://10.0.0.1:6443 did not answer for 30s (since 2026-03-01T10:00:01.000Z): connect ECONNREFUSED; stopped during "helm upgrade"';
    const run = preFailRun({
      outcome: 'environment',
      reason,
      steps: [{ ...base.steps[0]!, outcome: 'error', error: reason, assertions: [] }],
      apiOutages: [{ server: 'https://10.0.0.1:6443', from: base.commands[0]!.startedAt, lastError: 'connect ECONNREFUSED 10.0.0.1:6443', said: true }],
    });
    const text = renderRun(run, undefined, 200);
    expect(text.split('\n')[0]).toContain('ENVIRONMENT');
    expect(text).toMatch(/API server silences\n {2}https:\/\/10\.0\.0\.1:6443 did not answer \+0\.0s to the end: connect ECONNREFUSED 10\.0\.0\.1:6443/);
    const junit = renderJUnit([run]);
    expect(junit).toMatch(/<error message="the API server https:\/\/10\.0\.0\.1:6443 did not answer for 30s/);
    expect(junit).not.toMatch(/<failure/);
  });

  it('the terminal report lists what a run left behind', () => {
    const text = renderRun(preFailRun({
      outcome: 'not cleaned up',
      reason: 'every step passed, but namespace dh-pre-fail-h3-abc123 was not removed: timed out',
      namespaceFate: { kept: true, why: 'deleting it failed', cleanupError: 'timed out', leftBehind: ['namespace/dh-pre-fail-h3-abc123 (Terminating)', 'NamespaceFinalizersRemaining: Some content in the namespace has finalizers remaining: demo-hooks.dev/hold in 1 resource instances'] },
    }));
    expect(text.split('\n')[0]).toContain('NOT CLEANED UP');
    expect(text).toContain('Result: NOT CLEANED UP — 3 of 3 assertions passed; every step passed, but namespace dh-pre-fail-h3-abc123 was not removed: timed out');
    expect(text).toContain('  Left behind:\n    namespace/dh-pre-fail-h3-abc123 (Terminating)\n    NamespaceFinalizersRemaining: Some content');
  });
});

describe('two releases of one Helm major in one invocation (--helm 3,3.18.6,4)', () => {
  // What the suite hands the reports: the runner copies the suite's versionInNames into helm.
  const pinned3 = () => preFailRun({ helm: { major: 3, version: 'v3.22.0', binary: '.tools/bin/helm3', versionInNames: 'v3.22.0' } });
  const older3 = () => preFailRun({ helm: { major: 3, version: 'v3.18.6', binary: '.tools/bin/helm-v3.18.6', versionInNames: 'v3.18.6' }, outcome: 'failed' });
  const only4 = () => preFailRun({ helm: { major: 4, version: 'v4.3.1', binary: '.tools/bin/helm4' } });
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dh-two-releases-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one report per release, each named by its version; the only Helm 4 keeps its name', async () => {
    for (const run of [pinned3(), older3(), only4()]) await writeRunReport(dir, run);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).sort()).toEqual(['pre-fail-helm-v3.18.6.json', 'pre-fail-helm-v3.22.0.json', 'pre-fail-helm4.json']);
    const older = readReportAs(JsonReport, JSON.parse(readFileSync(path.join(dir, 'pre-fail-helm-v3.18.6.json'), 'utf8')), 'older');
    expect([older.helm, older.outcome]).toEqual([{ major: 3, version: 'v3.18.6', binary: '.tools/bin/helm-v3.18.6', versionInNames: 'v3.18.6' }, 'failed']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.html')).sort()).toEqual(['pre-fail-helm-v3.18.6.html', 'pre-fail-helm-v3.22.0.html', 'pre-fail-helm4.html']);
  });

  it('JUnit tells the two apart by suite name and class name', async () => {
    const xml = readFileSync(await writeJUnitReport(dir, [pinned3(), older3(), only4()]), 'utf8');
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1]);
    expect(suites).toEqual(['pre-fail [helm v3.22.0]', 'pre-fail [helm v3.18.6]', 'pre-fail [helm 4]']);
    const classes = new Set([...xml.matchAll(/<testcase classname="([^"]*)"/g)].map((m) => m[1]));
    expect([...classes]).toEqual(['demo-hooks.helm-v3_22_0.pre-fail', 'demo-hooks.helm-v3_18_6.pre-fail', 'demo-hooks.helm4.pre-fail']);
  });

  it('the summary table names the version', () => {
    const summary = renderSuiteSummary([pinned3(), older3(), only4()]);
    expect(summary).toMatch(/pre-fail\s+helm v3\.22\.0\s+PASSED/);
    expect(summary).toMatch(/pre-fail\s+helm v3\.18\.6\s+FAILED/);
    expect(summary).toMatch(/pre-fail\s+helm 4\s+PASSED/);
  });
});
