// The order a suite starts its runs in: longest first, by the last report or else the deadline.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lastDurationSeconds, longestFirst, type SuiteRun } from '../../../harness/src/scenario/run-order.js';
import type { Scenario } from '../../../harness/src/scenario/types.js';

const scenario = (name: string, deadlineSeconds?: number) => ({ name, title: name, description: '', steps: [], ...(deadlineSeconds ? { deadlineSeconds } : {}) }) as unknown as Scenario;

describe('longestFirst', () => {
  it('starts the longest expected run first and keeps the listed order between equals', () => {
    const runs: SuiteRun[] = [
      { scenario: scenario('a'), helm: { major: 3 } },
      { scenario: scenario('b'), helm: { major: 3 } },
      { scenario: scenario('c'), helm: { major: 3 } },
      { scenario: scenario('d'), helm: { major: 3 } },
    ];
    const seconds: Record<string, number> = { a: 20, b: 400, c: 20, d: 90 };
    expect(longestFirst(runs, (r) => seconds[r.scenario.name]!)).toEqual([1, 3, 0, 2]);
  });
});

describe('lastDurationSeconds', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'run-order-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the run's previous report, per Helm major", () => {
    writeFileSync(path.join(dir, 'pre-fail-helm4.json'), JSON.stringify({ durationMs: 17_500 }));
    expect(lastDurationSeconds({ scenario: scenario('pre-fail'), helm: { major: 4 } }, dir)).toBe(17.5);
    expect(lastDurationSeconds({ scenario: scenario('pre-fail'), helm: { major: 3 } }, dir)).toBeUndefined();
  });

  it("reads the exact release's report where the suite runs two releases of its major", () => {
    writeFileSync(path.join(dir, 'pre-fail-helm-v3.18.6.json'), JSON.stringify({ durationMs: 40_000 }));
    writeFileSync(path.join(dir, 'pre-fail-helm3.json'), JSON.stringify({ durationMs: 20_000 }));
    expect(lastDurationSeconds({ scenario: scenario('pre-fail'), helm: { major: 3, versionInNames: 'v3.18.6' } }, dir)).toBe(40);
    expect(lastDurationSeconds({ scenario: scenario('pre-fail'), helm: { major: 3, versionInNames: 'v3.16.2' } }, dir)).toBeUndefined();
    expect(lastDurationSeconds({ scenario: scenario('pre-fail'), helm: { major: 3 } }, dir)).toBe(20);
  });

  it('has nothing to say about a report it cannot read', () => {
    writeFileSync(path.join(dir, 'pre-fail-helm3.json'), '{ not json');
    expect(lastDurationSeconds({ scenario: scenario('pre-fail'), helm: { major: 3 } }, dir)).toBeUndefined();
  });
});
