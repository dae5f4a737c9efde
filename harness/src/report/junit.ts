// JUnit XML for CI: one <testsuite> per scenario run, one <testcase> per step.
import { failedAssertions, type ScenarioRunResult, type StepResult } from './model.js';

/** Escapes XML text and attribute values, and drops characters XML 1.0 cannot carry (ANSI escapes, NULs). */
export function xmlEscape(text: string): string {
  return text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => `${k}="${xmlEscape(String(v))}"`)
    .join(' ');

function stepCase(run: ScenarioRunResult, step: StepResult): string {
  const classname = `demo-hooks.helm${run.helm.major}.${run.scenario.name}`;
  const head = `    <testcase ${attrs({ classname, name: step.title, time: (step.durationMs / 1000).toFixed(3) })}`;
  if (step.outcome === 'passed') return `${head}/>`;
  if (step.outcome === 'skipped') return `${head}>\n      <skipped/>\n    </testcase>`;
  if (step.outcome === 'error') {
    return `${head}>\n      <error ${attrs({ message: step.error ?? 'error' })}>${xmlEscape(step.error ?? '')}</error>\n    </testcase>`;
  }
  const failed = step.assertions.filter((a) => !a.passed);
  const body = failed.map((a) => `${a.name}\n  expected: ${a.expected}\n  actual:   ${a.actual}${a.diff ? `\n${a.diff}` : ''}`).join('\n\n');
  return `${head}>\n      <failure ${attrs({ message: failed.map((a) => a.name).join('; '), type: 'AssertionFailed' })}>${xmlEscape(body)}</failure>\n    </testcase>`;
}

function suite(run: ScenarioRunResult): string {
  const count = (o: StepResult['outcome']) => run.steps.filter((s) => s.outcome === o).length;
  const head = attrs({
    name: `${run.scenario.name} [helm ${run.helm.major}]`,
    tests: run.steps.length,
    failures: count('failed'),
    errors: count('error'),
    skipped: count('skipped'),
    time: (run.durationMs / 1000).toFixed(3),
    timestamp: run.startedAt,
  });
  const props = [
    ['helm.version', run.helm.version],
    ['release', run.release],
    ['outcome', run.outcome],
    ['namespace.kept', String(run.namespaceFate.kept)],
  ]
    .map(([name, value]) => `      <property ${attrs({ name: name ?? '', value: value ?? '' })}/>`)
    .join('\n');
  const systemOut = run.reason ? `\n    <system-out>${xmlEscape(`${run.reason}\n${failedAssertions(run).map((a) => a.name).join('\n')}`)}</system-out>` : '';
  return `  <testsuite ${head}>\n    <properties>\n${props}\n    </properties>\n${run.steps.map((s) => stepCase(run, s)).join('\n')}${systemOut}\n  </testsuite>`;
}

export function renderJUnit(runs: readonly ScenarioRunResult[], name = 'demo-hooks'): string {
  const total = (f: (r: ScenarioRunResult) => number) => runs.reduce((n, r) => n + f(r), 0);
  const head = attrs({
    name,
    tests: total((r) => r.steps.length),
    failures: total((r) => r.steps.filter((s) => s.outcome === 'failed').length),
    errors: total((r) => r.steps.filter((s) => s.outcome === 'error').length),
    time: (total((r) => r.durationMs) / 1000).toFixed(3),
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${head}>\n${runs.map(suite).join('\n')}\n</testsuites>\n`;
}
