// What a room sees while `make scenario-pre-fail` (`demo-hooks run pre-fail --up`) runs, on the real cluster: in a terminal (a
// pseudo-terminal made by `script`, 100 columns), the hook events appear under the running step
// while Helm is still waiting on the hooks, and Ctrl-C is answered there at once; in a pipe, as
// plain lines, none longer than 100 columns.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { execa, type ResultPromise } from 'execa';
import { selectProvider } from '../../harness/src/cluster/provider.js';
import { connectKube } from '../../harness/src/kube/client.js';
import { waitForNamespaceGone } from '../../harness/src/kube/namespaces.js';
import { repoRoot } from '../../harness/src/paths.js';
import type { JsonReport } from '../../harness/src/report/json.js';

const cli = path.join(repoRoot, 'bin', 'demo-hooks.js');
const RUN_TIMEOUT_MS = 300_000;
let reportDir: string;
beforeAll(() => {
  reportDir = mkdtempSync(path.join(os.tmpdir(), 'dh-run-terminal-'));
});
afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

interface Seen {
  /** Everything the terminal was sent, control sequences removed. */
  text: string;
  /** When each pattern first showed (matched with all whitespace as one space), by the clock the report's times use. */
  firstSeen(pattern: RegExp): number | undefined;
}

/** Runs the CLI, noting when each piece of its output arrived. */
async function watchOutput(
  file: string,
  args: string[],
  env: Record<string, string>,
  meanwhile?: (textSoFar: string, child: ResultPromise) => void,
): Promise<{ exitCode: number | undefined; seen: Seen }> {
  const chunks: { at: number; text: string }[] = [];
  const child = execa(file, args, { reject: false, all: true, stdin: 'ignore', env, timeout: RUN_TIMEOUT_MS });
  let soFar = '';
  child.all?.on('data', (chunk: Buffer) => {
    chunks.push({ at: Date.now(), text: chunk.toString() });
    soFar += chunk.toString();
    meanwhile?.(stripVTControlCharacters(soFar), child);
  });
  const result = await child;
  const clean = (s: string) => stripVTControlCharacters(s).replace(/\r/g, '');
  // A terminal's lines wrap where its width says; patterns match with all whitespace as one space.
  const flat = (s: string) => clean(s).replace(/\s+/g, ' ');
  const ends: number[] = [];
  let raw = '';
  for (const c of chunks) {
    raw += c.text;
    ends.push(raw.length);
  }
  return {
    exitCode: result.exitCode,
    seen: {
      text: clean(raw),
      firstSeen: (pattern) => {
        if (!pattern.test(flat(raw))) return undefined;
        // Once a prefix of the output matches, every longer one does: search for the first chunk.
        let lo = 0;
        let hi = chunks.length - 1;
        while (lo < hi) {
          const mid = Math.floor((lo + hi) / 2);
          if (pattern.test(flat(raw.slice(0, ends[mid])))) hi = mid;
          else lo = mid + 1;
        }
        return chunks[lo]?.at;
      },
    },
  };
}

function report(major: 3 | 4): JsonReport {
  return JSON.parse(readFileSync(path.join(reportDir, `pre-fail-helm${major}.json`), 'utf8')) as JsonReport;
}

/** When a step ended: its first command started just after the step did, and the step took durationMs. */
function stepEnd(r: JsonReport, title: RegExp): number {
  const step = r.steps.find((s) => title.test(s.title));
  const first = step && r.commands[step.commands[0] ?? -1];
  if (!step || !first) throw new Error(`no step ${title} with a command in the report`);
  return Date.parse(first.startedAt) + step.durationMs;
}

const over100 = (text: string) => text.split('\n').filter((l) => l.length > 100);

test(
  'in a terminal, `make scenario-pre-fail` checks the tools and the cluster, then hook events show under the running step before it ends',
  async () => {
    // The README's command, as typed: make runs `demo-hooks run pre-fail --up`.
    const command = `stty cols 100 rows 50; HELM_VERSION=3 exec make -s -C ${repoRoot} scenario-pre-fail ARGS='--report-dir ${reportDir}'`;
    const { exitCode, seen } = await watchOutput('script', ['-qefc', command, '/dev/null'], { TERM: 'xterm-256color' });
    if (exitCode !== 0) throw new Error(`make scenario-pre-fail exited ${exitCode}:\n${seen.text.slice(-4000)}`);
    // --up ran the provider's step, which found its cluster up (the integration tests' own).
    expect(seen.text).toMatch(/^\[cluster (local|kind|existing)\] /m);
    if (seen.text.includes('[cluster local]')) expect(seen.text).toContain('[cluster local] local cluster already up');
    const r = report(3);
    const installEnd = stepEnd(r, /^helm install\b/);
    const upgradeEnd = stepEnd(r, /^helm upgrade/);

    // The task list: the run, its namespace, and the install step with the events under it
    // (pre-fail's install runs one hook Job, the migration: labs/values/quick-install.yaml).
    expect(seen.text).toContain(`pre-fail h3 · ${r.namespace}`);
    const created = seen.firstSeen(/› \+ ?[\d.]+s Job …-demo-hooks-db-migration created \(pre-upgrade,post-install, weight 1\)/);
    const started = seen.firstSeen(/› \+ ?[\d.]+s Pod …-demo-hooks-db-migration-[a-z0-9]+ started/);
    const succeeded = seen.firstSeen(/› \+ ?[\d.]+s Job …-demo-hooks-db-migration succeeded/);
    for (const at of [created, started, succeeded]) {
      expect(at).toBeDefined();
      expect(at!).toBeLessThan(installEnd);
    }
    // The upgrade replaces that Job (before-hook-creation), and the new one fails with its exit
    // code, while the upgrade step still runs.
    const deleted = seen.firstSeen(/› \+ ?[\d.]+s Job …-demo-hooks-db-migration deleted \(delete policy before-hook-creation\)/);
    const failed = seen.firstSeen(/› \+ ?[\d.]+s Pod …-demo-hooks-db-migration-[a-z0-9]+ failed exit 1/);
    for (const at of [deleted, failed]) {
      expect(at).toBeDefined();
      expect(at!).toBeGreaterThan(installEnd);
      expect(at!).toBeLessThan(upgradeEnd);
    }

    // The guide's reading commands typed one after another started together (harness/src/guide/
    // read-ahead.ts), and the report still has each at its own step, in the guide's order.
    const typed = r.typedCommands.map((t) => ({ command: t.command, start: Date.parse(t.startedAt), end: Date.parse(t.startedAt) + t.durationMs }));
    expect(typed.map((t) => t.command)).toEqual([
      'helm history demo -n demo',
      'helm history demo -n demo',
      'kubectl get pods -n demo -L demo-hooks.dev/app-version',
      'kubectl get pods -n demo',
      'kubectl describe job -n demo demo-demo-hooks-db-migration',
      'kubectl logs -n demo job/demo-demo-hooks-db-migration',
    ]);
    const [, history, podsWithVersions, pods, describe, logs] = typed;
    expect(podsWithVersions!.start).toBeLessThan(history!.end);
    for (const later of [describe!, logs!]) expect(later.start).toBeLessThan(pods!.end);
    expect(r.steps.filter((s) => s.typed).map((s) => s.typed)).toEqual([[0], [1], [2], [3], [4], [5]]);

    // The report after the task list fits the 100 columns too.
    const printedReport = seen.text.slice(seen.text.lastIndexOf('━━ pre-fail · Helm 3'));
    expect(printedReport).toContain('Result: PASSED');
    expect(over100(printedReport)).toEqual([]);
  },
  RUN_TIMEOUT_MS + 30_000,
);

test(
  'in a terminal, Ctrl-C is said under the running step at once, while the run still removes its namespace',
  async () => {
    const kube = connectKube((await selectProvider()).kubeconfigPath());
    const command = `stty cols 100 rows 50; exec node ${cli} run pre-fail --helm 3 --report-dir ${reportDir}`;
    let namespace: string | undefined;
    let goneAt: Promise<number> | undefined;
    const { exitCode, seen } = await watchOutput('script', ['-qefc', command, '/dev/null'], { TERM: 'xterm-256color' }, (text, child) => {
      if (namespace || !/Job …-demo-hooks-db-migration created/.test(text.replace(/\s+/g, ' '))) return;
      namespace = /pre-fail h3 · (dh-pre-fail-h3-[a-z0-9]+)/.exec(text)?.[1];
      if (!namespace) return;
      goneAt = waitForNamespaceGone(kube, namespace, 180_000).then(() => Date.now());
      // `script` runs `sh -c '…; exec node …'` in its pseudo-terminal: its one child is the CLI.
      void execa('pgrep', ['-P', String(child.pid)]).then(({ stdout }) => process.kill(Number(stdout.trim().split('\n')[0]), 'SIGINT'));
    });
    expect(namespace).toBeDefined();
    expect(exitCode).toBe(130);
    const said = seen.firstSeen(/› interrupted by SIGINT: stopping Helm and removing this run's namespace/);
    expect(said).toBeDefined();
    // Before the fix the list held the notice until it ended, after the namespace was gone.
    expect(said!).toBeLessThan(await goneAt!);
  },
  RUN_TIMEOUT_MS + 30_000,
);

test(
  'in a pipe, the same events come as plain timed lines, and no line is longer than 100 columns',
  async () => {
    const { exitCode, seen } = await watchOutput('node', [cli, 'run', 'pre-fail', '--helm', '4', '--report-dir', reportDir], { NO_COLOR: '1' });
    if (exitCode !== 0) throw new Error(`run pre-fail exited ${exitCode}:\n${seen.text.slice(-4000)}`);
    expect(seen.text).not.toMatch(/\u001b/);
    expect(over100(seen.text)).toEqual([]);
    const lines = seen.text.split('\n');
    const at = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
    const failedLine = at(/^\[pre-fail h4\] {3}\+ *[\d.]+s {2}Pod …-demo-hooks-db-migration-[a-z0-9]+ failed exit 1/);
    expect(failedLine).toBeGreaterThan(at(/^\[pre-fail h4\] ▶ helm upgrade/));
    expect(failedLine).toBeLessThan(at(/^\[pre-fail h4\] {3}✔ helm upgrade fails/));
    // The hook timeline table wraps rather than running past the edge.
    expect(seen.text).toMatch(/^ {2}TIME +HOOK +KIND +WHAT$/m);
    expect(report(4).outcome).toBe('passed');
  },
  RUN_TIMEOUT_MS + 30_000,
);
