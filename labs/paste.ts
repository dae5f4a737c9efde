// What an attendee pastes from a guide, in order: every command of its ```sh fences, and the
// command at the top of every block that shows a command's output (`$ helm …`, `$ kubectl …`).
// Pure: test/integration/labs-paste.test.ts pastes them into a real bash and compares.
import { blockKind, parseGuide, type ParsedBlock } from './blocks.js';

export interface GuideCommand {
  /** 1-based line of the guide where the command starts. */
  line: number;
  /** As the guide shows it; a long one keeps its ` \` continuations. */
  text: string;
  /** The block that shows its output, when there is one. */
  block?: ParsedBlock;
  /** The line of the ```sh fence that holds it, when it is in one. */
  fence?: number;
}

/** Logical commands of a shell fence: comments and blank lines dropped, ` \` lines joined. */
function fenceCommands(lines: readonly string[], firstLine: number): GuideCommand[] {
  const out: GuideCommand[] = [];
  let pending: { line: number; parts: string[] } | undefined;
  lines.forEach((l, i) => {
    if (!pending && (!l.trim() || l.trim().startsWith('#'))) return;
    pending ??= { line: firstLine + i, parts: [] };
    pending.parts.push(l);
    if (!l.endsWith('\\')) {
      out.push({ line: pending.line, text: pending.parts.join('\n'), fence: firstLine - 1 });
      pending = undefined;
    }
  });
  return out;
}

/** The `$ …` command at the top of a recording block, with its continuation lines. */
function blockCommand(b: ParsedBlock): string | undefined {
  const body = b.body.split('\n').slice(1, -1); // inside the fence
  if (!body[0]?.startsWith('$ ')) return undefined;
  const typed = [body[0].slice(2)];
  for (let i = 0; typed[typed.length - 1]!.endsWith('\\') && i + 1 < body.length; i++) typed.push(body[i + 1]!);
  return typed.join('\n');
}

/** Every command of a guide, in the order it shows them. */
export function guideCommands(text: string): GuideCommand[] {
  const parsed = parseGuide(text);
  const inBlock = new Set(parsed.blocks.flatMap((b) => Array.from({ length: b.endLine - b.startLine + 1 }, (_, k) => b.startLine + k)));
  const commands: GuideCommand[] = [];
  const blockAt = new Map(parsed.blocks.map((b) => [b.startLine, b]));
  for (let i = 0; i < parsed.lines.length; i++) {
    const b = blockAt.get(i);
    if (b) {
      const kind = blockKind(b.spec.kind);
      const cmd = kind?.recording && b.spec.options.prompt !== 'no' ? blockCommand(b) : undefined;
      if (cmd) commands.push({ line: i + 1, text: cmd, block: b });
      i = b.endLine;
      continue;
    }
    if (inBlock.has(i) || !/^```(sh|bash)\s*$/.test(parsed.lines[i] ?? '')) continue;
    const end = parsed.lines.findIndex((l, k) => k > i && l.startsWith('```'));
    if (end < 0) break;
    commands.push(...fenceCommands(parsed.lines.slice(i + 1, end), i + 2));
    i = end;
  }
  return commands;
}

/**
 * The block's text inside its fence, as one Helm major prints it: a helm3,helm4 block's
 * "… (44 more lines on Helm 3, 45 on Helm 4)" is that major's count.
 */
export function blockText(b: ParsedBlock, major: 3 | 4): string {
  return b.body
    .split('\n')
    .slice(1, -1)
    .map((l) => l.replace(/^… \((\d+) more lines on Helm 3, (\d+) on Helm 4\)$/, (_m, h3: string, h4: string) => `… (${major === 3 ? h3 : h4} more lines)`))
    .join('\n');
}

/** A command whose block is marked `paste=no`: the harness did something while it ran that a pasted command cannot. */
export function harnessOnly(c: GuideCommand): boolean {
  return c.block?.spec.options.paste === 'no';
}

/**
 * The commands to paste for one Helm major, cut into parts that each start with `fresh` (a
 * guide's parts are independent, so a test may paste them side by side). A command whose
 * block belongs only to the other major is left out: the guide shows it again for this one.
 * A part ends before its first harness-only command: what follows it in the guide shows the
 * state that command left, which a pasted one would not (`notPasted` lists them all).
 */
export function pasteParts(commands: readonly GuideCommand[], major: 3 | 4): GuideCommand[][] {
  return guideParts(commands, major)
    .map((p) => p.slice(0, firstHarnessOnly(p)))
    .filter((p) => p.length);
}

/** The commands pasteParts leaves out for one Helm major: each harness-only command and what follows it in its part. */
export function notPasted(commands: readonly GuideCommand[], major: 3 | 4): GuideCommand[] {
  return guideParts(commands, major).flatMap((p) => p.slice(firstHarnessOnly(p)));
}

function guideParts(commands: readonly GuideCommand[], major: 3 | 4): GuideCommand[][] {
  const parts: GuideCommand[][] = [[]];
  for (const c of commands) {
    if (c.block && !c.block.spec.helms.includes(major)) continue;
    if (c.text.trim() === 'fresh' && parts[parts.length - 1]!.length) parts.push([]);
    parts[parts.length - 1]!.push(c);
  }
  return parts.filter((p) => p.length);
}

function firstHarnessOnly(part: readonly GuideCommand[]): number {
  const i = part.findIndex(harnessOnly);
  return i < 0 ? part.length : i;
}

/** A command with its ` \` continuations and spacing folded, to compare two spellings of it. */
function folded(text: string): string {
  return text.replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Commands of a ```sh fence that the recording blocks right after it show again: pasted as the
 * guide stands, they would run twice (a second `helm uninstall` fails, a second upgrade is a new
 * revision). A block shows its own command; the fence must not repeat it.
 */
export function repeatedCommands(commands: readonly GuideCommand[]): GuideCommand[] {
  const repeated: GuideCommand[] = [];
  commands.forEach((c, i) => {
    if (c.block) return;
    for (const next of commands.slice(i + 1)) {
      if (!next.block) {
        if (next.fence !== c.fence) break; // a later fence: the blocks after it are its own
        continue;
      }
      if (folded(next.text) === folded(c.text)) {
        repeated.push(c);
        return;
      }
    }
  });
  return repeated;
}
