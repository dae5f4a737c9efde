// The committed guides tell what the committed reports recorded. Fresh reports from a cluster run
// are checked the same way by `npx tsx labs/render.ts --check --reports DIR`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAB_VARIABLES } from '../../../harness/src/guide/lab-env.js';
import { asLabReport, blockKind, check, formatDifference, LONG_COMMAND_MS, parseGuide, referencedReports, reportKey, type Guide, type LabReport } from '../../../labs/blocks.js';
import { guideCommands, harnessOnly, notPasted } from '../../../labs/paste.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const labsDir = path.join(repoRoot, 'labs');
const fixturesDir = path.join(repoRoot, 'test/unit/labs/fixtures/reports');

const guides: Guide[] = readdirSync(labsDir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ path: `labs/${f}`, text: readFileSync(path.join(labsDir, f), 'utf8') }));

const fixtureFiles = readdirSync(fixturesDir).filter((f) => f.endsWith('.json')).sort();
const reports = new Map<string, LabReport>();
for (const f of fixtureFiles) {
  const r = asLabReport(JSON.parse(readFileSync(path.join(fixturesDir, f), 'utf8')), f);
  reports.set(reportKey(r.scenario.name, r.helm.major), r);
}

describe('the lab guides', () => {
  it('are listed in labs/README.md with exactly the scenarios their blocks come from', () => {
    const index = guides.find((g) => g.path === 'labs/README.md')!.text;
    for (const g of guides.filter((x) => /^labs\/0\d-/.test(x.path))) {
      const row = index.split('\n').find((l) => l.startsWith(`| [${path.basename(g.path)}]`));
      const listed = [...(row?.split('|').at(-2) ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).sort();
      const used = [...new Set(parseGuide(g.text).blocks.map((b) => b.spec.scenario))].sort();
      expect({ guide: g.path, listed }).toEqual({ guide: g.path, listed: used });
    }
  });

  it('are the six topics, each with expected-output blocks', () => {
    const topics = guides.filter((g) => /^labs\/0\d-/.test(g.path));
    expect(topics.map((g) => g.path)).toEqual([
      'labs/01-hook-failures.md',
      'labs/02-hook-types-and-annotations.md',
      'labs/03-migration-backup-cleanup.md',
      'labs/04-init-container-vs-hook.md',
      'labs/05-delete-policies-and-weights.md',
      'labs/06-testing-hooks-and-best-practices.md',
    ]);
    for (const g of topics) {
      const parsed = parseGuide(g.text);
      expect({ path: g.path, errors: parsed.errors }).toEqual({ path: g.path, errors: [] });
      expect(parsed.blocks.length).toBeGreaterThan(5);
    }
  });

  it('agree, block for block, with the committed reports', () => {
    const result = check(guides, reports);
    expect(result.problems).toEqual([]);
    expect(result.differences.map(formatDifference)).toEqual([]);
  });

  it('name the make target of every scenario their blocks come from', () => {
    const unnamed = guides
      .filter((g) => /^labs\/0\d-/.test(g.path))
      .flatMap((g) => [...new Set(parseGuide(g.text).blocks.map((b) => b.spec.scenario))].filter((s) => !g.text.includes(`make scenario-${s}`)).map((s) => `${g.path}: ${s}`));
    expect(unnamed).toEqual([]);
  });
});

describe('the commands of the guides', () => {
  const topics = guides.filter((g) => /^labs\/0\d-/.test(g.path));

  it('are the same on every cluster: nothing in them names the local cluster', () => {
    const local = topics.flatMap((g) => guideCommands(g.text).filter((c) => /values-local|demo-hooks\.local|\.cluster\//.test(c.text)).map((c) => `${g.path}:${c.line}: ${c.text}`));
    expect(local).toEqual([]);
    const setUp = guides.find((g) => g.path === 'labs/README.md')!.text;
    expect(guideCommands(setUp).map((c) => c.text).join('\n')).not.toMatch(/values-local|alias helm/);
  });

  it('never have a harness summary right under them: a block under a command is that command’s output', () => {
    const misplaced: string[] = [];
    for (const g of topics) {
      const parsed = parseGuide(g.text);
      for (const b of parsed.blocks) {
        if (!blockKind(b.spec.kind)?.harnessSummary) continue;
        // The lines above the marker, up to the first that is not blank.
        let i = b.startLine - 1;
        while (i >= 0 && !parsed.lines[i]!.trim()) i--;
        if (parsed.lines[i] === '```') misplaced.push(`${g.path}:${b.startLine + 1}: ${b.spec.source} right under a command`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('say how long they took, and why, when they ran longer than 10 s', () => {
    const unsaid: string[] = [];
    for (const g of topics) {
      const blocks = parseGuide(g.text).blocks;
      blocks.forEach((b, k) => {
        const kind = blockKind(b.spec.kind);
        if (!kind?.recording || b.spec.options.prompt === 'no') return;
        const long = b.spec.helms.some((h) => {
          const r = reports.get(reportKey(b.spec.scenario, h));
          return r !== undefined && kind.recording!(r, b.spec).durationMs > LONG_COMMAND_MS;
        });
        // The note is next to this command: within two blocks (the other Helm's block may come between), for its Helm.
        const noted = blocks
          .slice(Math.max(0, k - 2), k + 3)
          .some((n) => n.spec.kind === 'took' && n.spec.scenario === b.spec.scenario && n.spec.args[0] === b.spec.args[0] && b.spec.kind === 'command' && b.spec.helms.every((h) => n.spec.helms.includes(h)));
        if (long && !noted) unsaid.push(`${g.path}:${b.startLine + 1}: ${b.spec.source}`);
      });
    }
    expect(unsaid).toEqual([]);
  });

  it('leave out of the paste only what follows a command the harness had to act on, each one said in the guide', () => {
    // The commands whose block holds what the harness did while they ran; a new one is a decision, made here.
    const marked = topics.flatMap((g) => guideCommands(g.text).filter(harnessOnly).map((c) => `${g.path}: ${c.block!.spec.source}`));
    expect(marked).toEqual([
      'labs/06-testing-hooks-and-best-practices.md: ttl-hook helm3 command job-deleted-mid-hook stdout=6 paste=no',
      'labs/06-testing-hooks-and-best-practices.md: ttl-hook helm4 command job-deleted-mid-hook from=^Error paste=no',
      'labs/06-testing-hooks-and-best-practices.md: killed-upgrade helm3,helm4 command kill-9-upgrade paste=no',
      'labs/06-testing-hooks-and-best-practices.md: killed-upgrade helm3 command ctrl-c-upgrade paste=no',
      'labs/06-testing-hooks-and-best-practices.md: killed-upgrade helm4 command ctrl-c-upgrade paste=no',
    ]);
    for (const g of topics) {
      const lines = g.text.split('\n');
      for (const c of guideCommands(g.text).filter(harnessOnly)) {
        // The reader is told, within the few lines above the block (or the other Helm's block), before pasting.
        const above = lines.slice(Math.max(0, c.line - 25), c.line - 1).join('\n');
        expect({ at: `${g.path}:${c.line}`, said: /not for pasting/i.test(above) }).toEqual({ at: `${g.path}:${c.line}`, said: true });
      }
      // Nothing but the harness-only commands and what follows them in their part.
      for (const major of [3, 4] as const) {
        const left = notPasted(guideCommands(g.text), major);
        if (left.length) expect(harnessOnly(left[0]!)).toBe(true);
      }
    }
    const killed = guideCommands(topics.find((g) => g.path.includes('06-'))!.text);
    expect(notPasted(killed, 3).map((c) => c.block?.spec.source ?? c.text)).toEqual([
      'ttl-hook helm3 command job-deleted-mid-hook stdout=6 paste=no',
      'killed-upgrade helm3,helm4 command kill-9-upgrade paste=no',
      'killed-upgrade helm3,helm4 command upgrade-refused stdout=0',
      'killed-upgrade helm3,helm4 command rollback-to-1',
      'killed-upgrade helm3 command ctrl-c-upgrade paste=no',
      'killed-upgrade helm3,helm4 command rollback-refused stdout=0',
      'killed-upgrade helm3,helm4 command uninstall-pending-install',
    ]);
  });

  it('run with the variables labs/setup.sh exports, which the harness sets the same way', () => {
    const setup = readFileSync(path.join(labsDir, 'setup.sh'), 'utf8');
    for (const v of ['PATH', 'HELM_VERSION']) expect(setup).toMatch(new RegExp(`^export ${v}=`, 'm'));
    // The rest come from `demo-hooks cluster env`, which prints exactly these.
    expect(setup).toMatch(/^eval "\$\(node bin\/demo-hooks\.js cluster env\)"$/m);
    expect([...LAB_VARIABLES].sort()).toEqual(['CLUSTER_VALUES', 'HELM_VERSION', 'KUBECONFIG']);
  });
});

describe('the report fixtures', () => {
  it('are exactly the reports the guides use', () => {
    // Sorted as keys: file names sort "install-fail-…" before "install-helm3", keys the other way round.
    expect(fixtureFiles.map((f) => f.replace(/-helm(\d)\.json$/, ' helm$1')).sort()).toEqual([...referencedReports(guides)].sort());
  });

  it('hold no secret value', () => {
    for (const f of fixtureFiles) {
      const text = readFileSync(path.join(fixturesDir, f), 'utf8');
      // A key reference (`key: postgres-password`) is fine; a value after it is not.
      expect({ f, values: text.match(/postgres-password\\?["']?\s*[:=]\s*(?!<redacted>)[A-Za-z0-9+/=]{6,}/g) }).toEqual({ f, values: null });
      expect({ f, secrets: text.match(/kind:\s*Secret/g) }).toEqual({ f, secrets: null });
      expect({ f, passwords: text.match(/PASSWORD\\?["']?\s*[:=]\s*\\?"?(?!<redacted>)[A-Za-z0-9+/=]{12,}/g) }).toEqual({ f, passwords: null });
    }
  });
});
