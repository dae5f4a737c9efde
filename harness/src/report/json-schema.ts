// harness/report.schema.json, drawn from the contract (report-contract.ts): JsonReport at the
// root, and every schema with an `$id` met on the way (plus LabReport) as a named definition that
// each use refers to. Pure; hack/report-schema.ts writes it and a unit test checks it is current.
import { JsonReport, LabReport } from '../report-contract.js';

export const REPORT_SCHEMA_ID = 'https://demo-hooks.dev/report.schema.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The JSON Schema (draft-07) of a report; `$ref`s point at `#/definitions/<$id>`. */
export function reportJsonSchema(): Record<string, Json> {
  const definitions = new Map<string, Json>();
  const pending: { id: string; schema: object }[] = [];

  const visit = (node: unknown): Json => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node as Json;
    const id = (node as { $id?: unknown }).$id;
    if (typeof id === 'string') {
      pending.push({ id, schema: node });
      return { $ref: `#/definitions/${id}` };
    }
    // Own string keys only: TypeBox's markers are symbols.
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
  };
  /** A named schema's own body: the same visit, less the `$id` that names it. */
  const body = (schema: object): Json => visit(Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$id')));

  const root = body(JsonReport) as Record<string, Json>;
  pending.push({ id: LabReport.$id as string, schema: LabReport });
  while (pending.length > 0) {
    const { id, schema } = pending.shift() as { id: string; schema: object };
    const emitted = body(schema);
    const seen = definitions.get(id);
    if (seen === undefined) definitions.set(id, emitted);
    else if (JSON.stringify(seen) !== JSON.stringify(emitted)) throw new Error(`report-contract.ts: two different schemas are named ${id}`);
  }
  const { title, description, ...rest } = root;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: REPORT_SCHEMA_ID,
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    ...rest,
    definitions: Object.fromEntries(definitions),
  };
}

/** The file's text, as hack/report-schema.ts writes it. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
