// What a block kind is: the arguments and options its marker takes, and how it renders. Each
// kind is one module in kinds/, listed once in registry.ts.
import { BlockError, type LabReport } from './report.js';

export interface BlockSpec {
  scenario: string;
  /** Helm majors to render from; with two, both must render the same text (unless the kind combines them). */
  helms: number[];
  kind: string;
  args: string[];
  options: Record<string, string>;
  /** The marker's text after "expected:", for messages. */
  source: string;
}

export interface BlockKind {
  name: string;
  /** One line for labs/CONTRIBUTING.md and errors. */
  shows: string;
  minArgs: number;
  maxArgs: number;
  /** Options besides width=, which every fenced kind takes. */
  options: readonly string[];
  /**
   * Set on kinds that show what the harness gathered rather than what a command printed: the
   * block's first line says so, right there in the guide, so it is never taken for a command's output.
   */
  harnessSummary?: (r: LabReport, spec: BlockSpec) => string;
  /** Lines of the block, from one report. */
  render?(r: LabReport, spec: BlockSpec): string[];
  /**
   * Why this kind's text differs on every run (`took`: durations). `render.ts` rewrites it, but
   * `--check` against other runs' reports does not count it as drift.
   */
  varies?: string;
  /** Prose instead of a fenced block, from every report the marker names at once (e.g. `took`). */
  renderProse?(reports: readonly LabReport[], spec: BlockSpec): string;
  /** The recorded command a fenced kind shows (`command`, `shell`): checked by the paste test. */
  recording?(r: LabReport, spec: BlockSpec): { durationMs: number; startedAt: string };
  /** How a recording kind normalises output: the paste test treats what a real shell printed the same way. */
  normalise?(text: string, names: readonly string[]): string;
}

export function intOption(spec: BlockSpec, key: string, fallback: number): number {
  const v = spec.options[key];
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new BlockError(`${key}=${v} is not a whole number`);
  return Number(v);
}

export function regexOption(spec: BlockSpec, key: string, flags = ''): RegExp | undefined {
  const v = spec.options[key];
  if (v === undefined) return undefined;
  try {
    return new RegExp(v, flags);
  } catch (err) {
    throw new BlockError(`${key}=${v}: ${(err as Error).message}`);
  }
}

/** The first `max` lines, and how many were left out (or just "…" when the count would vary). */
export function head(lines: string[], max: number, count = true): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), count ? `… (${lines.length - max} more lines)` : '…'];
}
