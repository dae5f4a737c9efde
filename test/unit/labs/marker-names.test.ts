// Guide markers name steps (`command migration-fails`); the names are resolved through the
// scenarios' definitions (harness/src/scenario/step-names.ts), never stored in a report. These
// tests hold that resolution to the recorded reports: each step's commands are where the
// definition says, so a name always points at the command its step ran.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { actionCommands, asLabReport, blockKind, namedSteps, parseGuide, reportKey, type LabReport } from '../../../labs/blocks.js';
import { recordedCounts } from '../../../harness/src/scenario/step-names.js';
import { stepTitle, type Scenario } from '../../../harness/src/scenario/types.js';
import type { HelmMajor } from '../../../harness/src/helm/types.js';
import { allScenarios } from '../../../scenarios/index.js';

const fixtures = path.resolve('test/unit/labs/fixtures/reports');
const reports = new Map<string, LabReport>(
  readdirSync(fixtures)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const r = asLabReport(JSON.parse(readFileSync(path.join(fixtures, f), 'utf8')), f);
      return [reportKey(r.scenario.name, r.helm.major), r];
    }),
);
const recorded = allScenarios.flatMap((s) => ([3, 4] as HelmMajor[]).filter((m) => reports.has(reportKey(s.name, m))).map((m) => [`${s.name} helm${m}`, s, m] as [string, Scenario, HelmMajor]));

const guides = readdirSync('labs')
  .filter((f) => /^\d\d-.*\.md$/.test(f))
  .map((f) => ({ path: `labs/${f}`, text: readFileSync(path.join('labs', f), 'utf8') }));

/** Where a marker refers to a command: the kind's argument, or history's after=. */
function references(spec: { kind: string; args: string[]; options: Record<string, string> }): { ref: string; typed: boolean }[] {
  const refs: { ref: string; typed: boolean }[] = [];
  if (['command', 'took', 'timeline', 'events'].includes(spec.kind) && spec.args[0] !== undefined) refs.push({ ref: spec.args[0], typed: false });
  if (spec.kind === 'shell' && spec.args[0] !== undefined) refs.push({ ref: spec.args[0], typed: true });
  if (spec.kind === 'history' && spec.options.after !== undefined) refs.push({ ref: spec.options.after, typed: false });
  return refs;
}

describe('what a scenario definition says its runs record', () => {
  it('covers every recorded fixture', () => {
    expect(recorded.length).toBeGreaterThan(40);
  });

  it.each(recorded)('%s: as many commands as the report, each where its step is', (_, scenario, major) => {
    const r = reports.get(reportKey(scenario.name, major))!;
    expect(recordedCounts(scenario)).toEqual({ helm: actionCommands(r).length, typed: r.typedCommands.length });
    const actions = actionCommands(r);
    let helm = 0;
    let typed = 0;
    const misplaced: string[] = [];
    for (const step of scenario.steps) {
      for (let i = 0; i < (step.records?.helm ?? 0); i++) {
        const c = actions[helm++]!;
        if (!stepTitle(step, major).includes(`helm ${c.args[0]}`)) misplaced.push(`"${stepTitle(step, major)}" got helm ${c.args.slice(0, 2).join(' ')}`);
      }
      for (let i = 0; i < (step.records?.typed ?? 0); i++) {
        const c = r.typedCommands[typed++]!;
        if (step.types !== undefined && step.types !== c.command) misplaced.push(`"${stepTitle(step, major)}" got $ ${c.command}`);
      }
    }
    expect(misplaced).toEqual([]);
  });
});

describe('the guides’ markers', () => {
  it('name steps, never count to them', () => {
    const counted = guides.flatMap((g) =>
      parseGuide(g.text)
        .blocks.filter((b) => references(b.spec).some(({ ref }) => /^\d+$/.test(ref)))
        .map((b) => `${g.path}:${b.startLine + 1}: ${b.spec.source}`),
    );
    expect(counted).toEqual([]);
  });

  it('name a step of their scenario that records such a command, the one the report holds there', () => {
    const wrong: string[] = [];
    for (const g of guides) {
      for (const b of parseGuide(g.text).blocks) {
        expect(blockKind(b.spec.kind)).toBeDefined();
        for (const { ref, typed } of references(b.spec)) {
          if (/^\d+$/.test(ref)) continue;
          const place = namedSteps(b.spec.scenario).get(ref);
          const n = typed ? place?.typed : place?.helm;
          if (!place || n === undefined) {
            wrong.push(`${g.path}:${b.startLine + 1}: ${b.spec.source}: no step "${ref}" that ${typed ? 'types a command' : 'runs helm'}`);
            continue;
          }
          for (const major of b.spec.helms as HelmMajor[]) {
            const r = reports.get(reportKey(b.spec.scenario, major))!;
            const title = stepTitle(place.step, major);
            const ok = typed ? r.typedCommands[n - 1]?.command === place.step.types : title.includes(`helm ${actionCommands(r)[n - 1]?.args[0]}`);
            if (!ok) wrong.push(`${g.path}:${b.startLine + 1}: ${b.spec.source}: "${title}" is not the report's command ${n}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('scenario parts', () => {
  // killed-upgrade tells three stories under one heading of lab 06; its parts name the stories.
  const storiesUnderOneHeading = new Set(['killed-upgrade']);

  it('are headings of the guides', () => {
    const headings = new Set(guides.flatMap((g) => [...g.text.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!)));
    const missing = allScenarios
      .filter((s) => !storiesUnderOneHeading.has(s.name))
      .flatMap((s) => s.parts.filter((p) => !headings.has(p.title)).map((p) => `${s.name}: ${p.title}`));
    expect(missing).toEqual([]);
    expect(allScenarios.filter((s) => s.parts.length).map((s) => s.name)).toEqual(['pre-fail', 'weights', 'delete-policies', 'rollback-hooks', 'killed-upgrade']);
  });
});
