// The paste test: what an attendee does with a guide. Its set-up (labs/setup.sh), then every
// command it shows, in order, pasted into one real bash on the cluster; each command's output is
// normalised as the blocks are and compared with the block under it. A command without a block
// (`fresh`) must exit 0. A guide's parts each start with `fresh` and do not depend on each other,
// so they are pasted side by side, each in a namespace of its own that stands where the guide
// says `-n demo`; the release is `demo`, as in the guide.
//
// PASTE_GUIDES=01,02 picks the guides (default: 01, the one proven to paste clean so far; `all`
// pastes every guide), PASTE_HELM_VERSION=4 pastes with `export HELM_VERSION=4` (default 3),
// PASTE_PARALLEL the parts at a time (default 3). One Helm major keeps `make test` short: the
// scenarios already record both.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unifiedDiff } from '../../harness/src/assert/diff.js';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { commandForRun } from '../../harness/src/guide/names.js';
import { connectKube } from '../../harness/src/kube/client.js';
import { deleteNamespace, waitForNamespaceGone } from '../../harness/src/kube/namespaces.js';
import { repoRoot } from '../../harness/src/paths.js';
import { mapWithConcurrency } from '../../harness/src/util/pool.js';
import { onlyCutCounts, renderPasted } from '../../labs/blocks.js';
import { blockText, guideCommands, pasteParts, type GuideCommand } from '../../labs/paste.js';

const labsDir = path.join(repoRoot, 'labs');
const major = (process.env.PASTE_HELM_VERSION ?? '3') === '4' ? 4 : 3;
const parallel = Number(process.env.PASTE_PARALLEL ?? 3);
const wantedText = process.env.PASTE_GUIDES ?? '01';
const wanted = wantedText === 'all' ? undefined : wantedText.split(',').map((g) => g.trim());
const guides = readdirSync(labsDir)
  .filter((f) => /^0\d-.*\.md$/.test(f))
  .filter((f) => !wanted || wanted.some((w) => f.startsWith(w)))
  .sort();
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

describe.each(guides)(`%s pasted into bash with HELM_VERSION=${major}`, (guide) => {
  const runId = Math.random().toString(36).slice(2, 7);
  const namespaces: string[] = [];

  afterAll(async () => {
    const kube = connectKube((await selectProvider()).kubeconfigPath());
    await Promise.all(
      namespaces.map(async (ns) => {
        await deleteNamespace(kube, ns).catch(() => undefined);
        await waitForNamespaceGone(kube, ns, 180_000);
      }),
    );
  }, 240_000);

  it('prints, command for command, what the blocks under the commands show', async () => {
    const parts = pasteParts(guideCommands(readFileSync(path.join(labsDir, guide), 'utf8')), major);
    expect(parts.length).toBeGreaterThan(0);
    const problems = await mapWithConcurrency(parts, parallel, async (part, k) => {
      const namespace = `dh-paste-${guide.slice(0, 2)}-h${major}-${runId}-${k}`;
      namespaces.push(namespace);
      return pastePart(`labs/${guide}`, part, namespace);
    });
    expect(problems.flat()).toEqual([]);
  }, 40 * 60_000);
});
