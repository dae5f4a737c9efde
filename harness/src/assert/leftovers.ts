// "Nothing of the release remains" and "the dry run created nothing".
import { nonEmptyLeftovers, type Leftovers } from '../kube/resources.js';
import { assertion, type AssertionResult } from './result.js';

export function describeLeftovers(l: Leftovers): string {
  const left = Object.entries(nonEmptyLeftovers(l));
  return left.length ? left.map(([kind, names]) => `${kind}: ${names.join(', ')}`).join('; ') : 'nothing';
}

/** Object names as a lab gives them: `{fullname}` is the chart's full name, `*` a generated suffix. */
export type LeftoverPatterns = Record<string, string[]>;

export function namePattern(pattern: string, fullname: string): RegExp {
  const literal = pattern.replaceAll('{fullname}', fullname).replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${literal.replaceAll('*', '[a-z0-9-]+')}$`);
}

/** Whether exactly the expected objects are left: each pattern matches one object, none is extra. */
export function leftoversMatch(expected: LeftoverPatterns, l: Leftovers, fullname: string): { missing: string[]; extra: string[] } {
  const missing: string[] = [];
  const extra: string[] = [];
  for (const kind of new Set([...Object.keys(expected), ...Object.keys(nonEmptyLeftovers(l))])) {
    const names = [...(l[kind] ?? [])];
    for (const pattern of expected[kind] ?? []) {
      const re = namePattern(pattern, fullname);
      const at = names.findIndex((n) => re.test(n));
      if (at < 0) missing.push(`${kind}/${pattern.replaceAll('{fullname}', fullname)}`);
      else names.splice(at, 1);
    }
    extra.push(...names.map((n) => `${kind}/${n}`));
  }
  return { missing, extra };
}

/** "Job x; PersistentVolumeClaim a, b" with the full name filled in. */
export function spellLeftovers(expected: LeftoverPatterns, fullname: string): string {
  return Object.entries(expected).map(([kind, names]) => `${kind} ${names.map((n) => n.replaceAll('{fullname}', fullname)).join(', ')}`).join('; ');
}

export function assertLeftovers(name: string, expected: LeftoverPatterns, l: Leftovers, fullname: string): AssertionResult {
  const { missing, extra } = leftoversMatch(expected, l, fullname);
  const passed = missing.length === 0 && extra.length === 0;
  const want = spellLeftovers(expected, fullname);
  return assertion(name, passed, want || 'nothing', describeLeftovers(l), passed ? undefined : [...missing.map((m) => `- ${m}`), ...extra.map((e) => `+ ${e}`)].join('\n'));
}

export function assertNothingLeft(name: string, l: Leftovers): AssertionResult {
  return assertLeftovers(name, {}, l, '');
}
