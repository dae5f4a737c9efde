// What every assertion yields. Values are rendered to text when the assertion is made, so the
// terminal, JSON and JUnit reports show the same words.
import type { AssertionResult } from '../report-contract.js';

export type { AssertionResult };

/** A string must equal the text; a RegExp must match somewhere in it. */
export type TextMatcher = string | RegExp;

export function matchesText(m: TextMatcher, text: string): boolean {
  return typeof m === 'string' ? text === m : m.test(text);
}

/** For logs and command output: a string only has to appear somewhere. */
export function containsText(m: TextMatcher, text: string): boolean {
  return typeof m === 'string' ? text.includes(m) : m.test(text);
}

export function describeMatcher(m: TextMatcher): string {
  return typeof m === 'string' ? JSON.stringify(m) : String(m);
}

export function assertion(name: string, passed: boolean, expected: string, actual: string, diff?: string): AssertionResult {
  return { name, passed, expected, actual, ...(!passed && diff ? { diff } : {}) };
}

/** The same claim, refused because what it rests on could not be seen: `why` becomes the actual. */
export function unprovable(result: AssertionResult, why: string): AssertionResult {
  return { name: result.name, passed: false, expected: result.expected, actual: why };
}

/** Shortens long text (descriptions, logs) for one-line display. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
