// Release history and status: the lab's "check the status using helm history".
import type { HistoryEntry } from '../helm/history.js';
import type { ReleaseStatus } from '../helm/status.js';
import { fieldDiff, lineDiff, type FieldCheck } from './diff.js';
import { assertion, describeMatcher, matchesText, oneLine, type AssertionResult, type TextMatcher } from './result.js';

export interface ExpectedRevision {
  revision: number;
  status: string;
  description?: TextMatcher;
  appVersion?: string;
}

function expectedLine(e: ExpectedRevision): string {
  return [`rev ${e.revision}`, e.status, e.appVersion ? `app ${e.appVersion}` : '', e.description ? `description ${describeMatcher(e.description)}` : '']
    .filter(Boolean)
    .join('  ');
}

function rowMatches(e: ExpectedRevision, a: HistoryEntry): boolean {
  return (
    e.revision === a.revision &&
    e.status === a.status &&
    (e.appVersion === undefined || e.appVersion === a.appVersion) &&
    (e.description === undefined || matchesText(e.description, a.description))
  );
}

/**
 * The whole history must be exactly these revisions. A matching row is shown in the expected
 * form, so the diff lists only the revisions that differ.
 */
export function assertHistory(actual: readonly HistoryEntry[] | undefined, expected: readonly ExpectedRevision[], helmError?: string): AssertionResult {
  const name = `history: ${expected.map((e) => `${e.revision} ${e.status}`).join(', ')}`;
  const expectedLines = expected.map(expectedLine);
  if (!actual) return assertion(name, false, expectedLines.join('\n'), `no history (${oneLine(helmError ?? 'helm history failed')})`);
  const actualLines = actual.map((a) => {
    const e = expected.find((x) => x.revision === a.revision);
    if (e && rowMatches(e, a)) return expectedLine(e);
    return [`rev ${a.revision}`, a.status, e?.appVersion ? `app ${a.appVersion}` : '', `description ${JSON.stringify(oneLine(a.description, 400))}`].filter(Boolean).join('  ');
  });
  const passed = actual.length === expected.length && expected.every((e) => actual.some((a) => rowMatches(e, a)));
  return assertion(
    name,
    passed,
    expectedLines.join('\n'),
    actual.map((a) => `rev ${a.revision}  ${a.status}  ${JSON.stringify(oneLine(a.description, 400))}`).join('\n'),
    lineDiff(expectedLines, actualLines),
  );
}

export interface ExpectedStatus {
  status: string;
  revision?: number;
  description?: TextMatcher;
}

export function assertReleaseStatus(actual: ReleaseStatus | undefined, expected: ExpectedStatus, helmError?: string): AssertionResult {
  const name = `release status: ${expected.status}${expected.revision ? ` at revision ${expected.revision}` : ''}`;
  const want = [expected.status, expected.revision ? `revision ${expected.revision}` : '', expected.description ? describeMatcher(expected.description) : '']
    .filter(Boolean)
    .join(', ');
  if (!actual) return assertion(name, false, want, `no status (${oneLine(helmError ?? 'helm status failed')})`);
  const checks: FieldCheck[] = [
    { field: 'status', expected: expected.status, actual: actual.status, ok: actual.status === expected.status },
    ...(expected.revision === undefined
      ? []
      : [{ field: 'revision', expected: String(expected.revision), actual: String(actual.revision), ok: actual.revision === expected.revision }]),
    ...(expected.description === undefined
      ? []
      : [{ field: 'description', expected: describeMatcher(expected.description), actual: JSON.stringify(actual.description), ok: matchesText(expected.description, actual.description) }]),
  ];
  return assertion(name, checks.every((c) => c.ok), want, `${actual.status}, revision ${actual.revision}, ${JSON.stringify(oneLine(actual.description))}`, fieldDiff(checks));
}
