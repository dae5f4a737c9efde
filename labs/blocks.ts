// The expected-output blocks of the lab guides: find their markers, render each one from a
// scenario's JSON report, and make the result the same on every run of the same behaviour.
// Pure: labs/render.ts reads and writes the files, the unit tests feed it fixtures.
//
// A block in a guide:
//
//   <!-- expected: pre-fail helm3 history -->
//   ```text
//   …generated, never edited by hand…
//   ```
//   <!-- /expected -->
//
// The marker names the scenario, the Helm major(s) whose report the block comes from, the kind of
// block and its arguments. `helm3,helm4` renders both reports and requires them to agree.
//
//   history [after=N]        `helm history` (REVISION STATUS DESCRIPTION), at the end or after command N
//   command N                the Nth helm command a step ran, as typed, its output and exit code
//   hook-log HOOK[#N]        the saved log of a hook's pod (the last one by default)
//   pods [only=hooks]        the pods at the end, without those already terminating
//   jobs                     the hook Jobs at the end
//   timeline [N]             hook Jobs created, finished and deleted (during command N), in order
//   events [N]               warning Events of hook Jobs
//   assertions [match=RE]    the scenario's checks, ✔ or ✘
//
// Every kind takes width=N (lines are cut there, 240 by default; a command to type never is).
import type { LabReport } from '../harness/src/report/json.js';
import { table } from '../harness/src/report/style.js';

// ─── Reports ────────────────────────────────────────────────────────────────────────────────

// The harness publishes the report's shape; blocks read reports only through it.
export type { LabReport } from '../harness/src/report/json.js';
export type ReportCommand = LabReport['commands'][number];

/** Reports by `reportKey`, e.g. "pre-fail helm3". */
export type ReportSet = ReadonlyMap<string, LabReport>;

export function reportKey(scenario: string, major: number): string {
  return `${scenario} helm${major}`;
}

export class BlockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockError';
  }
}

/** Checks the shape of a parsed JSON report; `source` names it in errors. */
export function asLabReport(json: unknown, source: string): LabReport {
  const fail = (what: string): never => {
    throw new BlockError(`${source}: not a scenario report (${what})`);
  };
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail('not a JSON object');
  const r = json as Record<string, unknown>;
  const scenario = r.scenario as Record<string, unknown> | undefined;
  const helm = r.helm as Record<string, unknown> | undefined;
  if (typeof scenario?.name !== 'string') fail('no scenario.name');
  if (typeof helm?.major !== 'number') fail('no helm.major');
  if (typeof r.release !== 'string' || typeof r.namespace !== 'string') fail('no release or namespace');
  for (const key of ['commands', 'timeline', 'pods', 'jobs', 'hookLogs', 'events', 'assertions']) {
    if (!Array.isArray(r[key])) fail(`no ${key} list`);
  }
  return json as LabReport;
}

// ─── Normalisation ──────────────────────────────────────────────────────────────────────────

/** Kubernetes' alphabet for generated name suffixes: no vowels, so no word ever matches it. */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
/** What release and namespace names become in every block. */
export const DEMO_NAME = 'demo';
const FULLNAME = `${DEMO_NAME}-demo-hooks`;
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';

/** Ordered: the Go time string before ISO times, ReplicaSet pods before Job pods. */
const VARYING: ReadonlyArray<readonly [RegExp, string]> = [
  // Go's time.String(), e.g. in Helm 3's --debug lines: "2026-11-21 13:33:29.84 +0000 UTC m=+0.03".
  [/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{4} [A-Z]{1,5}(?: m=[+-]\d+(?:\.\d+)?)?/g, '<time>'],
  // RFC 3339 and PostgreSQL timestamps.
  [/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g, '<time>'],
  // ctime, as in Helm's "LAST DEPLOYED: Sat Nov 21 13:42:15 2026".
  [new RegExp(`\\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}(?: [A-Z]{3,5})? \\d{4}\\b`, 'g'), '<time>'],
  // `ls -l`: a file's size and date change with every run; its name and mode do not.
  [new RegExp(`^([-dlcbps][rwxsStT-]{9}[.+@]?\\s+\\d+\\s+\\S+\\s+\\S+\\s+)\\d+\\s+${MONTH}\\s+\\d{1,2}\\s+(?:\\d{1,2}:\\d{2}|\\d{4})\\s`, 'gm'), '$1<size> <date> '],
  [/^total \d+$/gm, 'total <n>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uid>'],
  [/(resourceVersion\\?"?\s*[:=]\s*\\?"?)\d+/gi, '$1<rv>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '<ip>'],
  [/\b\d+\.\d+(?:ns|µs|us|ms|s)\b/g, '<duration>'],
  // Anything that looks like a password value the harness did not redact already.
  [/((?:password|passwd)["']?\s*[:=]\s*["']?)(?!<redacted>)[^\s"',}]{6,}/gi, '$1<redacted>'],
  // Absolute paths differ per checkout.
  [/(?:\/[\w.+-]+)+\/charts\/demo-hooks/g, '<repo>/charts/demo-hooks'],
  // Pods of the app's ReplicaSets, then pods of hook Jobs.
  [new RegExp(`\\b(${FULLNAME})-${SAFE}{6,10}-${SAFE}{5}\\b(?!-)`, 'g'), '$1-xxxxxxxxxx-xxxxx'],
  [new RegExp(`\\b(${FULLNAME}(?:-[a-z0-9]+)*?)-${SAFE}{5}\\b(?!-)`, 'g'), '$1-xxxxx'],
];

/**
 * Makes text from one run comparable with text from any other run of the same behaviour: the
 * run's release and namespace become `demo`, and times, sizes, generated name suffixes, uids,
 * resourceVersions, IPs, durations and stray passwords become placeholders. Tabs become four
 * spaces, trailing blanks go, and a line repeated back to back (a hook's "waiting for
 * PostgreSQL" loop, which runs a different number of times each run) is kept once.
 */
const KLOG_LINE = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [\w.-]+:\d+\] /;

export function normaliseText(text: string, names: readonly string[]): string {
  let out = text.replace(/\r\n?/g, '\n');
  for (const name of [...new Set(names)].filter((n) => n && n !== DEMO_NAME).sort((a, b) => b.length - a.length)) {
    out = out.split(name).join(DEMO_NAME);
  }
  for (const [pattern, replacement] of VARYING) out = out.replace(pattern, replacement);
  const lines = out
    .replace(/\t/g, '    ')
    .split('\n')
    .map((l) => l.trimEnd())
    // klog lines (a client-go watch that reconnected under load, say) are diagnostics of the
    // moment, not the command's output.
    .filter((l) => !KLOG_LINE.test(l));
  const kept = lines.filter((l, i) => i === 0 || l !== lines[i - 1]);
  while (kept.length && kept[0] === '') kept.shift();
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

function runNames(r: LabReport): string[] {
  return [r.release, r.namespace];
}

function normaliser(r: LabReport): (text: string) => string {
  const names = runNames(r);
  return (text) => normaliseText(text, names);
}

// ─── Markers ────────────────────────────────────────────────────────────────────────────────

export const BLOCK_KINDS = ['history', 'command', 'hook-log', 'pods', 'jobs', 'timeline', 'events', 'assertions'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface BlockSpec {
  scenario: string;
  /** Helm majors to render from; with two, both must render the same text. */
  helms: number[];
  kind: BlockKind;
  args: string[];
  options: Record<string, string>;
  /** The marker's text after "expected:", for messages. */
  source: string;
}

/** What each kind accepts: how many positional arguments, which options. */
const KIND_RULES: Record<BlockKind, { minArgs: number; maxArgs: number; options: readonly string[] }> = {
  history: { minArgs: 0, maxArgs: 0, options: ['after', 'width'] },
  command: { minArgs: 1, maxArgs: 1, options: ['lines', 'stdout', 'stderr', 'from', 'prompt', 'width'] },
  'hook-log': { minArgs: 1, maxArgs: 1, options: ['head', 'width'] },
  pods: { minArgs: 0, maxArgs: 0, options: ['only', 'width'] },
  jobs: { minArgs: 0, maxArgs: 0, options: ['width'] },
  timeline: { minArgs: 0, maxArgs: 1, options: ['width'] },
  events: { minArgs: 0, maxArgs: 1, options: ['width'] },
  assertions: { minArgs: 0, maxArgs: 0, options: ['match', 'width'] },
};

/** Splits on blanks; `key="a b"` and `"a b"` keep their blanks (quotes removed, \" kept as "). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /(?:[^\s"]+|"(?:\\.|[^"\\])*")+/g;
  for (const m of text.matchAll(re)) {
    tokens.push(m[0].replace(/"((?:\\.|[^"\\])*)"/g, (_q, inner: string) => inner.replace(/\\"/g, '"')));
  }
  return tokens;
}

export function parseSpec(source: string): BlockSpec {
  const tokens = tokenize(source.trim());
  const [scenario, helmList, kind, ...rest] = tokens;
  const usage = 'expected "SCENARIO helm3|helm4|helm3,helm4 KIND [ARGS] [key=value…]"';
  if (!scenario || !helmList || !kind) throw new BlockError(`marker "${source}": ${usage}`);
  if (!/^helm[34](,helm[34])?$/.test(helmList)) throw new BlockError(`marker "${source}": "${helmList}" is not helm3, helm4 or helm3,helm4`);
  if (!(BLOCK_KINDS as readonly string[]).includes(kind)) {
    throw new BlockError(`marker "${source}": unknown kind "${kind}" (kinds: ${BLOCK_KINDS.join(', ')})`);
  }
  const k = kind as BlockKind;
  const rules = KIND_RULES[k];
  const args: string[] = [];
  const options: Record<string, string> = {};
  for (const t of rest) {
    const eq = t.indexOf('=');
    if (eq > 0) {
      const key = t.slice(0, eq);
      if (!rules.options.includes(key)) {
        throw new BlockError(`marker "${source}": ${kind} takes no option "${key}"${rules.options.length ? ` (options: ${rules.options.join(', ')})` : ''}`);
      }
      options[key] = t.slice(eq + 1);
    } else {
      args.push(t);
    }
  }
  if (args.length < rules.minArgs || args.length > rules.maxArgs) {
    throw new BlockError(`marker "${source}": ${kind} takes ${rules.minArgs === rules.maxArgs ? rules.minArgs : `${rules.minArgs} to ${rules.maxArgs}`} argument(s), got ${args.length}`);
  }
  const helms = [...new Set(helmList.split(',').map((h) => Number(h.slice(4))))];
  return { scenario, helms, kind: k, args, options, source: source.trim() };
}

export interface ParsedBlock {
  spec: BlockSpec;
  /** 0-based line numbers of the opening and closing markers. */
  startLine: number;
  endLine: number;
  /** The lines between the markers, joined with \n. */
  body: string;
}

export interface ParsedGuide {
  lines: string[];
  blocks: ParsedBlock[];
  errors: string[];
}

const OPEN = /^<!--\s*expected:\s*(.*?)\s*-->\s*$/;
const CLOSE = /^<!--\s*\/expected\s*-->\s*$/;

/** Finds every block; errors name the 1-based line. */
export function parseGuide(text: string): ParsedGuide {
  const lines = text.split('\n');
  const blocks: ParsedBlock[] = [];
  const errors: string[] = [];
  let open: { line: number; spec?: BlockSpec } | undefined;
  lines.forEach((line, i) => {
    const o = OPEN.exec(line);
    if (o) {
      if (open) errors.push(`line ${open.line + 1}: block not closed before the next one at line ${i + 1}`);
      try {
        open = { line: i, spec: parseSpec(o[1] ?? '') };
      } catch (err) {
        errors.push(`line ${i + 1}: ${(err as Error).message}`);
        open = { line: i };
      }
      return;
    }
    if (CLOSE.test(line)) {
      if (!open) {
        errors.push(`line ${i + 1}: <!-- /expected --> without an opening marker`);
        return;
      }
      if (open.spec) blocks.push({ spec: open.spec, startLine: open.line, endLine: i, body: lines.slice(open.line + 1, i).join('\n') });
      open = undefined;
    }
  });
  if (open) errors.push(`line ${open.line + 1}: block never closed with <!-- /expected -->`);
  return { lines, blocks, errors };
}

// ─── Rendering ──────────────────────────────────────────────────────────────────────────────

const DEFAULT_WIDTH = 240;
const DEFAULT_COMMAND_LINES = 12;
/** Helm calls the harness makes to read state; a guide's "command N" counts only the others. */
const READ_ONLY_VERBS = new Set(['history', 'status', 'get', 'list', 'version']);

function intOption(spec: BlockSpec, key: string, fallback: number): number {
  const v = spec.options[key];
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new BlockError(`${key}=${v} is not a whole number`);
  return Number(v);
}

function positiveInt(text: string, what: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new BlockError(`${what} "${text}" is not a number from 1 up`);
  return Number(text);
}

/** Lines longer than `width` end in " …"; the first `keep` lines are never cut. */
function clip(lines: string[], width: number, keep = 0): string[] {
  return width > 0 ? lines.map((l, i) => (i >= keep && l.length > width ? `${l.slice(0, width - 2)} …` : l)) : lines;
}

/** The first `max` lines, and how many were left out (or just "…" when the count would vary). */
function head(lines: string[], max: number, count = true): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), count ? `… (${lines.length - max} more lines)` : '…'];
}

/** The commands a scenario step ran on purpose (install, upgrade, rollback, uninstall …), in order. */
export function actionCommands(r: LabReport): ReportCommand[] {
  return r.commands.filter((c) => !READ_ONLY_VERBS.has(c.args[0] ?? ''));
}

function actionCommand(r: LabReport, n: number): ReportCommand {
  const actions = actionCommands(r);
  const c = actions[n - 1];
  if (!c) throw new BlockError(`${reportKey(r.scenario.name, r.helm.major)} has ${actions.length} helm commands besides history/status, not ${n}`);
  return c;
}

const shellWord = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** Longer commands are split into one option per line, with shell continuations. */
const ONE_LINE_MAX = 100;

/**
 * The command as an attendee types it: `helm`, `-n demo`, no harness kubeconfig. A long one is
 * split before each option (` \` continuations), so it can still be pasted into a shell.
 */
export function typedCommandLines(args: readonly string[], names: readonly string[]): string[] {
  const words: string[][] = [['helm']];
  const head = words[0] as string[];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--kubeconfig' || a === '--kube-context') {
      i++;
      continue;
    }
    if (a.startsWith('--kubeconfig=') || a.startsWith('--kube-context=')) continue;
    if (a === '--namespace' || a === '-n') {
      head.push('-n', shellWord(normaliseText(args[i + 1] ?? '', names)));
      i++;
      continue;
    }
    const word = shellWord(normaliseText(a, names));
    const last = words[words.length - 1] as string[];
    if (a.startsWith('-')) words.push([word]);
    else if (words.length > 1 && last.length === 1) last.push(word); // an option's value
    else head.push(word);
  }
  const oneLine = words.map((w) => w.join(' ')).join(' ');
  if (oneLine.length <= ONE_LINE_MAX) return [oneLine];
  const lines = words.map((w, i) => `${i === 0 ? '' : '    '}${w.join(' ')}`);
  return lines.map((l, i) => (i < lines.length - 1 ? `${l} \\` : l));
}

function renderCommand(r: LabReport, spec: BlockSpec): string[] {
  const n = positiveInt(spec.args[0] ?? '', 'command');
  const c = actionCommand(r, n);
  const norm = normaliser(r);
  const lines = intOption(spec, 'lines', DEFAULT_COMMAND_LINES);
  const prompt = spec.options.prompt ?? 'yes';
  if (prompt !== 'yes' && prompt !== 'no') throw new BlockError(`prompt=${prompt}: use yes or no`);
  let stdout = norm(c.stdout).split('\n');
  let stderr = norm(c.stderr).split('\n');
  if (spec.options.from !== undefined) {
    let re: RegExp;
    try {
      re = new RegExp(spec.options.from, 'm');
    } catch (err) {
      throw new BlockError(`from=${spec.options.from}: ${(err as Error).message}`);
    }
    // The cut starts at the line that matches, in stdout or else in stderr (then stdout is left out).
    const cut = (lines: string[]) => {
      const text = lines.join('\n');
      const m = re.exec(text);
      return m ? text.slice(text.lastIndexOf('\n', m.index) + 1).split('\n') : undefined;
    };
    const fromStdout = cut(stdout);
    const fromStderr = fromStdout ? undefined : cut(stderr);
    if (!fromStdout && !fromStderr) throw new BlockError(`from=${spec.options.from} matches nothing in the output of command ${n}`);
    if (fromStdout) stdout = fromStdout;
    else [stdout, stderr] = [[''], fromStderr!];
  }
  const out: string[] = [];
  if (prompt === 'yes') out.push(...typedCommandLines(c.args, runNames(r)).map((l, i) => (i === 0 ? `$ ${l}` : l)));
  // After from=, what follows the cut is the rest of a long output: its length says nothing.
  const stream = (text: string[], max: number, count: boolean) => (max === 0 || (text.length === 1 && text[0] === '') ? [] : head(text, max, count));
  out.push(...stream(stdout, intOption(spec, 'stdout', lines), spec.options.from === undefined));
  out.push(...stream(stderr, intOption(spec, 'stderr', lines), true));
  if (prompt === 'yes') out.push(c.killedBecause ? `[killed: ${c.killedBecause}]` : `[exit code ${c.exitCode}]`);
  return out;
}

interface HistoryRow {
  revision: number;
  status: string;
  description: string;
}

function historyRows(json: unknown, where: string): HistoryRow[] {
  if (!Array.isArray(json)) throw new BlockError(`${where}: helm history output is not a JSON list`);
  return json
    .map((row: unknown): HistoryRow => {
      const o = (row ?? {}) as Record<string, unknown>;
      return { revision: Number(o.revision), status: String(o.status ?? ''), description: String(o.description ?? '') };
    })
    .sort((a, b) => a.revision - b.revision);
}

function renderHistory(r: LabReport, spec: BlockSpec): string[] {
  const key = reportKey(r.scenario.name, r.helm.major);
  let rows: HistoryRow[];
  if (spec.options.after !== undefined) {
    // `helm history` as the harness read it right after command N.
    const n = positiveInt(spec.options.after, 'after');
    const action = actionCommand(r, n);
    const from = r.commands.indexOf(action);
    const next = r.commands.slice(from + 1).find((c) => c.args[0] === 'history' || !READ_ONLY_VERBS.has(c.args[0] ?? ''));
    if (!next || next.args[0] !== 'history') throw new BlockError(`${key}: no helm history was read between command ${n} and the next command`);
    if (next.exitCode !== 0) return [normaliser(r)(next.stderr)];
    try {
      rows = historyRows(JSON.parse(next.stdout), key);
    } catch (err) {
      throw new BlockError(`${key}: helm history after command ${n}: ${(err as Error).message}`);
    }
  } else {
    if (!r.history) return [normaliser(r)(r.historyError ?? 'no history')];
    rows = historyRows(r.history.json, key);
  }
  const norm = normaliser(r);
  const flat = (s: string) => norm(s).replace(/\s+/g, ' ').trim();
  return table(
    ['REVISION', 'STATUS', 'DESCRIPTION'],
    rows.map((h) => [String(h.revision), h.status, flat(h.description)]),
  );
}

function renderHookLog(r: LabReport, spec: BlockSpec): string[] {
  const m = /^([A-Za-z]+)(?:#(\d+))?$/.exec(spec.args[0] ?? '');
  if (!m || !m[1]) throw new BlockError(`hook-log "${spec.args[0] ?? ''}": use HOOK or HOOK#N, e.g. migration#2`);
  const hook = m[1];
  const logs = r.hookLogs.filter((l) => l.hook === hook);
  const key = reportKey(r.scenario.name, r.helm.major);
  if (!logs.length) throw new BlockError(`${key} saved no log of hook ${hook}`);
  const n = m[2] === undefined ? logs.length : positiveInt(m[2], 'log number');
  const log = logs[n - 1];
  if (!log) throw new BlockError(`${key} saved ${logs.length} log(s) of hook ${hook}, not ${n}`);
  const text = normaliser(r)(log.log);
  const lines = text ? text.split('\n') : [log.error ? `(no log: ${normaliser(r)(log.error)})` : '(empty log)'];
  return head(lines, intOption(spec, 'head', Number.MAX_SAFE_INTEGER));
}

/** Pods that still exist for good: terminating ones come and go with the timing of each run. */
function renderPods(r: LabReport, spec: BlockSpec): string[] {
  const only = spec.options.only;
  if (only !== undefined && only !== 'hooks') throw new BlockError(`only=${only}: the only filter is only=hooks`);
  const norm = normaliser(r);
  const pods = r.pods
    .filter((p) => !p.terminating)
    .map((p) => ({ ...p, name: norm(p.name) }))
    .filter((p) => p.name.startsWith(`${FULLNAME}-`))
    .filter((p) => only !== 'hooks' || p.hook)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!pods.length) return ['(no pods)'];
  const exit = (p: LabReport['pods'][number]) => (p.exitCode === undefined ? '-' : String(p.exitCode));
  if (only === 'hooks') return table(['NAME', 'HOOK', 'PHASE', 'EXIT CODE'], pods.map((p) => [p.name, p.hook ?? '-', p.phase, exit(p)]));
  return table(
    ['NAME', 'HOOK', 'PHASE', 'EXIT CODE', 'APP VERSION'],
    pods.map((p) => [p.name, p.hook ?? '-', p.phase, exit(p), p.appVersion ?? '-']),
  );
}

function renderJobs(r: LabReport): string[] {
  const norm = normaliser(r);
  const jobs = r.jobs.map((j) => ({ ...j, name: norm(j.name) })).sort((a, b) => a.name.localeCompare(b.name));
  if (!jobs.length) return ['(no jobs)'];
  return table(['NAME', 'HOOK', 'STATE', 'REASON'], jobs.map((j) => [j.name, j.hook ?? '-', j.state, j.reason ?? '']));
}

const TIMELINE_WHATS = new Set(['created', 'succeeded', 'failed', 'deleted']);

/**
 * The hook Jobs Helm created, saw finish, and deleted during command N (until the next command
 * began), or during the whole run. Only Jobs: they come from one watch, in the order the API
 * server applied them, which is Helm's order. Pods come from another watch and interleave with
 * Jobs differently from run to run; the `pods` and `hook-log` blocks show them.
 */
function renderTimeline(r: LabReport, spec: BlockSpec): string[] {
  const { from, to } = commandWindow(r, spec.args[0]);
  const norm = normaliser(r);
  const rows = r.timeline
    .filter((e) => e.kind === 'Job' && e.hook && TIMELINE_WHATS.has(e.what))
    .filter((e) => {
      const at = Date.parse(e.at);
      return at >= from && at < to;
    })
    .map((e) => [e.hook ?? '', norm(e.name), e.what === 'failed' && e.reason ? `failed: ${e.reason}` : e.what]);
  if (!rows.length) return ['(no hook Job was created, finished or deleted)'];
  return table(['HOOK', 'JOB', 'WHAT'], rows);
}

/** The window of command N: from its start to the start of the next command (or the run's end). */
function commandWindow(r: LabReport, arg: string | undefined): { from: number; to: number } {
  if (arg === undefined) return { from: -Infinity, to: Infinity };
  const n = positiveInt(arg, 'command');
  const c = actionCommand(r, n);
  const next = actionCommands(r)[n];
  return { from: Date.parse(c.startedAt), to: next ? Date.parse(next.startedAt) : Infinity };
}

/**
 * Warning Events of hook Jobs (during command N, or the whole run): what `kubectl describe job`
 * shows about a failing hook. Normal events are left out, and so are pods' warnings: those are
 * the node's passing troubles (a slow volume mount), different on every run.
 */
function renderEvents(r: LabReport, spec: BlockSpec): string[] {
  const { from, to } = commandWindow(r, spec.args[0]);
  const hookObjects = new Set(r.timeline.filter((e) => e.hook && e.kind === 'Job').map((e) => `Job/${e.name}`));
  const norm = normaliser(r);
  const rows = r.events
    .filter((e) => e.type === 'Warning' && hookObjects.has(e.object))
    .filter((e) => {
      const at = e.at ? Date.parse(e.at) : NaN;
      return Number.isNaN(at) ? from === -Infinity : at >= from && at < to;
    })
    .map((e) => {
      const slash = e.object.indexOf('/');
      const object = `${e.object.slice(0, slash).toLowerCase()}/${norm(e.object.slice(slash + 1))}`;
      return [e.type, e.reason, object, norm(e.message).replace(/\s+/g, ' ')];
    });
  if (!rows.length) return ['(no warning events for hooks)'];
  return table(['TYPE', 'REASON', 'OBJECT', 'MESSAGE'], rows);
}

function renderAssertions(r: LabReport, spec: BlockSpec): string[] {
  const norm = normaliser(r);
  let match: RegExp | undefined;
  if (spec.options.match !== undefined) {
    try {
      match = new RegExp(spec.options.match);
    } catch (err) {
      throw new BlockError(`match=${spec.options.match}: ${(err as Error).message}`);
    }
  }
  const rows = r.assertions.filter((a) => !match || match.test(a.name)).map((a) => `${a.passed ? '✔' : '✘'} ${norm(a.name).replace(/\s+/g, ' ')}`);
  return rows.length ? rows : ['(no assertions)'];
}

function renderLines(r: LabReport, spec: BlockSpec): string[] {
  switch (spec.kind) {
    case 'history':
      return renderHistory(r, spec);
    case 'command':
      return renderCommand(r, spec);
    case 'hook-log':
      return renderHookLog(r, spec);
    case 'pods':
      return renderPods(r, spec);
    case 'jobs':
      return renderJobs(r);
    case 'timeline':
      return renderTimeline(r, spec);
    case 'events':
      return renderEvents(r, spec);
    case 'assertions':
      return renderAssertions(r, spec);
  }
}

/** A fence longer than any backtick run inside. */
export function fence(content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}text\n${content}\n${f}`;
}

/**
 * The text of one report's block, without the fence. Lines longer than width= (240) are cut,
 * except the command to type.
 */
export function renderFromReport(r: LabReport, spec: BlockSpec): string {
  const lines = renderLines(r, spec);
  const keep = spec.kind === 'command' && spec.options.prompt !== 'no' ? lines.findIndex((l) => !l.endsWith(' \\')) + 1 : 0;
  return clip(lines, intOption(spec, 'width', DEFAULT_WIDTH), keep).join('\n');
}

/** The fenced block a guide must hold between the markers. */
export function renderBlock(spec: BlockSpec, reports: ReportSet): string {
  const texts = spec.helms.map((major) => {
    const r = reports.get(reportKey(spec.scenario, major));
    if (!r) throw new BlockError(`no report ${spec.scenario}-helm${major}.json`);
    return renderFromReport(r, spec);
  });
  const [first, second] = texts;
  if (second !== undefined && second !== first) {
    throw new BlockError(
      `helm3 and helm4 differ; show them as two blocks:\n${unifiedDiff((first ?? '').split('\n'), second.split('\n'), 'helm3', 'helm4').join('\n')}`,
    );
  }
  return fence(first ?? '');
}

// ─── Guides ─────────────────────────────────────────────────────────────────────────────────

export interface Guide {
  path: string;
  text: string;
}

export interface BlockDifference {
  path: string;
  /** 1-based line of the opening marker. */
  line: number;
  source: string;
  diff: string[];
}

export interface GuideResult {
  /** The guide with every block that could be rendered brought up to date. */
  text: string;
  differences: BlockDifference[];
  problems: string[];
}

/** Renders every block of one guide; blocks that cannot be rendered stay as they are. */
export function updateGuide(guide: Guide, reports: ReportSet): GuideResult {
  const parsed = parseGuide(guide.text);
  const problems = parsed.errors.map((e) => `${guide.path}: ${e}`);
  const differences: BlockDifference[] = [];
  const lines = [...parsed.lines];
  // From the last block up, so earlier line numbers stay valid while replacing.
  for (const b of [...parsed.blocks].reverse()) {
    let expected: string;
    try {
      expected = renderBlock(b.spec, reports);
    } catch (err) {
      problems.unshift(`${guide.path}:${b.startLine + 1}: ${b.spec.source}: ${(err as Error).message}`);
      continue;
    }
    if (expected === b.body) continue;
    differences.unshift({
      path: guide.path,
      line: b.startLine + 1,
      source: b.spec.source,
      diff: unifiedDiff(b.body.split('\n'), expected.split('\n'), 'guide', 'reports'),
    });
    lines.splice(b.startLine + 1, b.endLine - b.startLine - 1, ...expected.split('\n'));
  }
  return { text: lines.join('\n'), differences, problems };
}

export interface CheckResult {
  differences: BlockDifference[];
  problems: string[];
}

/** Every block of every guide against the reports: empty lists mean the guides tell the truth. */
export function check(guides: readonly Guide[], reports: ReportSet): CheckResult {
  const results = guides.map((g) => updateGuide(g, reports));
  return { differences: results.flatMap((r) => r.differences), problems: results.flatMap((r) => r.problems) };
}

export function formatDifference(d: BlockDifference): string {
  return [`${d.path}:${d.line}: ${d.source} differs from the reports`, ...d.diff].join('\n');
}

/** The reports the guides' blocks come from, as "scenario helmN" keys. */
export function referencedReports(guides: readonly Guide[]): string[] {
  const keys = new Set<string>();
  for (const g of guides) for (const b of parseGuide(g.text).blocks) for (const h of b.spec.helms) keys.add(reportKey(b.spec.scenario, h));
  return [...keys].sort();
}

/**
 * A report cut down to what blocks are rendered from, for committed test fixtures: no release
 * manifest, status, events or steps, no `helm status` output, only the Job entries of the
 * timeline. Output is unchanged, so the rendered blocks are too.
 */
export function slimReport(r: LabReport): LabReport {
  return {
    scenario: { name: r.scenario.name },
    helm: { major: r.helm.major, ...(r.helm.version ? { version: r.helm.version } : {}) },
    release: r.release,
    namespace: r.namespace,
    commands: r.commands.map((c) => ({
      args: c.args,
      exitCode: c.exitCode,
      stdout: c.args[0] === 'status' ? '' : c.stdout,
      stderr: c.stderr,
      startedAt: c.startedAt,
      durationMs: c.durationMs,
      ...(c.killedBecause ? { killedBecause: c.killedBecause } : {}),
    })),
    typedCommands: r.typedCommands,
    clusterValues: r.clusterValues,
    history: r.history ? { json: r.history.json } : null,
    ...(r.historyError ? { historyError: r.historyError } : {}),
    timeline: r.timeline.filter((e) => e.kind === 'Job'),
    pods: r.pods,
    jobs: r.jobs,
    hookLogs: r.hookLogs,
    events: r.events.filter((e) => e.type === 'Warning'),
    assertions: r.assertions.map((a) => ({ name: a.name, passed: a.passed, expected: a.expected, actual: a.actual })),
  };
}

// ─── Diff ───────────────────────────────────────────────────────────────────────────────────

/** A line diff with three lines of context around each change ("-" guide, "+" reports). */
export function unifiedDiff(a: readonly string[], b: readonly string[], aName: string, bName: string, context = 3): string[] {
  // Longest common subsequence table, from the ends: blocks are short.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const ops: Array<{ tag: ' ' | '-' | '+'; text: string }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ tag: ' ', text: a[i] ?? '' });
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      ops.push({ tag: '-', text: a[i] ?? '' });
      i++;
    } else {
      ops.push({ tag: '+', text: b[j] ?? '' });
      j++;
    }
  }
  const show = ops.map((op, k) => ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o.tag !== ' '));
  const out = [`--- ${aName}`, `+++ ${bName}`];
  let gap = true;
  ops.forEach((op, k) => {
    if (!show[k]) {
      gap = true;
      return;
    }
    if (gap) out.push('@@');
    gap = false;
    out.push(`${op.tag}${op.text}`);
  });
  return out;
}
