// Reading a report back: parsed JSON checked against one of the contract's schemas
// (report-contract.ts), so what a reader gets is what its type says. The first thing wrong is
// named in words: "no helm.major", "outcome is \"green\", not one of passed, failed, …".
import type { Static, TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { JSON_REPORT_VERSION } from '../report-contract.js';

export class ReportShapeError extends Error {
  constructor(
    readonly what: string,
    readonly source: string,
  ) {
    super(`${source}: not a scenario report (${what})`);
    this.name = 'ReportShapeError';
  }
}

/** The parsed JSON as the schema's type, or a ReportShapeError naming what is wrong first. */
export function readReportAs<S extends TSchema>(schema: S, json: unknown, source: string): Static<S> {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ReportShapeError('not a JSON object', source);
  if (Value.Check(schema, json)) return json;
  const first = Value.Errors(schema, json).First();
  const version = (json as { reportVersion?: unknown }).reportVersion;
  const older = typeof version === 'number' && version !== JSON_REPORT_VERSION ? `; it is of reportVersion ${version}, this harness writes ${JSON_REPORT_VERSION}: run the scenario again` : '';
  throw new ReportShapeError(`${first ? describeError(first) : 'does not match the contract'}${older}`, source);
}

/** "/commands/0/args" → "commands[0].args" */
function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');
}

interface SchemaLike {
  type?: unknown;
  required?: string[];
  properties?: Record<string, SchemaLike>;
  anyOf?: SchemaLike[];
  const?: unknown;
}

/** A missing object is described by the first thing it must hold: "no helm.major", not "no helm". */
function firstRequiredLeaf(schema: SchemaLike, at: string): string {
  const key = schema.type === 'object' ? schema.required?.[0] : undefined;
  const inner = key === undefined ? undefined : schema.properties?.[key];
  return inner && key !== undefined ? firstRequiredLeaf(inner, `${at}.${key}`) : at;
}

function expected(schema: SchemaLike): string {
  if (schema.anyOf?.every((s) => 'const' in s)) return `one of ${schema.anyOf.map((s) => JSON.stringify(s.const)).join(', ')}`;
  if (schema.anyOf) return schema.anyOf.map(expected).join(' or ');
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema.type === 'array') return 'a list';
  if (schema.type === 'object') return 'an object';
  return typeof schema.type === 'string' ? `a ${schema.type}` : 'something else';
}

function describeError(e: ValueError): string {
  const at = dotted(e.path) || 'the report';
  const schema = e.schema as SchemaLike;
  if (e.type === ValueErrorType.ObjectRequiredProperty || e.value === undefined) {
    const leaf = firstRequiredLeaf(schema, at);
    return schema.type === 'array' ? `no ${leaf} list` : `no ${leaf}`;
  }
  if (e.type === ValueErrorType.ObjectAdditionalProperties) return `${at} is not part of the contract`;
  return `${at} is ${JSON.stringify(e.value)?.slice(0, 60) ?? String(e.value)}, not ${expected(schema)}`;
}
