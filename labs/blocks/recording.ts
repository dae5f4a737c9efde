// A recorded command as a guide shows it: the command as typed, what it printed (stdout, then
// stderr, cut with the `… (N more lines)` marker), and its exit code. The `command` and `shell`
// kinds render it from a report; the paste test renders what a real shell printed the same way.
import { BlockError, type ReportCommand } from './report.js';
import { head, intOption, regexOption, type BlockSpec } from './kind.js';
import { normaliseText } from './normalise.js';

export const RECORDING_OPTIONS = ['lines', 'stdout', 'stderr', 'from', 'prompt', 'paste'] as const;
const DEFAULT_COMMAND_LINES = 12;

export interface Recording {
  /** The command as typed, one element per line (a long one continues with ` \`). */
  typed: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
  killedBecause?: string;
}

/**
 * The block's lines. Output is normalised with `norm`, then cut: each stream after `lines=` (or
 * `stdout=` / `stderr=`) lines, with `… (N more lines)` for the rest, so a cut never goes
 * unsaid; `from=REGEX` starts at the first matching line, and says how many lines it left out
 * above. `prompt=no` leaves out the command and the exit code. `paste=no` marks a command whose
 * block holds what the harness did while it ran (stopped Helm with a signal, deleted a hook Job):
 * pasted, it would run without that, so the paste test stops its part there (labs/paste.ts).
 */
export function renderRecording(rec: Recording, spec: BlockSpec, norm: (text: string) => string, what: string): string[] {
  const lines = intOption(spec, 'lines', DEFAULT_COMMAND_LINES);
  const prompt = spec.options.prompt ?? 'yes';
  if (prompt !== 'yes' && prompt !== 'no') throw new BlockError(`prompt=${prompt}: use yes or no`);
  const paste = spec.options.paste ?? 'yes';
  if (paste !== 'yes' && paste !== 'no') throw new BlockError(`paste=${paste}: use yes or no`);
  const split = (text: string) => (text === '' ? [] : text.split('\n'));
  let stdout = split(norm(rec.stdout));
  let stderr = split(norm(rec.stderr));
  let above: string[] = [];
  const from = regexOption(spec, 'from', 'm');
  if (from) {
    // The index of the line where the first match starts; a regex may span lines (\n).
    const at = (ls: string[]) => {
      const text = ls.join('\n');
      const m = from.exec(text);
      return m ? text.slice(0, m.index).split('\n').length - 1 : -1;
    };
    const inStdout = at(stdout);
    const inStderr = inStdout < 0 ? at(stderr) : -1;
    if (inStdout < 0 && inStderr < 0) throw new BlockError(`from=${spec.options.from} matches nothing in the output of ${what}`);
    const left = inStdout >= 0 ? inStdout : stdout.length + inStderr;
    if (left) above = [`… (${left} more lines)`];
    if (inStdout >= 0) stdout = stdout.slice(inStdout);
    else [stdout, stderr] = [[], stderr.slice(inStderr)];
  }
  const out: string[] = [];
  if (prompt === 'yes') out.push(...rec.typed.map((l, i) => (i === 0 ? `$ ${l}` : l)));
  out.push(...above);
  out.push(...head(stdout, intOption(spec, 'stdout', lines)));
  out.push(...head(stderr, intOption(spec, 'stderr', lines)));
  if (prompt === 'yes') out.push(rec.killedBecause ? `[killed: ${rec.killedBecause}]` : `[exit code ${rec.exitCode}]`);
  return out;
}

/** A Helm command of the report as a recording: typed as the attendee types it. */
export function helmRecording(c: Pick<ReportCommand, 'args' | 'exitCode' | 'stdout' | 'stderr' | 'killedBecause'>, names: readonly string[], clusterValues: string): Recording {
  return {
    typed: typedCommandLines(c.args, names, clusterValues),
    exitCode: c.exitCode,
    stdout: c.stdout,
    stderr: c.stderr,
    ...(c.killedBecause ? { killedBecause: c.killedBecause } : {}),
  };
}

const shellWord = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** Longer commands are split into one option per line, with shell continuations. */
const ONE_LINE_MAX = 100;

/**
 * The command as an attendee types it: `helm`, `-n demo`, `-f "$CLUSTER_VALUES"`, no harness kubeconfig. A long one is
 * split before each option (` \` continuations), so it can still be pasted into a shell.
 */
export function typedCommandLines(args: readonly string[], names: readonly string[], clusterValues?: string): string[] {
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
    // The cluster's values file is the variable the guide's set-up exports, the same text on every cluster.
    const word = a === clusterValues && (args[i - 1] === '-f' || args[i - 1] === '--values') ? '"$CLUSTER_VALUES"' : shellWord(normaliseText(a, names));
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
