// Rendering a finished run: the terminal report, the JSON report and JUnit XML.
import { jsonReportFileName, toJsonReport } from '../../../harness/src/report/json.js';
import { renderJUnit, xmlEscape } from '../../../harness/src/report/junit.js';
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
    expect(report).toMatchObject({ reportVersion: 1, outcome: 'passed', summary: { assertions: 3, failed: 0 }, status: null });
    expect((report.timeline as unknown[]).length).toBe(preFailRun().timeline.length);
    expect((report.assertions as unknown[]).length).toBe(3);
    expect((report.hookLogs as { hook: string }[]).map((l) => l.hook)).toEqual(['backup', 'migration']);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report); // plain data, nothing lost in a round trip
  });
});

describe('JUnit XML', () => {
  it('escapes what XML cannot hold as is', () => {
    expect(xmlEscape(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    expect(xmlEscape('\u001b[31mred\u001b[39m\u0000\u0007ok')).toBe('redok');
  });

  it('one testsuite per run, one testcase per step, failures with expected/actual', () => {
    const run = preFailRun({ outcome: 'failed' });
    run.steps[1] = { ...run.steps[1]!, outcome: 'failed', assertions: [{ name: 'history <rev 1>', passed: false, expected: 'superseded', actual: 'deployed & more', diff: '- superseded\n+ deployed' }] };
    run.steps.push({ title: 'expect the app to run 1.0.0', outcome: 'skipped', durationMs: 0, assertions: [], commands: [] });
    run.steps.push({ title: 'helm rollback', outcome: 'error', durationMs: 5, assertions: [], commands: [], error: 'cut at the 240s deadline' });
    const xml = renderJUnit([run]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="demo-hooks" tests="4" failures="1" errors="1" time="64.200">/);
    expect(xml).toContain('<testsuite name="pre-fail [helm 3]" tests="4" failures="1" errors="1" skipped="1"');
    expect(xml).toContain('<property name="helm.version" value="v3.22.0"/>');
    expect(xml).toContain('<testcase classname="demo-hooks.helm3.pre-fail" name="helm upgrade --set hooks.migration.fail=true (expected to fail)" time="4.100"/>');
    expect(xml).toContain('<failure message="history &lt;rev 1&gt;" type="AssertionFailed">history &lt;rev 1&gt;\n  expected: superseded\n  actual:   deployed &amp; more\n- superseded\n+ deployed</failure>');
    expect(xml).toContain('<skipped/>');
    expect(xml).toContain('<error message="cut at the 240s deadline">cut at the 240s deadline</error>');
  });
});
