// The `observe` verb: reads its own options, works out from Helm's arguments which release and
// namespace to watch (a usage error before Helm runs when it cannot), runs the command under the
// observer, writes the JSON, JUnit and HTML reports, and exits with Helm's exit code.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runHelm } from '../helm/run.js';
import { checkReachable, connectKubeLikeHelm, UnknownContextError } from '../kube/client.js';
import { htmlReportFileFor, writeHtmlFromJson, writeRunReport } from '../report/files.js';
import { renderJUnit } from '../report/junit.js';
import { renderRun } from '../report/terminal.js';
import { logLimitsOf } from '../cli/command.js';
import type { LogLimits } from '../report/cluster-text.js';
import type { Style } from '../report/style.js';
import { requireHelm, type HelmMajor } from '../tools.js';
import { HelmInvocationError, parseHelmInvocation, type HelmInvocation } from './helm-invocation.js';
import { observeHelmCommand } from './observe.js';
import { errorMessage } from '../util/errors.js';

export class ObserveUsageError extends Error {}
export class ObserveEnvironmentError extends Error {}

export interface ObserveIo {
  print: (line: string) => void;
  style: Style;
  /** The columns the report's tables fit into. */
  width?: number;
  interrupt: AbortSignal;
  /** The exit code for an interrupted run: 130 for SIGINT, 143 for SIGTERM. */
  interruptedExitCode: () => number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface ObserveArgs {
  reportDir: string;
  junit?: string;
  html?: string;
  keepGoing: boolean;
  namespace?: string;
  release?: string;
  helmWord: string;
  helmArgs: string[];
  logLimits: LogLimits;
}

export interface ObserveOptionValues {
  logLines?: number;
  logBytes?: number;
  reportDir?: string;
  junit?: string;
  html?: string;
  keepGoing?: boolean;
  namespace?: string;
  release?: string;
}

/** The verb's options and the Helm command after "--", with paths resolved where the user stands. */
export function observeArgs(options: ObserveOptionValues, helmCommand: readonly string[], cwd: string): ObserveArgs {
  const [helmWord, ...helmArgs] = helmCommand;
  if (!helmWord) throw new ObserveUsageError('no Helm command after "--": give one, e.g. -- helm upgrade web ./chart');
  return {
    reportDir: path.resolve(cwd, options.reportDir ?? 'reports'),
    ...(options.junit ? { junit: path.resolve(cwd, options.junit) } : {}),
    ...(options.html ? { html: path.resolve(cwd, options.html) } : {}),
    keepGoing: options.keepGoing ?? false,
    logLimits: logLimitsOf(options),
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.release ? { release: options.release } : {}),
    helmWord,
    helmArgs,
  };
}

/** The Helm invocation, with --release/--namespace filling what Helm's arguments do not say. */
export function resolveInvocation(args: ObserveArgs): HelmInvocation {
  let invocation: HelmInvocation;
  try {
    invocation = parseHelmInvocation(args.helmArgs);
  } catch (err) {
    if (!(err instanceof HelmInvocationError)) throw err;
    if (!args.release) throw new ObserveUsageError(`${err.message}; or name the release with --release R`);
    invocation = { verb: 'upgrade', release: args.release, generateName: false };
  }
  if (args.release && invocation.release && args.release !== invocation.release) {
    throw new ObserveUsageError(`--release ${args.release} disagrees with the release in Helm's arguments (${invocation.release}): drop --release`);
  }
  return invocation;
}

/** helm3/helm4 mean the pinned builds; anything else is run as given (PATH lookup by the OS). */
async function helmBinaryFor(word: string, env: NodeJS.ProcessEnv): Promise<string> {
  const pinned = /^helm([34])$/.exec(word);
  return pinned ? requireHelm(Number(pinned[1]) as HelmMajor, env) : word;
}

async function helmVersionOf(binary: string): Promise<{ major: HelmMajor; version: string }> {
  const r = await runHelm(binary, 3, ['version', '--short']);
  const version = r.stdout.trim().split('+')[0] ?? '';
  const major = /^v([34])\./.exec(version)?.[1];
  if (r.exitCode !== 0 || !major) {
    throw new ObserveEnvironmentError(`cannot run "${binary} version --short" (${(r.stderr || r.stdout).trim().split('\n')[0] || `exit ${r.exitCode}`}): is Helm 3 or 4 installed? "helm3"/"helm4" run the pinned builds`);
  }
  return { major: Number(major) as HelmMajor, version };
}

export async function observeCommand(args: ObserveArgs, io: ObserveIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  const invocation = resolveInvocation(args);
  if (args.namespace && invocation.namespace && args.namespace !== invocation.namespace) {
    throw new ObserveUsageError(`--namespace ${args.namespace} disagrees with Helm's -n ${invocation.namespace}: drop --namespace`);
  }

  let kube;
  try {
    kube = connectKubeLikeHelm({
      ...(invocation.kubeconfig ? { kubeconfig: path.resolve(cwd, invocation.kubeconfig) } : {}),
      ...(invocation.kubeContext ? { context: invocation.kubeContext } : {}),
    });
  } catch (err) {
    if (err instanceof UnknownContextError) throw new ObserveUsageError(`Helm's --kube-context: ${err.message}`);
    throw new ObserveEnvironmentError(`no usable kubeconfig (${errorMessage(err)}): name one with Helm's --kubeconfig`);
  }
  // Helm's own order (pkg/cli/environment.go): -n, then $HELM_NAMESPACE, then the context's namespace, then "default".
  const namespace = invocation.namespace ?? args.namespace ?? env.HELM_NAMESPACE ?? kube.namespace ?? 'default';
  const helmBinary = await helmBinaryFor(args.helmWord, env);
  const [{ major, version }, reach] = await Promise.all([helmVersionOf(helmBinary), checkReachable(kube)]);
  if (!reach.ok) throw new ObserveEnvironmentError(`no reachable cluster at ${reach.server}: ${reach.reason}`);

  // Whatever breaks in watching (e.g. the observer cannot list a kind it needs) is one line, not a stack trace.
  const observed = observeHelmCommand({
    helmBinary,
    helmMajor: major,
    helmVersion: version,
    helmArgs: args.helmArgs,
    invocation,
    ...(invocation.release ? { release: invocation.release } : {}),
    namespace,
    kube,
    target: {
      namespace,
      ...(invocation.kubeconfig ? { kubeconfig: invocation.kubeconfig } : {}),
      ...(invocation.kubeContext ? { kubeContext: invocation.kubeContext } : {}),
    },
    cwd,
    keepGoing: args.keepGoing,
    interrupt: io.interrupt,
    print: io.print,
    style: io.style,
  }).catch((err: unknown) => {
    throw new ObserveEnvironmentError(errorMessage(err));
  });
  const { run, helmExit } = await observed;

  // The reports first: they write the logs' files, which the terminal's report names.
  const json = await writeRunReport(args.reportDir, run);
  io.print('');
  const logs = { limits: args.logLimits, reportDir: args.reportDir };
  io.print(renderRun(run, io.style, io.width, logs));
  const junit = args.junit ?? json.replace(/\.json$/, '.junit.xml');
  await writeText(junit, renderJUnit([run], 'demo-hooks observe', logs));
  // writeRunReport drew the HTML beside the JSON; --html elsewhere draws it again there.
  const html = args.html ? await writeHtmlFromJson(json, args.html) : htmlReportFileFor(json);
  io.print(`reports: ${json}  ${junit}  ${html}`);
  return io.interrupt.aborted ? io.interruptedExitCode() : helmExit;
}

async function writeText(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}
