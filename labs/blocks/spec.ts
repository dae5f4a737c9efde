// The markers around a guide's blocks: `<!-- expected: SCENARIO HELM KIND [ARGS] [key=value…] -->`
// … `<!-- /expected -->`. What each kind accepts comes from the kind itself (registry.ts).
import type { BlockSpec } from './kind.js';
import { BLOCK_KINDS, blockKind, optionsOf } from './registry.js';
import { BlockError } from './report.js';

export type { BlockSpec } from './kind.js';

/** Splits on blanks; `key="a b"` and `"a b"` keep their blanks (quotes removed, \" kept as "). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /(?:[^\s"]+|"(?:\\.|[^"\\])*")+/g;
  for (const m of text.matchAll(re)) {
    tokens.push(m[0].replace(/"((?:\\.|[^"\\])*)"/g, (_q, inner: string) => inner.replace(/\\"/g, '"')));
  }
  return tokens;
}

export function parseSpec(source: string): BlockSpec {
  const tokens = tokenize(source.trim());
  const [scenario, helmList, kind, ...rest] = tokens;
  const usage = 'expected "SCENARIO helm3|helm4|helm3,helm4 KIND [ARGS] [key=value…]"';
  if (!scenario || !helmList || !kind) throw new BlockError(`marker "${source}": ${usage}`);
  if (!/^helm[34](,helm[34])?$/.test(helmList)) throw new BlockError(`marker "${source}": "${helmList}" is not helm3, helm4 or helm3,helm4`);
  const rules = blockKind(kind);
  if (!rules) throw new BlockError(`marker "${source}": unknown kind "${kind}" (kinds: ${BLOCK_KINDS.map((k) => k.name).join(', ')})`);
  const allowed = optionsOf(rules);
  const args: string[] = [];
  const options: Record<string, string> = {};
  for (const t of rest) {
    const eq = t.indexOf('=');
    if (eq > 0) {
      const key = t.slice(0, eq);
      if (!allowed.includes(key)) {
        throw new BlockError(`marker "${source}": ${kind} takes no option "${key}"${allowed.length ? ` (options: ${allowed.join(', ')})` : ''}`);
      }
      options[key] = t.slice(eq + 1);
    } else {
      args.push(t);
    }
  }
  if (args.length < rules.minArgs || args.length > rules.maxArgs) {
    throw new BlockError(`marker "${source}": ${kind} takes ${rules.minArgs === rules.maxArgs ? rules.minArgs : `${rules.minArgs} to ${rules.maxArgs}`} argument(s), got ${args.length}`);
  }
  const helms = [...new Set(helmList.split(',').map((h) => Number(h.slice(4))))];
  return { scenario, helms, kind, args, options, source: source.trim() };
}

export interface ParsedBlock {
  spec: BlockSpec;
  /** 0-based line numbers of the opening and closing markers. */
  startLine: number;
  endLine: number;
  /** The lines between the markers, joined with \n. */
  body: string;
}

export interface ParsedGuide {
  lines: string[];
  blocks: ParsedBlock[];
  errors: string[];
}

const OPEN = /^<!--\s*expected:\s*(.*?)\s*-->\s*$/;
const CLOSE = /^<!--\s*\/expected\s*-->\s*$/;

/** Finds every block; errors name the 1-based line. */
export function parseGuide(text: string): ParsedGuide {
  const lines = text.split('\n');
  const blocks: ParsedBlock[] = [];
  const errors: string[] = [];
  let open: { line: number; spec?: BlockSpec } | undefined;
  lines.forEach((line, i) => {
    const o = OPEN.exec(line);
    if (o) {
      if (open) errors.push(`line ${open.line + 1}: block not closed before the next one at line ${i + 1}`);
      try {
        open = { line: i, spec: parseSpec(o[1] ?? '') };
      } catch (err) {
        errors.push(`line ${i + 1}: ${(err as Error).message}`);
        open = { line: i };
      }
      return;
    }
    if (CLOSE.test(line)) {
      if (!open) {
        errors.push(`line ${i + 1}: <!-- /expected --> without an opening marker`);
        return;
      }
      if (open.spec) blocks.push({ spec: open.spec, startLine: open.line, endLine: i, body: lines.slice(open.line + 1, i).join('\n') });
      open = undefined;
    }
  });
  if (open) errors.push(`line ${open.line + 1}: block never closed with <!-- /expected -->`);
  return { lines, blocks, errors };
}
