// The paste test: what an attendee does with a guide. Its set-up (labs/setup.sh), then every
// command it shows, in order, pasted into one real bash on the cluster; each command's output is
// normalised as the blocks are and compared with the block under it. A command without a block
// (`fresh`) must exit 0. A guide's parts each start with `fresh` and do not depend on each other,
// so the parts of all the guides wait in one queue and are pasted side by side, each in a
// namespace of its own that stands where the guide says `-n demo`; the release is `demo`, as in
// the guide. The queue runs once, before the tests; each guide's test then reports its own parts.
// A command whose block holds what the harness did while it ran (`paste=no`: a signal to Helm, a
// Job deleted mid-hook) ends its part: the commands after it show a state no paste can make. The
// guide says so above it; test/unit/labs/guides.test.ts fixes which ones there are.
//
// PASTE_GUIDES=01,02 picks the guides (default, or `all`: every guide), PASTE_HELM_VERSION=4
// pastes with `export HELM_VERSION=4` (default 3), PASTE_PARALLEL the parts at a time (default 3).
// One Helm major keeps `make test` short: the scenarios already record both.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { unifiedDiff } from '../../harness/src/assert/diff.js';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { commandForRun } from '../../harness/src/guide/names.js';
import { connectKube } from '../../harness/src/kube/client.js';
import { deleteNamespace, waitForNamespaceGone } from '../../harness/src/kube/namespaces.js';
import { repoRoot } from '../../harness/src/paths.js';
import { mapWithConcurrency } from '../../harness/src/util/pool.js';
import { onlyCutCounts, renderPasted } from '../../labs/blocks.js';
import { blockText, guideCommands, notPasted, pasteParts, repeatedCommands, type GuideCommand } from '../../labs/paste.js';

const labsDir = path.join(repoRoot, 'labs');
const major = (process.env.PASTE_HELM_VERSION ?? '3') === '4' ? 4 : 3;
const parallel = Number(process.env.PASTE_PARALLEL ?? 3);
const wantedText = process.env.PASTE_GUIDES?.trim() || 'all';
const wanted = wantedText === 'all' ? undefined : wantedText.split(',').map((g) => g.trim());
const guides = readdirSync(labsDir)
  .filter((f) => /^0\d-.*\.md$/.test(f))
  .filter((f) => !wanted || wanted.some((w) => f.startsWith(w)))
  .sort();
if (wanted && guides.length !== wanted.length) throw new Error(`PASTE_GUIDES=${wantedText}: some name no guide of labs/ (found ${guides.join(', ') || 'none'}); give guide numbers such as 01,02, or all`);
const setupScript = readFileSync(path.join(labsDir, 'setup.sh'), 'utf8');

/** Helm's own limit is 5 minutes; a pasted command that outlives it is stuck. */
const COMMAND_DEADLINE_MS = 6 * 60_000;

interface Pasted {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** One bash, as in a terminal: state (functions, exports) carries from one command to the next. */
class PastedShell {
  private readonly bash: ChildProcessWithoutNullStreams;
  private out = '';
  private err = '';
  private waiting?: () => void;
  private count = 0;

  constructor(env: NodeJS.ProcessEnv) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { cwd: repoRoot, env });
    this.bash.stdout.on('data', (d: Buffer) => this.received(() => (this.out += d.toString())));
    this.bash.stderr.on('data', (d: Buffer) => this.received(() => (this.err += d.toString())));
  }

  private received(append: () => void): void {
    append();
    this.waiting?.();
  }

  /** Pastes `text` and waits until bash has run it; stdout and stderr as execa gives them (final newline stripped). */
  async paste(text: string): Promise<Pasted> {
    const tag = `__pasted_${++this.count}__`;
    // Each stream ends with a line of its own; stdin is the terminal, never the command's.
    this.bash.stdin.write(`{\n${text}\n} </dev/null\nprintf '\\n${tag} %s\\n' "$?"; printf '\\n${tag}\\n' >&2\n`);
    const outEnd = new RegExp(`\\n${tag} (\\d+)\\n`);
    const errEnd = `\n${tag}\n`;
    const deadline = Date.now() + COMMAND_DEADLINE_MS;
    while (!(outEnd.test(this.out) && this.err.includes(errEnd))) {
      if (Date.now() > deadline) throw new Error(`no end of the pasted command within ${COMMAND_DEADLINE_MS / 1000} s:\n${text}`);
      if (this.bash.exitCode !== null) throw new Error(`bash exited (${this.bash.exitCode}) during:\n${text}`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 1000).unref();
      });
    }
    const m = outEnd.exec(this.out)!;
    const stdout = this.out.slice(0, m.index);
    const stderr = this.err.slice(0, this.err.indexOf(errEnd));
    this.out = this.out.slice(m.index + m[0].length);
    this.err = this.err.slice(this.err.indexOf(errEnd) + errEnd.length);
    const strip = (s: string) => s.replace(/\n$/, '');
    return { exitCode: Number(m[1]), stdout: strip(stdout), stderr: strip(stderr) };
  }

  close(): void {
    this.bash.stdin.end('exit\n');
  }
}

/** Pastes one part of a guide; returns what differs from the guide, one entry per command. */
async function pastePart(guide: string, part: GuideCommand[], namespace: string): Promise<string[]> {
  const shell = new PastedShell({ ...process.env, HELM_VERSION: String(major) });
  const problems: string[] = [];
  try {
    const setup = await shell.paste(commandForRun(setupScript, namespace));
    if (setup.exitCode !== 0) return [`labs/setup.sh exited ${setup.exitCode}: ${setup.stderr}`];
    if (part[0]?.text.trim() !== 'fresh') {
      const fresh = await shell.paste(commandForRun('fresh', namespace));
      if (fresh.exitCode !== 0) return [`fresh exited ${fresh.exitCode}: ${fresh.stderr}`];
    }
    for (const c of part) {
      const pasted = await shell.paste(commandForRun(c.text, namespace));
      const where = `${guide}:${c.line}`;
      if (!c.block) {
        if (pasted.exitCode !== 0) problems.push(`${where}: ${c.text} exited ${pasted.exitCode}: ${pasted.stderr}`);
        continue;
      }
      const expected = blockText(c.block, major);
      const actual = renderPasted(c.block.spec, { typed: c.text.split('\n'), ...pasted }, [namespace]);
      const diff = unifiedDiff(expected.split('\n'), actual.split('\n'), 'guide', 'pasted');
      // As in the drift check: how many lines a cut hides above the shown ones varies by run.
      if (actual !== expected && !onlyCutCounts(diff)) {
        problems.push([`${where}: ${c.block.spec.source}: the pasted command printed something else`, ...diff].join('\n'));
      }
    }
  } finally {
    shell.close();
  }
  return problems;
}

interface QueuedPart {
  guide: string;
  index: number;
  commands: GuideCommand[];
}

/** Helm commands wait for hooks and dominate a part's time: the queue starts the heaviest parts first. */
function weight(part: QueuedPart): number {
  return part.commands.filter((c) => /^helm (install|upgrade|rollback|uninstall|test)\b/.test(c.text)).length;
}

const runId = Math.random().toString(36).slice(2, 7);
const namespaceGone: Promise<void>[] = [];
/** Per guide, per part (in the guide's order), what differed. */
const problemsOf = new Map<string, string[][]>();

/** Pastes one part, then starts deleting its namespace so that the next parts have the room. */
async function pasteQueued(part: QueuedPart, kube: ReturnType<typeof connectKube>): Promise<void> {
  const namespace = `dh-paste-${part.guide.slice(0, 2)}-h${major}-${runId}-${part.index}`;
  const started = Date.now();
  let problems: string[];
  try {
    problems = await pastePart(`labs/${part.guide}`, part.commands, namespace);
  } catch (e) {
    problems = [`labs/${part.guide}, part ${part.index}: ${(e as Error).message}`];
  }
  problemsOf.get(part.guide)![part.index + 1] = problems; // [0]: what is wrong with the guide as a whole
  console.log(`${part.guide} part ${part.index}: ${((Date.now() - started) / 1000).toFixed(0)} s, ${problems.length} problem(s)`);
  namespaceGone.push(
    deleteNamespace(kube, namespace)
      .catch(() => undefined)
      .then(() => waitForNamespaceGone(kube, namespace, 180_000)),
  );
}

beforeAll(async () => {
  const kube = connectKube((await selectProvider()).kubeconfigPath());
  const queue: QueuedPart[] = [];
  for (const guide of guides) {
    problemsOf.set(guide, []);
    const commands = guideCommands(readFileSync(path.join(labsDir, guide), 'utf8'));
    const parts = pasteParts(commands, major);
    const twice = repeatedCommands(commands).map((c) => `labs/${guide}:${c.line}: ${c.text} is pasted twice: the block after its fence shows it again; drop it from the fence`);
    problemsOf.get(guide)![0] = [...(parts.length ? [] : [`labs/${guide}: no command to paste`]), ...twice];
    parts.forEach((commands, index) => queue.push({ guide, index, commands }));
    // Said, not hidden: a part stops at a command the harness acted on (`paste=no`, labelled in the guide).
    const left = notPasted(commands, major);
    if (left.length) console.log(`labs/${guide}: ${left.length} command(s) not pasted, from a paste=no command to its part's end: lines ${left.map((c) => c.line).join(', ')}`);
  }
  queue.sort((a, b) => weight(b) - weight(a));
  const started = Date.now();
  await mapWithConcurrency(queue, parallel, (part) => pasteQueued(part, kube));
  console.log(`${queue.length} parts of ${guides.length} guide(s), ${parallel} at a time: ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}, 90 * 60_000);

// Lab 06 makes ./my-chart in the repository, as an attendee would; a copy this test made goes with it.
const myChart = path.join(repoRoot, 'my-chart');
const myChartWasThere = existsSync(myChart);

afterAll(async () => {
  await Promise.all(namespaceGone);
  if (!myChartWasThere) rmSync(myChart, { recursive: true, force: true });
}, 240_000);

describe.each(guides)(`%s pasted into bash with HELM_VERSION=${major}`, (guide) => {
  it('prints, command for command, what the blocks under the commands show', () => {
    expect(problemsOf.get(guide)?.flat()).toEqual([]);
  });
});
