// The JSON report's published contract: harness/report.schema.json is what the contract
// (harness/src/report-contract.ts) gives, and holds for reports the harness writes now and for the
// reports the labs' committed fixtures were cut from.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { repoRoot } from '../../../harness/src/paths.js';
import { JSON_REPORT_VERSION, toJsonReport } from '../../../harness/src/report/json.js';
import { REPORT_SCHEMA_ID, reportJsonSchemaText } from '../../../harness/src/report/json-schema.js';
import { preFailRun } from './fixtures/run-result.js';

const schemaText = readFileSync(path.join(repoRoot, 'harness', 'report.schema.json'), 'utf8');
const schema = JSON.parse(schemaText) as { $id: string; properties: { reportVersion: { const: number } } };
const ajv = new Ajv({ allErrors: true });
ajv.addSchema(schema);
const validateReport = ajv.getSchema(schema.$id)!;
const validateLabReport = ajv.getSchema(`${schema.$id}#/definitions/labReport`)!;
const errors = (validate: typeof validateReport) => ajv.errorsText(validate.errors, { separator: '\n' });

/** A report as written to disk and read back: what a consumer of the file sees. */
const onDisk = (r: ReturnType<typeof preFailRun>) => JSON.parse(JSON.stringify(toJsonReport(r))) as unknown;

describe('report.schema.json', () => {
  it('is generated from the contract and current (npx tsx hack/report-schema.ts rewrites it)', () => {
    expect(schemaText).toBe(reportJsonSchemaText());
    expect(schema.$id).toBe(REPORT_SCHEMA_ID);
  });

  it('names the report version the harness writes', () => {
    expect(schema.properties.reportVersion.const).toBe(JSON_REPORT_VERSION);
  });

  it.each([
    ['a passed run', preFailRun()],
    ['a failed run with diagnostics and a kept namespace', preFailRun({
      outcome: 'failed',
      reason: '1 assertion(s) failed',
      diagnostics: { podLogs: [{ pod: 'p', container: 'c', log: 'l' }], warnings: [], observerErrors: ['Job watch blind from a to b: read ECONNRESET (resumed)'] },
      observerGaps: [{ watch: 'Job', from: '2026-03-01T10:00:01.000Z', to: '2026-03-01T10:00:02.000Z', reason: 'read ECONNRESET', closedBy: 'resumed' }],
      namespaceFate: { kept: true, why: 'the run failed', inspect: ['kubectl get pods'] },
    })],
    ['a run whose setup failed', preFailRun({ outcome: 'error', reason: 'setting up the run failed: x', steps: [], commands: [], history: undefined, historyError: 'Error: release: not found', timeline: [], pods: [], hookLogs: [] })],
    ['a run that was not cleaned up', preFailRun({ outcome: 'not cleaned up', namespaceFate: { kept: true, why: 'deleting it failed', cleanupError: 'timed out', leftBehind: ['namespace/x (Terminating)'] } })],
  ])('holds for what the harness writes: %s', (_name, run) => {
    const valid = validateReport(onDisk(run));
    expect(valid ? '' : errors(validateReport)).toBe('');
  });

  it('rejects a report that breaks the contract', () => {
    const report = onDisk(preFailRun()) as Record<string, unknown>;
    expect(validateReport({ ...report, outcome: 'green' })).toBe(false);
    expect(validateReport({ ...report, observerGaps: undefined })).toBe(false);
    expect(validateReport({ ...report, reportVersion: 1 })).toBe(false);
    expect(validateReport({ ...report, pods: [{ name: 'p' }] })).toBe(false);
  });

  const fixturesDir = path.join(repoRoot, 'test', 'unit', 'labs', 'fixtures', 'reports');
  const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.json'));

  it('the labs’ fixtures are there to check', () => {
    expect(fixtures.length).toBeGreaterThan(30);
  });

  it.each(fixtures)('holds for the part the labs read, in fixture %s', (file) => {
    const valid = validateLabReport(JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8')));
    expect(valid ? '' : errors(validateLabReport)).toBe('');
  });

  it('every full report is also a lab report', () => {
    expect(validateLabReport(onDisk(preFailRun()))).toBe(true);
  });
});
