// A Helm command's outcome: often the failure is what the lab wants to show.
import type { HelmCommandResult } from '../helm/types.js';
import { assertion, containsText, describeMatcher, oneLine, type AssertionResult, type TextMatcher } from './result.js';

export function commandLine(r: Pick<HelmCommandResult, 'args' | 'helmMajor'>): string {
  return `helm${r.helmMajor} ${r.args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ')}`;
}

export function assertExit(r: HelmCommandResult, expectFailure: boolean): AssertionResult {
  const verb = r.args[0] ?? 'helm';
  const name = expectFailure ? `helm ${verb} fails` : `helm ${verb} succeeds`;
  const actual = r.killedBecause
    ? `killed: ${r.killedBecause}`
    : r.exitCode === 0
      ? 'exit code 0'
      : `exit code ${r.exitCode}: ${oneLine(r.stderr, 400)}`;
  const passed = !r.killedBecause && (expectFailure ? r.exitCode !== 0 : r.exitCode === 0);
  return assertion(name, passed, expectFailure ? 'non-zero exit code' : 'exit code 0', actual);
}

export function assertOutput(r: HelmCommandResult, stream: 'stdout' | 'stderr', m: TextMatcher): AssertionResult {
  const text = r[stream];
  const verb = r.args[0] ?? 'helm';
  return assertion(
    `helm ${verb} ${stream === 'stderr' ? 'error' : 'output'} has ${describeMatcher(m)}`,
    containsText(m, text),
    describeMatcher(m),
    text ? oneLine(text, 600) : '(empty)',
  );
}
