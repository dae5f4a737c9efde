// A trainer's picture of one Helm command of a recorded run: the same hook timeline the HTML
// report draws, cut to that command, as one standalone SVG sized for a 1280×720 projector.
// Pure and deterministic (same report, same bytes), so a guide's picture can be checked for drift
// by drawing it again; browser.ts renders it and measures it in chromium.
import type { TimelineEntry } from '../observe/timeline.js';
import { buildGanttModel, type BarOutcome } from './html/gantt-model.js';
import { GANTT_CSS, OUTCOME_WORD, ganttHeight, renderGantt, type GanttGeometry } from './html/gantt-svg.js';
import { esc } from './html/markup.js';
import { changingCommands, type HtmlReportInput, type ReportCommand } from './html/report-input.js';

/**
 * The picture is drawn in these units and shown 1280 px wide: text is 4/3 of the HTML report's
 * size. One command's hooks are few, so the right margin is wide enough for the words of a bar
 * that fails as Helm gives up ("✘ failed BackoffLimitExceeded 3.0s").
 */
const GEOMETRY: GanttGeometry = { width: 960, labelWidth: 280, rightMargin: 290 };
export const PICTURE_WIDTH_PX = 1280;
export const PICTURE_MAX_HEIGHT_PX = 720;
const MARGIN = 12;
const TITLE_Y = 30;
const LINE_H = 20;
/** One character of the command line (14-unit monospace), for wrapping it inside the picture. */
const MONO_CHAR_W = 8.5;
/** One character of the legend's words (14-unit sans), for laying its items side by side. */
const SANS_CHAR_W = 8;

export class PictureInputError extends Error {}

export interface PictureRequest {
  /** 1-based, among the commands that change the release (reads such as helm history are not counted). */
  command: number;
  /** The first line; by default "<scenario> · Helm N · helm <verb> → exit C". */
  title?: string;
}

/** "1 install, 2 upgrade": the commands a report can be pictured at, for messages. */
export function pictureChoices(report: HtmlReportInput): string {
  const commands = changingCommands(report.commands ?? []);
  return commands.length ? commands.map((c, i) => `${i + 1} ${c.args[0] ?? 'helm'}`).join(', ') : 'none';
}

/**
 * The report cut to one command: that command, and what happened to hook objects from its start
 * until the next command started. An object made earlier that the command touched (e.g. deleted by
 * before-hook-creation) enters the picture as "from before", in the state it was in at the start.
 */
export function reportAtCommand(report: HtmlReportInput, n: number): { input: HtmlReportInput; command: ReportCommand } {
  const commands = changingCommands(report.commands ?? []);
  const command = commands[n - 1];
  if (!Number.isInteger(n) || !command) {
    throw new PictureInputError(`${report.scenario.name} on Helm ${report.helm.major} has no Helm command ${n}: its commands are ${pictureChoices(report)}`);
  }
  const from = Date.parse(command.startedAt);
  const next = commands[n];
  const to = next ? Date.parse(next.startedAt) : Number.POSITIVE_INFINITY;
  const timeline = report.timeline ?? [];
  const inWindow = timeline.filter((e) => Date.parse(e.at) >= from && Date.parse(e.at) < to);
  return {
    command,
    input: { ...report, commands: [command], timeline: [...stateAtStart(timeline, inWindow, command.startedAt), ...inWindow] },
  };
}

/** For each object that appears in the window without being created in it: its state when the window opened. */
function stateAtStart(timeline: readonly TimelineEntry[], inWindow: readonly TimelineEntry[], at: string): TimelineEntry[] {
  const key = (e: TimelineEntry) => `${e.kind}/${e.name}`;
  const firstInWindow = new Map<string, TimelineEntry>();
  for (const e of inWindow) if (e.kind !== 'Event' && !firstInWindow.has(key(e))) firstInWindow.set(key(e), e);
  const out: TimelineEntry[] = [];
  for (const [k, first] of firstInWindow) {
    if (first.what === 'created') continue;
    const before = timeline.filter((e) => key(e) === k && Date.parse(e.at) < Date.parse(at));
    const createdAt = before.map((e) => e.what).lastIndexOf('created');
    if (createdAt < 0) continue;
    const created = before[createdAt] as TimelineEntry;
    out.push({ ...created, at, existedBefore: true });
    const ended = before.slice(createdAt).find((e) => e.what === 'succeeded' || e.what === 'failed');
    if (ended) out.push({ ...ended, at });
  }
  return out;
}

/** Helm's arguments without where the cluster is (--kubeconfig, --namespace, --kube-context): the story, not the plumbing. */
export function storyArgs(args: readonly string[]): string[] {
  const plumbing = new Set(['--kubeconfig', '--namespace', '-n', '--kube-context']);
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] as string;
    if (plumbing.has(a)) {
      i += 1;
      continue;
    }
    if ([...plumbing].some((p) => a.startsWith(`${p}=`))) continue;
    out.push(a);
  }
  return out;
}

/** Words into lines of at most `max` characters, breaking at spaces (a longer word gets a line of its own). */
function wrap(words: readonly string[], max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > max) {
      lines.push(line);
      line = w;
    } else {
      line = line ? `${line} ${w}` : w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The standalone SVG: title, the command line, the hook timeline, and a legend of what it shows. */
export function renderPicture(report: HtmlReportInput, request: PictureRequest): string {
  const { input, command } = reportAtCommand(report, request.command);
  const model = buildGanttModel(input.timeline, input.commands);
  if (!model.rows.length) {
    throw new PictureInputError(`command ${request.command} (helm ${command.args[0] ?? ''}) of ${report.scenario.name} on Helm ${report.helm.major} ran no hook, so there is nothing to draw: pick another of ${pictureChoices(report)}`);
  }
  const verb = command.args[0] ?? 'helm';
  const exit = command.killedBecause ? 'killed' : `exit ${command.exitCode}`;
  const title = request.title ?? `${report.scenario.name} · Helm ${report.helm.major} · helm ${verb} → ${exit}`;
  const maxChars = Math.floor((GEOMETRY.width - 2 * MARGIN) / MONO_CHAR_W);
  const commandLines = wrap(['helm', ...storyArgs(command.args)], maxChars);

  const ganttTop = TITLE_Y + 12 + commandLines.length * LINE_H;
  const legendY = ganttTop + ganttHeight(model) + 18;
  const height = legendY + 16;
  const outcomes = new Set(model.rows.flatMap((r) => r.bars.map((b) => b.outcome)));
  const deleted = model.rows.some((r) => r.bars.some((b) => b.deletedAt !== undefined));
  const fromBefore = model.rows.some((r) => r.bars.some((b) => b.existedBefore));

  const lines = commandLines
    .map((l, i) => `<text x="${MARGIN}" y="${TITLE_Y + 8 + (i + 1) * LINE_H}" class="command-line">${esc(l)}</text>`)
    .join('\n');
  const gantt = renderGantt(model, report.release, { ...GEOMETRY, y: ganttTop });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PICTURE_WIDTH_PX}" height="${Math.round((height * PICTURE_WIDTH_PX) / GEOMETRY.width)}" viewBox="0 0 ${GEOMETRY.width} ${height}" role="img" aria-label="${esc(title)}">
<title>${esc(title)}</title>
<style>${GANTT_CSS}${PICTURE_CSS}</style>
<rect width="${GEOMETRY.width}" height="${height}" class="paper"/>
<text x="${MARGIN}" y="${TITLE_Y}" class="title">${esc(title)}</text>
${lines}
${gantt}
${legend(legendY, [...outcomes], deleted, fromBefore)}
</svg>
`;
}

/** Only what the picture shows, in one line: each outcome drawn, deletion, "from before", and the command band. */
function legend(y: number, outcomes: readonly BarOutcome[], deleted: boolean, fromBefore: boolean): string {
  const order: BarOutcome[] = ['succeeded', 'failed', 'running', 'created'];
  const fills: Record<BarOutcome, string> = { succeeded: '', failed: 'url(#p-failed)', running: 'url(#p-running)', created: '' };
  const items: { swatch: string; words: string }[] = order
    .filter((o) => outcomes.includes(o))
    .map((o) => ({ swatch: `<rect width="30" height="14" rx="3" class="bar-rect fill-${o}"${fills[o] ? ` style="fill:${fills[o]}"` : ''}/>`, words: OUTCOME_WORD[o] }));
  if (fromBefore) items.push({ swatch: '<rect width="30" height="14" rx="3" class="bar-rect fill-succeeded from-before"/>', words: 'made by an earlier command' });
  if (deleted) items.push({ swatch: '<text x="15" y="12" class="deleted-mark">✕</text>', words: 'deleted' });
  items.push({ swatch: '<rect width="30" height="14" class="band-area band-0"/>', words: 'the Helm command, its exit code' });
  let x = MARGIN;
  const drawn = items.map((item) => {
    const g = `<g transform="translate(${x} ${y - 12})">${item.swatch}<text x="36" y="12" class="legend-words">${esc(item.words)}</text></g>`;
    x += 36 + item.words.length * SANS_CHAR_W + 22;
    return g;
  });
  return `<g class="legend">${drawn.join('')}</g>`;
}

const PICTURE_CSS = `
text { font-family: "DejaVu Sans", "Segoe UI", Roboto, system-ui, sans-serif; }
.paper { fill: #ffffff; }
.title { font-size: 22px; font-weight: 700; fill: #202124; }
.command-line { font: 14px "DejaVu Sans Mono", ui-monospace, monospace; fill: #3c4043; }
.legend-words { font-size: 14px; fill: #3c4043; }
.from-before { fill-opacity: .35; stroke-dasharray: 3 2; }
`;

