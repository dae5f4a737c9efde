// A guide's blocks brought up to date from the reports, or checked against them.
import { unifiedDiff } from '../../harness/src/assert/diff.js';
import type { BlockKind, BlockSpec } from './kind.js';
import { intOption } from './kind.js';
import { renderRecording, type Recording } from './recording.js';
import { blockKind } from './registry.js';
import { BlockError, reportKey, type LabReport, type ReportSet } from './report.js';
import { parseGuide, parseSpec } from './spec.js';

const DEFAULT_WIDTH = 240;

/** Lines longer than `width` end in " …"; the first `keep` lines are never cut. */
function clip(lines: string[], width: number, keep = 0): string[] {
  return width > 0 ? lines.map((l, i) => (i >= keep && l.length > width ? `${l.slice(0, width - 2)} …` : l)) : lines;
}

/** A fence longer than any backtick run inside. */
export function fence(content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}text\n${content}\n${f}`;
}

function kindOf(spec: BlockSpec): BlockKind {
  const kind = blockKind(spec.kind);
  if (!kind) throw new BlockError(`unknown kind "${spec.kind}"`);
  return kind;
}

/**
 * The text of one report's block, without the fence: a harness summary's label first, then the
 * kind's lines. Lines longer than width= (240) are cut, except the command to type.
 */
export function renderFromReport(r: LabReport, spec: BlockSpec): string {
  const kind = kindOf(spec);
  if (!kind.render) throw new BlockError(`${spec.kind} renders prose from every report at once, not a block from one`);
  const lines = kind.render(r, spec);
  const keep = kind.recording && spec.options.prompt !== 'no' ? lines.findIndex((l) => !l.endsWith(' \\')) + 1 : 0;
  const label = kind.harnessSummary ? [kind.harnessSummary(r, spec)] : [];
  return [...label, ...clip(lines, intOption(spec, 'width', DEFAULT_WIDTH), keep)].join('\n');
}

/**
 * What a recording block would hold for output a real shell printed (the paste test): the same
 * normalisation, cuts and width as the block rendered from a report.
 */
export function renderPasted(spec: BlockSpec, rec: Recording, names: readonly string[]): string {
  const kind = kindOf(spec);
  if (!kind.recording || !kind.normalise) throw new BlockError(`${spec.kind} shows no command's output`);
  const normalise = kind.normalise;
  const lines = renderRecording(rec, spec, (t) => normalise(t, names), 'the pasted command');
  const keep = spec.options.prompt !== 'no' ? lines.findIndex((l) => !l.endsWith(' \\')) + 1 : 0;
  return clip(lines, intOption(spec, 'width', DEFAULT_WIDTH), keep).join('\n');
}

function reportsFor(spec: BlockSpec, reports: ReportSet): LabReport[] {
  return spec.helms.map((major) => {
    const r = reports.get(reportKey(spec.scenario, major));
    if (!r) throw new BlockError(`no report ${spec.scenario}-helm${major}.json`);
    return r;
  });
}

const MORE_LINES = /^… \((\d+) more lines\)$/;

/**
 * Helm 3's and Helm 4's text as one, when they differ at most in how many lines a cut left out
 * (Helm 4's install prints a DESCRIPTION line more): "… (6 more lines on Helm 3, 7 on Helm 4)".
 * Undefined when they differ in anything else.
 */
function mergeCounts(h3: string[], h4: string[]): string[] | undefined {
  if (h3.length !== h4.length) return undefined;
  const out: string[] = [];
  for (const [i, a] of h3.entries()) {
    const b = h4[i] ?? '';
    if (a === b) out.push(a);
    else {
      const [ma, mb] = [MORE_LINES.exec(a), MORE_LINES.exec(b)];
      if (!ma || !mb) return undefined;
      out.push(`… (${ma[1]} more lines on Helm 3, ${mb[1]} on Helm 4)`);
    }
  }
  return out;
}

/** What a guide must hold between the markers: a fenced block, or a kind's line of prose. */
export function renderBlock(spec: BlockSpec, reports: ReportSet): string {
  const kind = kindOf(spec);
  if (kind.renderProse) return kind.renderProse(reportsFor(spec, reports), spec);
  const texts = reportsFor(spec, reports).map((r) => renderFromReport(r, spec));
  const [first, second] = texts.map((t) => t.split('\n'));
  const merged = second === undefined ? first : mergeCounts(first ?? [], second);
  if (!merged) {
    throw new BlockError(`helm3 and helm4 differ; show them as two blocks:\n${unifiedDiff(first ?? [], second ?? [], 'helm3', 'helm4').join('\n')}`);
  }
  return fence(merged.join('\n'));
}

// ─── Guides ─────────────────────────────────────────────────────────────────────────────────

export interface Guide {
  path: string;
  text: string;
}

export interface BlockDifference {
  path: string;
  /** 1-based line of the opening marker. */
  line: number;
  source: string;
  diff: string[];
}

export interface GuideResult {
  /** The guide with every block that could be rendered brought up to date. */
  text: string;
  differences: BlockDifference[];
  problems: string[];
}

/** Renders every block of one guide; blocks that cannot be rendered stay as they are. */
export function updateGuide(guide: Guide, reports: ReportSet): GuideResult {
  const parsed = parseGuide(guide.text);
  const problems = parsed.errors.map((e) => `${guide.path}: ${e}`);
  const differences: BlockDifference[] = [];
  const lines = [...parsed.lines];
  // From the last block up, so earlier line numbers stay valid while replacing.
  for (const b of [...parsed.blocks].reverse()) {
    let expected: string;
    try {
      expected = renderBlock(b.spec, reports);
    } catch (err) {
      problems.unshift(`${guide.path}:${b.startLine + 1}: ${b.spec.source}: ${(err as Error).message}`);
      continue;
    }
    if (expected === b.body) continue;
    differences.unshift({
      path: guide.path,
      line: b.startLine + 1,
      source: b.spec.source,
      diff: unifiedDiff(b.body.split('\n'), expected.split('\n'), 'guide', 'reports'),
    });
    lines.splice(b.startLine + 1, b.endLine - b.startLine - 1, ...expected.split('\n'));
  }
  return { text: lines.join('\n'), differences, problems };
}

export interface CheckResult {
  differences: BlockDifference[];
  problems: string[];
}

/**
 * Every block of every guide against the reports: empty lists mean the guides tell the truth.
 * Text that differs on every run by its nature (a kind's `varies`: durations) is not drift.
 */
export function check(guides: readonly Guide[], reports: ReportSet): CheckResult {
  const results = guides.map((g) => updateGuide(g, reports));
  const drift = (d: BlockDifference) => !blockKind(parseSpec(d.source).kind)?.varies && !onlyCutCounts(d.diff);
  return { differences: results.flatMap((r) => r.differences).filter(drift), problems: results.flatMap((r) => r.problems) };
}

/**
 * A difference in nothing but how many lines a cut hides is not drift: what Helm prints above the
 * line a block starts from differs from run to run (Helm 3 prints as many lines of the failed hook's
 * log as it caught before the pod went; Helm 4's client-go logs a watch that ended now and then).
 * The lines the guide shows are still compared. The paste test takes the same rule.
 */
export function onlyCutCounts(diff: readonly string[]): boolean {
  const changed = diff.filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));
  return changed.length > 0 && changed.every((l) => /^[-+]… \(\d+ more lines( on Helm 3, \d+ on Helm 4)?\)$/.test(l));
}

export function formatDifference(d: BlockDifference): string {
  return [`${d.path}:${d.line}: ${d.source} differs from the reports`, ...d.diff].join('\n');
}

/** The reports the guides' blocks come from, as "scenario helmN" keys. */
export function referencedReports(guides: readonly Guide[]): string[] {
  const keys = new Set<string>();
  for (const g of guides) for (const b of parseGuide(g.text).blocks) for (const h of b.spec.helms) keys.add(reportKey(b.spec.scenario, h));
  return [...keys].sort();
}
