// JUnit XML for CI, in the shape GitLab, Jenkins and the GitHub reporters read: one <testsuite>
// per scenario run, one <testcase> per step (file="scenarios/<name>.ts"), a failure's body
// carrying what a reader needs without the JSON report: expected against actual, Helm's stderr
// and the failed hooks' logs. A run that broke outside its steps (setting up, cleaning up) gets a
// testcase of its own, so CI never shows such a run as green. Text from the cluster and from Helm
// goes in visible (report/cluster-text.ts): XML 1.0 cannot carry most control characters, and a
// file with one is rejected whole by CI's parsers. Logs go in cut to their end, naming their file.
import junitModule from 'junit-report-builder';
import type { Builder, TestSuite } from 'junit-report-builder';
import { commandLine } from '../assert/command.js';
import { helmTag, helmWords } from '../helm/releases.js';
import type { HelmCommandResult } from '../helm/types.js';
import { cutNote, readableRun, visible, type LogView } from './cluster-text.js';
import { OBSERVE_MARK, type ScenarioRunResult, type StepResult } from './model.js';

const MAX_STDERR_LINES = 40;
// The package is CommonJS whose module.exports is a builder; its types declare that as a default
// export, which NodeNext reads as a `default` property. At run time the import is the builder.
const junit = junitModule as unknown as Builder;

/**
 * What XML 1.0 cannot carry (ESC, NUL and other controls, lone surrogates) made visible; the builder
 * escapes the rest. `]]>` is shown as `]]\u003e` too: the builder splits only the first one out of a
 * CDATA section (xmlbuilder's cdata() replaces without /g), and a second one ends the section.
 */
export function xmlSafe(text: string): string {
  return visible(text).replace(/\]\]>/g, ']]\\u003e');
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(3));

/** The scenario's source file; an observed run (the user's own Helm command) has none. */
export function scenarioFile(run: ScenarioRunResult): string | undefined {
  return run.scenario.seedStep === OBSERVE_MARK ? undefined : `scenarios/${run.scenario.name}.ts`;
}

/**
 * A test case of this run, named by its class: demo-hooks.helm3.pre-fail, or demo-hooks.helm-v3_18_6.pre-fail
 * beside another release of Helm 3 (dots separate a class name's packages, so the version's become _).
 */
function testCaseOf(suite: TestSuite, run: ScenarioRunResult) {
  return suite.testCase().className(`demo-hooks.${helmTag(run.helm).replaceAll('.', '_')}.${run.scenario.name}`);
}

/** The run's source file on a test case, where it has one. */
function withFile<T extends { file(path: string): T }>(testCase: T, run: ScenarioRunResult): T {
  const file = scenarioFile(run);
  return file ? testCase.file(file) : testCase;
}

/** The latest Helm command that had run when this step ended: what the step's assertions judge. */
function helmCommandBefore(run: ScenarioRunResult, step: StepResult): HelmCommandResult | undefined {
  const upTo = step.commands.length ? Math.max(...step.commands) : run.steps.slice(0, run.steps.indexOf(step)).flatMap((s) => s.commands).reduce((m, i) => Math.max(m, i), -1);
  for (let i = upTo; i >= 0; i -= 1) {
    const c = run.commands[i];
    if (c && c.args[0] !== 'history' && c.args[0] !== 'status') return c;
  }
  return undefined;
}

function tail(text: string, lines = MAX_STDERR_LINES): string {
  const all = text.trimEnd().split('\n');
  return all.length > lines ? [`… ${all.length - lines} earlier lines in the JSON report`, ...all.slice(-lines)].join('\n') : all.join('\n');
}

/** Helm's stderr of the command the step judged, and the log of every hook that failed so far. */
function evidence(run: ScenarioRunResult, step: StepResult): string {
  const parts: string[] = [];
  const helm = helmCommandBefore(run, step);
  if (helm?.stderr.trim()) parts.push(`Helm's stderr ($ ${commandLine(helm)}  → exit ${helm.exitCode}):\n${tail(helm.stderr)}`);
  for (const l of run.hookLogs.filter((h) => (h.exitCode ?? 0) !== 0)) {
    parts.push(`log of failed hook ${l.hook} (pod ${l.pod}, exit ${l.exitCode ?? '?'}):\n${l.logCut ? `${cutNote(l)}\n` : ''}${l.log || l.error || '(empty)'}`);
  }
  return parts.join('\n\n');
}

function failureBody(run: ScenarioRunResult, step: StepResult): string {
  const failed = step.assertions.filter((a) => !a.passed);
  const claims = failed.map((a) => `${a.name}\n  expected: ${a.expected}\n  actual:   ${a.actual}${a.diff ? `\n${a.diff}` : ''}`).join('\n\n');
  const more = evidence(run, step);
  return xmlSafe(more ? `${claims}\n\n${more}` : claims);
}

function addStep(suite: TestSuite, run: ScenarioRunResult, step: StepResult): void {
  const testCase = withFile(testCaseOf(suite, run).name(xmlSafe(step.title)).time(seconds(step.durationMs)), run);
  switch (step.outcome) {
    case 'passed':
      return;
    case 'skipped':
      testCase.skipped();
      return;
    case 'error':
      testCase.error(xmlSafe(step.error ?? 'error'), 'StepError', xmlSafe([step.error ?? '', evidence(run, step)].filter(Boolean).join('\n\n')));
      return;
    case 'failed': {
      const failed = step.assertions.filter((a) => !a.passed);
      testCase.failure(xmlSafe(failed.map((a) => a.name).join('; ')), 'AssertionFailed').stacktrace(failureBody(run, step));
    }
  }
}

/** What went wrong outside the steps: setting up the run, or removing its namespace. */
function addRunCases(suite: TestSuite, run: ScenarioRunResult): void {
  const testCase = () => withFile(testCaseOf(suite, run), run);
  const stepHasError = run.steps.some((s) => s.outcome === 'error');
  if ((run.outcome === 'error' || run.outcome === 'timed out' || run.outcome === 'interrupted' || run.outcome === 'environment') && !stepHasError) {
    testCase().name(run.steps.length === 0 ? 'set up the run' : 'the run').error(xmlSafe(run.reason ?? run.outcome), 'SetupError', xmlSafe(run.reason ?? ''));
  }
  const fate = run.namespaceFate;
  if (fate.cleanupError) {
    const left = fate.leftBehind?.length ? `\nleft behind:\n${fate.leftBehind.map((l) => `  ${l}`).join('\n')}` : '';
    testCase()
      .name(`remove namespace ${run.namespace}`)
      .failure(xmlSafe(`namespace not removed: ${fate.cleanupError}`), 'NotCleanedUp')
      .stacktrace(xmlSafe(`${fate.cleanupError}${left}`));
  }
}

function addRun(builder: Builder, run: ScenarioRunResult): void {
  const suite = builder
    .testSuite()
    .name(`${run.scenario.name} [${helmWords(run.helm)}]`)
    .time(seconds(run.durationMs))
    .timestamp(run.startedAt)
    .property('helm.version', run.helm.version)
    .property('release', run.release)
    .property('outcome', run.outcome)
    .property('namespace.kept', String(run.namespaceFate.kept));
  const file = scenarioFile(run);
  if (file) suite.property('file', file);
  for (const step of run.steps) addStep(suite, run, step);
  addRunCases(suite, run);
}

/** From the first run's start to the last run's end: runs in parallel overlap, so their times do not add up. */
export function wallTimeMs(runs: readonly ScenarioRunResult[]): number {
  if (runs.length === 0) return 0;
  const start = Math.min(...runs.map((r) => Date.parse(r.startedAt)));
  const end = Math.max(...runs.map((r) => Date.parse(r.startedAt) + r.durationMs));
  return end - start;
}

/**
 * The builder sets counts on <testsuites> but offers no setter for its time; its root node
 * (a TestNode, which has time()) is reached here, in one place. The unit tests pin the result.
 */
function setSuitesTime(builder: Builder, timeInSeconds: number): void {
  const root = (builder as unknown as { _rootTestSuites?: { time(t: number): unknown } })._rootTestSuites;
  if (!root) throw new Error('junit-report-builder changed: no root <testsuites> node to set the wall time on');
  root.time(timeInSeconds);
}

export function renderJUnit(runs: readonly ScenarioRunResult[], name = 'demo-hooks', logs: LogView = {}): string {
  const builder = junit.newBuilder().name(xmlSafe(name));
  setSuitesTime(builder, seconds(wallTimeMs(runs)));
  for (const run of runs) addRun(builder, readableRun(run, logs));
  return `${builder.build()}\n`;
}
