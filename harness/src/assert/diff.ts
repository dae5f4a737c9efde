// Readable differences: "- " lines are what the lab expects, "+ " lines what the cluster did.

/** Line diff by longest common subsequence; equal lines are kept (prefixed "  ") for context. */
export function lineDiff(expected: readonly string[], actual: readonly string[]): string {
  const n = expected.length;
  const m = actual.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = expected[i] === actual[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      out.push(`  ${expected[i]}`);
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(`- ${expected[i]}`);
      i++;
    } else {
      out.push(`+ ${actual[j]}`);
      j++;
    }
  }
  return out.join('\n');
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
