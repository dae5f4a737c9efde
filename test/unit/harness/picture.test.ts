// `demo-hooks picture`: one Helm command of a recorded run (the labs' fixture reports), cut out of
// the timeline, drawn as a standalone SVG, and laid out by the real chromium at 1280 px wide.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '../../../harness/src/paths.js';
import type { HtmlReportInput } from '../../../harness/src/report/html.js';
import { buildGanttModel } from '../../../harness/src/report/html/gantt-model.js';
import { pictureChoices, renderPicture, reportAtCommand, storyArgs } from '../../../harness/src/report/picture.js';
import { scratchDir } from '../../support/scratch-dir.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
const fixtures = path.join(repoRoot, 'test', 'unit', 'labs', 'fixtures', 'reports');
const load = async (name: string) => JSON.parse(await readFile(path.join(fixtures, `${name}.json`), 'utf8')) as HtmlReportInput;
const job = (report: HtmlReportInput, suffix: string) => `${report.release}-demo-hooks-${suffix}`;

describe('one command cut out of a run', () => {
  it("pre-fail's upgrade (command 2): its hooks only, the install's migration Job as made earlier, deleted before the new one", async () => {
    const report = await load('pre-fail-helm3');
    expect(pictureChoices(report)).toBe('1 install, 2 upgrade');
    const { input, command } = reportAtCommand(report, 2);
    expect(command.args[0]).toBe('upgrade');
    const model = buildGanttModel(input.timeline, input.commands);
    expect(model.commands.map((c) => [c.label, c.exitCode])).toEqual([['upgrade', 1]]);
    // Helm's order: the backup (weight -1) before the migration (weight 1); none of the install's other hooks.
    expect(model.rows.map((r) => r.name)).toEqual([job(report, 'backup-2'), job(report, 'db-migration')]);
    const migration = model.rows[1]!;
    expect(migration.bars.map((b) => [b.outcome, Boolean(b.existedBefore), b.deletedAt !== undefined])).toEqual([
      ['succeeded', true, true],
      ['failed', false, false],
    ]);
    // The old Job went just before the new one was made (before-hook-creation).
    expect(migration.bars[0]!.deletedAt!).toBeLessThanOrEqual(migration.bars[1]!.start);
    expect(migration.bars[1]!.reason).toBe('BackoffLimitExceeded');
    // Nothing from before the upgrade started.
    expect(Math.min(...model.rows.flatMap((r) => r.bars.map((b) => b.start)))).toBe(Date.parse(command.startedAt));
  });

  it('the install (command 1) keeps nothing of the upgrade', async () => {
    // helm-test installs with every hook, and its upgrade runs healthCheck, cacheWarmup and notify again.
    const report = await load('helm-test-helm3');
    const model = buildGanttModel(reportAtCommand(report, 1).input.timeline, reportAtCommand(report, 1).input.commands);
    expect(model.rows.map((r) => r.name)).toEqual(['pre-install', 'db-setup', 'db-migration', 'health-check', 'cache-warmup', 'notify'].map((s) => job(report, s)));
    expect(model.rows.flatMap((r) => r.bars.map((b) => b.outcome))).toEqual(Array(6).fill('succeeded'));
  });

  it('drops where the cluster is from the command line, and nothing else', () => {
    expect(storyArgs(['upgrade', 'web', './chart', '--kubeconfig', 'k', '-n', 'team', '--namespace=x', '--kube-context', 'c', '--set', 'a=1'])).toEqual(['upgrade', 'web', './chart', '--set', 'a=1']);
  });

  it('draws the same bytes from the same report, and different ones from another run', async () => {
    const [h3, h4] = [await load('pre-fail-helm3'), await load('pre-fail-helm4')];
    expect(renderPicture(h3, { command: 2 })).toBe(renderPicture(structuredClone(h3), { command: 2 }));
    expect(renderPicture(h3, { command: 2 })).not.toBe(renderPicture(h4, { command: 2 }));
    expect(renderPicture(h3, { command: 2, title: 'The failing upgrade' })).toContain('<title>The failing upgrade</title>');
  });
});

describe('demo-hooks picture', () => {
  let dir: string;
  beforeAll(async () => {
    dir = scratchDir('dh-picture-');
  });
  // Run where the pictures go, so a relative --out lands in the scratch directory.
  const picture = (args: string[]) => execa('node', [cli, 'picture', ...args], { reject: false, cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  const preFail = path.join(fixtures, 'pre-fail-helm3.json');

  // One line naming the argument and the fix, a blank line, the usage; exit 2; nothing written.
  test.concurrent.each([
    ['no --report', ['--command', '2', '--out', 'x.svg'], "demo-hooks: required option '--report <file.json>' not specified: give a JSON report of a run, e.g. reports/pre-fail-helm3.json"],
    ['no --out', ['--report', preFail, '--command', '2'], "demo-hooks: required option '--out <file>' not specified: give the picture to write: FILE.svg or FILE.png"],
    ['a --report that is not JSON', ['--report', 'notes.txt', '--command', '2', '--out', 'x.svg'], 'demo-hooks: --report needs a JSON report (FILE.json), not "notes.txt"'],
    ['a --report that does not exist', ['--report', 'missing.json', '--command', '2', '--out', 'x.svg'], 'demo-hooks: --report missing.json is not a readable JSON report (ENOENT'],
    ['--command 0', ['--report', preFail, '--command', '0', '--out', 'x.svg'], "demo-hooks: '0' is not a value for --command <n>: use a whole number, 1 or more"],
    ['a --command the run does not have', ['--report', preFail, '--command', '3', '--out', 'x.svg'], 'demo-hooks: --command 3: pre-fail on Helm 3 has no Helm command 3: its commands are 1 install, 2 upgrade'],
    ['a --command that ran no hook', ['--report', path.join(fixtures, 'delete-policies-helm3.json'), '--command', '3', '--out', 'x.svg'], 'demo-hooks: --command 3: command 3 (helm upgrade) of delete-policies on Helm 3 ran no hook, so there is nothing to draw: pick another of 1 install, 2 upgrade, 3 upgrade'],
    ['an --out that is neither .svg nor .png', ['--report', preFail, '--command', '2', '--out', 'x.gif'], 'demo-hooks: --out must end in .svg or .png, not "x.gif"'],
  ])('%s', async (_, args, line) => {
    const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
    const r = await picture(args);
    expect({ exitCode: r.exitCode, first: (r.stderr.split('\n')[0] ?? '').slice(0, line.length) }).toEqual({ exitCode: 2, first: line });
    expect(r.stderr.split('\n')[1]).toBe('');
    expect(r.stderr.split('\n')[2]).toMatch(/^Usage: demo-hooks picture \[options\]/);
    expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(r.stdout).toBe('');
    if (out) expect(existsSync(path.join(dir, out))).toBe(false);
  }, 60_000);

  it('writes the SVG, and a PNG that is chromium\'s 1280 px wide screenshot of it', async () => {
    const svg = path.join(dir, 'upgrade.svg');
    const png = path.join(dir, 'upgrade.png');
    const a = await picture(['--report', preFail, '--command', '2', '--out', svg]);
    expect(a.exitCode).toBe(0);
    expect(a.stdout).toMatch(/^wrote .*upgrade\.svg \(1280×\d+ px, smallest text \d+(\.\d)? px\)$/);
    expect(await readFile(svg, 'utf8')).toBe(renderPicture(await load('pre-fail-helm3'), { command: 2 }));
    const b = await picture(['--report', preFail, '--command', '2', '--out', png]);
    expect(b.exitCode).toBe(0);
    const bytes = await readFile(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height, big-endian, right after the signature and the chunk header.
    const height = Number(/1280×(\d+) px/.exec(a.stdout)?.[1]);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1280, height]);
    expect(height).toBeLessThanOrEqual(720);
  }, 120_000);
});
