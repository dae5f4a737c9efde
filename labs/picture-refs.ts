// The pictures the guides show: every `](img/<scenario>-helm<N>-<step>.svg)` in labs/*.md is a
// picture of the Helm command of that scenario's step named <step> (as a marker names it, e.g.
// img/pre-fail-helm3-migration-fails.svg; `command<K>`, the Kth command, is still read) in its run on
// Helm N, drawn from the same report the guide's expected-output blocks come from. The file name is
// the whole specification, so a picture can be drawn again and compared byte for byte (the drawing
// is deterministic); labs/pictures.ts does the files.
import { renderPicture } from '../harness/src/report/picture.js';
import type { HtmlReportInput } from '../harness/src/report/html.js';
import { namedSteps } from './blocks/report.js';

export interface PictureRef {
  /** As the guide writes it, relative to labs/: img/pre-fail-helm3-migration-fails.svg */
  file: string;
  scenario: string;
  helm: 3 | 4;
  /** The step as the file names it: migration-fails (or command2). */
  step: string;
  /** Its Helm command, 1-based among those that change the release; 0 when the scenario names no such step. */
  command: number;
  /** Guides that show it, as labs/NAME.md. */
  guides: string[];
}

const REF = /\]\((img\/([a-z0-9]+(?:-[a-z0-9]+)*)-helm([34])-([a-z0-9]+(?:-[a-z0-9]+)*)\.svg)\)/g;

/** The Helm command a picture's step is: `command<K>`, or the step of that name in the scenario's definition. */
function commandOf(scenario: string, step: string): number {
  const counted = /^command(\d+)$/.exec(step);
  if (counted) return Number(counted[1]);
  try {
    return namedSteps(scenario).get(step)?.helm ?? 0;
  } catch {
    return 0;
  }
}

export function pictureRefs(guides: readonly { path: string; text: string }[]): PictureRef[] {
  const refs = new Map<string, PictureRef>();
  for (const g of guides) {
    for (const m of g.text.matchAll(REF)) {
      const [, file, scenario, helm, step] = m as unknown as [string, string, string, string, string];
      const ref = refs.get(file) ?? { file, scenario, helm: Number(helm) as 3 | 4, step, command: commandOf(scenario, step), guides: [] };
      if (!ref.guides.includes(g.path)) ref.guides.push(g.path);
      refs.set(file, ref);
    }
  }
  return [...refs.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** The report file a picture is drawn from: the one the guide's blocks are checked against. */
export const reportFileOf = (ref: PictureRef) => `${ref.scenario}-helm${ref.helm}.json`;

export function drawRef(ref: PictureRef, report: HtmlReportInput): string {
  if (!ref.command) throw new Error(`scenario ${ref.scenario} has no step "${ref.step}" that runs a helm command`);
  return renderPicture(report, { command: ref.command });
}

export interface PictureCheck {
  /** One line per picture that is missing, stale, unused or cannot be drawn. */
  problems: string[];
  checked: number;
}

/**
 * Compares each referenced picture with the one drawn now. `reports` maps a report file name to
 * the report (undefined: no such report); `pictures` maps img/NAME.svg to the committed text.
 */
export function checkPictures(refs: readonly PictureRef[], reports: ReadonlyMap<string, HtmlReportInput>, pictures: ReadonlyMap<string, string>): PictureCheck {
  const problems: string[] = [];
  for (const ref of refs) {
    const where = `labs/${ref.file} (shown in ${ref.guides.join(', ')})`;
    const report = reports.get(reportFileOf(ref));
    if (!report) {
      problems.push(`${where}: no report ${reportFileOf(ref)} to draw it from`);
      continue;
    }
    let drawn: string;
    try {
      drawn = drawRef(ref, report);
    } catch (err) {
      problems.push(`${where}: ${(err as Error).message}`);
      continue;
    }
    const committed = pictures.get(ref.file);
    if (committed === undefined) problems.push(`${where}: missing; draw it with npx tsx labs/pictures.ts`);
    else if (committed !== drawn) problems.push(`${where}: stale, it differs from what ${reportFileOf(ref)} draws now; draw it again with npx tsx labs/pictures.ts`);
  }
  const used = new Set(refs.map((r) => r.file));
  for (const file of pictures.keys()) if (!used.has(file)) problems.push(`labs/${file}: no guide shows it; delete it or show it`);
  return { problems, checked: refs.length };
}
