// "Nothing of the release remains" and "the dry run created nothing".
import { nonEmptyLeftovers, type Leftovers } from '../kube/resources.js';
import { assertion, type AssertionResult } from './result.js';

export function describeLeftovers(l: Leftovers): string {
  const left = Object.entries(nonEmptyLeftovers(l));
  return left.length ? left.map(([kind, names]) => `${kind}: ${names.join(', ')}`).join('; ') : 'nothing';
}

export function assertNothingLeft(name: string, l: Leftovers): AssertionResult {
  const left = nonEmptyLeftovers(l);
  const passed = Object.keys(left).length === 0;
  return assertion(name, passed, 'nothing', describeLeftovers(l), passed ? undefined : Object.entries(left).flatMap(([kind, names]) => names.map((n) => `+ ${kind}/${n}`)).join('\n'));
}
