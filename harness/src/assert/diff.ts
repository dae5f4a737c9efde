// Readable differences: "- " lines are what the lab expects, "+ " lines what the cluster did.

type DiffOp = { tag: ' ' | '-' | '+'; text: string };

/** The one line diff of the project: longest common subsequence, "-" lines from `a`, "+" from `b`. */
function diffOps(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ tag: ' ', text: a[i]! });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ tag: '-', text: a[i]! });
      i++;
    } else {
      ops.push({ tag: '+', text: b[j]! });
      j++;
    }
  }
  return ops;
}

/** Line diff of what was expected against what happened; equal lines are kept (prefixed "  ") for context. */
export function lineDiff(expected: readonly string[], actual: readonly string[]): string {
  return diffOps(expected, actual)
    .map((op) => `${op.tag === ' ' ? ' ' : op.tag} ${op.text}`)
    .join('\n');
}

/** The same diff as a unified diff: a header naming both sides, `context` equal lines around each change, "@@" between hunks. */
export function unifiedDiff(a: readonly string[], b: readonly string[], aName: string, bName: string, context = 3): string[] {
  const ops = diffOps(a, b);
  const show = ops.map((_op, k) => ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o.tag !== ' '));
  const out = [`--- ${aName}`, `+++ ${bName}`];
  let gap = true;
  ops.forEach((op, k) => {
    if (!show[k]) {
      gap = true;
      return;
    }
    if (gap) out.push('@@');
    gap = false;
    out.push(`${op.tag}${op.text}`);
  });
  return out;
}

export interface FieldCheck {
  field: string;
  expected: string;
  actual: string;
  ok: boolean;
}

/** One line per field that differs: "- exitCode: 1" / "+ exitCode: 0". */
export function fieldDiff(checks: readonly FieldCheck[]): string {
  return checks
    .filter((c) => !c.ok)
    .flatMap((c) => [`- ${c.field}: ${c.expected}`, `+ ${c.field}: ${c.actual}`])
    .join('\n');
}
