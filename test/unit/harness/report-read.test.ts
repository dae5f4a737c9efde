// Reading a report back goes through the same contract the schema file is generated from: the
// runtime check and report.schema.json agree, hold for every committed fixture, and name what is
// wrong first in words.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { repoRoot } from '../../../harness/src/paths.js';
import { HtmlReportInput, JsonReport, JSON_REPORT_VERSION, LabReport } from '../../../harness/src/report-contract.js';
import { reportJsonSchema } from '../../../harness/src/report/json-schema.js';
import { readReportAs, ReportShapeError } from '../../../harness/src/report/read.js';
import { toJsonReport } from '../../../harness/src/report/json.js';
import { preFailRun } from './fixtures/run-result.js';

const ajv = new Ajv({ allErrors: true });
const published = reportJsonSchema() as { $id: string };
ajv.addSchema(published);
const byFile = { report: ajv.getSchema(published.$id)!, lab: ajv.getSchema(`${published.$id}#/definitions/labReport`)! };

const full = () => JSON.parse(JSON.stringify(toJsonReport(preFailRun()))) as Record<string, unknown>;
const fixturesDir = path.join(repoRoot, 'test', 'unit', 'labs', 'fixtures', 'reports');
const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.json'));
const fixture = (f: string) => JSON.parse(readFileSync(path.join(fixturesDir, f), 'utf8')) as Record<string, unknown>;

const whatIsWrong = (schema: Parameters<typeof readReportAs>[0], json: unknown): string => {
  try {
    readReportAs(schema, json, 'r.json');
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(ReportShapeError);
    return (err as ReportShapeError).what;
  }
};

describe('reading a report back', () => {
  it('takes a report the harness wrote as a report, a lab report and an HTML report input', () => {
    const r = full();
    expect(readReportAs(JsonReport, r, 'r.json').reportVersion).toBe(JSON_REPORT_VERSION);
    expect(readReportAs(LabReport, r, 'r.json').clusterValues).toBe('charts/demo-hooks/values-local.yaml');
    expect(readReportAs(HtmlReportInput, r, 'r.json').release).toBe(r.release);
  });

  it.each(fixtures)('takes the labs’ fixture %s as a lab report and an HTML report input', (f) => {
    expect(whatIsWrong(LabReport, fixture(f))).toBe('');
    expect(whatIsWrong(HtmlReportInput, fixture(f))).toBe('');
  });

  it('draws the report of an observed run, which has no clusterValues, but the labs do not read it', () => {
    const { clusterValues: _, ...observed } = full();
    expect(whatIsWrong(HtmlReportInput, observed)).toBe('');
    expect(whatIsWrong(LabReport, observed)).toBe('no clusterValues');
  });

  it('names the first thing wrong', () => {
    const r = full();
    expect(whatIsWrong(JsonReport, [])).toBe('not a JSON object');
    expect(whatIsWrong(LabReport, { scenario: { name: 'x' } })).toBe('no helm.major');
    expect(whatIsWrong(JsonReport, { ...r, outcome: 'green' })).toBe('outcome is "green", not one of "passed", "failed", "timed out", "error", "interrupted", "not cleaned up", "environment"');
    expect(whatIsWrong(JsonReport, { ...r, observerGaps: undefined })).toBe('no observerGaps list');
    expect(whatIsWrong(JsonReport, { ...r, pods: [{ name: 'p' }] })).toBe('no pods[0].phase');
    expect(whatIsWrong(JsonReport, { ...r, colour: 'red' })).toBe('colour is not part of the contract');
    expect(whatIsWrong(JsonReport, { ...r, reportVersion: 3 })).toBe(`reportVersion is 3, not ${JSON_REPORT_VERSION}; it is of reportVersion 3, this harness writes ${JSON_REPORT_VERSION}: run the scenario again`);
  });

  it('holds for the parts a recorded report cut for the timings test keeps (fixtures/pre-fail-helm3-timings.json)', () => {
    const { reportVersion, commands, ...kept } = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'unit', 'harness', 'fixtures', 'pre-fail-helm3-timings.json'), 'utf8')) as Record<string, unknown>;
    expect(reportVersion).toBe(3);
    expect(whatIsWrong(Type.Pick(JsonReport, Object.keys(kept) as (keyof JsonReport)[]), kept)).toBe('');
    expect(Value.Errors(HtmlReportInput.properties.commands, commands).First()).toBeUndefined();
  });

  // The runtime check and the published file come from one definition, so they cannot disagree.
  const variants: [string, () => unknown][] = [
    ['a full report', full],
    ['an unknown outcome', () => ({ ...full(), outcome: 'green' })],
    ['an older version', () => ({ ...full(), reportVersion: 1 })],
    ['no observerGaps', () => ({ ...full(), observerGaps: undefined })],
    ['a pod without a phase', () => ({ ...full(), pods: [{ name: 'p' }] })],
    ['a gap on the Secret watch', () => ({ ...full(), observerGaps: [{ watch: 'Secret', from: 'a', reason: 'r' }] })],
    ['a fractional exit code', () => ({ ...full(), commands: [{ ...(full().commands as object[])[0], exitCode: 1.5 }] })],
    ['a history of null', () => ({ ...full(), history: null })],
    ['a fixture', () => fixture(fixtures[0] as string)],
    ['a fixture without clusterValues', () => ({ ...fixture(fixtures[0] as string), clusterValues: undefined })],
    ['a fixture with an unknown helm major', () => ({ ...fixture(fixtures[0] as string), helm: { major: 5 } })],
  ];
  it.each(variants)('agrees with report.schema.json on %s', (_name, make) => {
    const json = JSON.parse(JSON.stringify(make())) as unknown;
    expect(Value.Check(JsonReport, json)).toBe(byFile.report(json));
    expect(Value.Check(LabReport, json)).toBe(byFile.lab(json));
  });
});
