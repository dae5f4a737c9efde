// demo-hooks: run the scenarios that prove what Helm does when its hooks fail.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { allScenarios } from '../../scenarios/index.js';
import { selectProvider, type ClusterProvider } from './cluster/provider.js';
import { StepInterrupted } from './cluster/run-script.js';
import { checkReachable, connectKube, type Kube } from './kube/client.js';
import { deleteNamespace, listHarnessNamespaces, waitForNamespaceGone } from './kube/namespaces.js';
import { defaultReportDir, relativeToRepo } from './paths.js';
import { observeCommand, ObserveEnvironmentError, ObserveUsageError, OBSERVE_USAGE } from './observe-command/command.js';
import { writeHtmlFromJson } from './report/files.js';
import { suiteVerdict } from './report/model.js';
import { styleFor, table } from './report/style.js';
import { resolveScenarios, UnknownScenarioError } from './scenario/registry.js';
import { runSuite } from './scenario/suite.js';
import { defaultHelmMajors, MissingToolError, parseHelmMajors, requireHelm, requireKubectl, type HelmMajor } from './tools.js';

const USAGE = `usage:
  demo-hooks list
  demo-hooks run NAME... [--helm 3,4] [--parallel N] [--keep] [--report-dir reports] [--deadline SECONDS]
  demo-hooks cluster up|down|status|provider
  demo-hooks clean
  demo-hooks observe [--report-dir DIR] [--junit FILE] [--html FILE] [--keep-going] -- helm ARGS...
  demo-hooks report FILE.json        # the HTML report again, next to the JSON

  NAME may be "all". --helm defaults to $HELM_VERSION, else 3.
  A run that passes removes its namespace; one that fails keeps it (so does --keep).`;

export const exitCodes = { ok: 0, failed: 1, usage: 2, environment: 3, notCleanedUp: 4, interrupted: 130 } as const;

class UsageError extends Error {}
class EnvironmentError extends Error {}

const print = (text: string) => process.stdout.write(`${text}\n`);
const style = styleFor(process.stdout);

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'list':
        return list();
      case 'run':
        return await run(rest);
      case 'cluster':
        return await cluster(rest);
      case 'clean':
        return await clean();
      case 'observe':
        return await observe(rest);
      case 'report':
        return await report(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        print(USAGE);
        return command === undefined ? exitCodes.usage : exitCodes.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof ObserveUsageError) {
      process.stderr.write(`demo-hooks observe: ${err.message}\n${OBSERVE_USAGE}\n`);
      return exitCodes.usage;
    }
    if (err instanceof ObserveEnvironmentError) {
      process.stderr.write(`demo-hooks observe: ${err.message}\n`);
      return exitCodes.environment;
    }
    if (err instanceof UnknownScenarioError || err instanceof UsageError) {
      process.stderr.write(`demo-hooks: ${err.message}\n${err instanceof UsageError ? `${USAGE}\n` : ''}`);
      return exitCodes.usage;
    }
    if (err instanceof StepInterrupted) {
      process.stderr.write(`demo-hooks: ${err.message}\n`);
      return exitCodes.interrupted;
    }
    if (err instanceof MissingToolError || err instanceof EnvironmentError) {
      process.stderr.write(`demo-hooks: ${err.message}\n`);
      return exitCodes.environment;
    }
    throw err;
  }
}

function list(): number {
  const rows = allScenarios.map((s) => [s.name, s.seedStep, s.title]);
  print(table(['SCENARIO', 'PROVES', 'TITLE'], rows).join('\n'));
  return exitCodes.ok;
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      helm: { type: 'string' },
      parallel: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      'report-dir': { type: 'string' },
      deadline: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('name at least one scenario (or "all"); `demo-hooks list` shows them');
  const scenarios = resolveScenarios(positionals, allScenarios);
  const majors = values.helm ? parseMajorsOrUsage(values.helm) : defaultHelmMajors();
  const parallel = positiveInt(values.parallel ?? '1', '--parallel');
  const deadlineSeconds = values.deadline ? positiveInt(values.deadline, '--deadline') : undefined;

  const helmBinaries: Record<HelmMajor, string | undefined> = { 3: undefined, 4: undefined };
  for (const major of majors) helmBinaries[major] = await requireHelm(major);
  const kubectl = await requireKubectl();
  const { provider, kube } = await reachableCluster();

  const interrupt = new AbortController();
  const removeHandlers = onInterrupt(() => interrupt.abort(new Error('interrupted')));
  try {
    const results = await runSuite({
      scenarios,
      majors,
      helmBinaries,
      kubectl,
      kube,
      provider,
      parallel,
      keep: values.keep ?? false,
      reportDir: path.resolve(values['report-dir'] ?? defaultReportDir),
      ...(deadlineSeconds ? { deadlineSeconds } : {}),
      interrupt: interrupt.signal,
      print,
      style,
    });
    if (interrupt.signal.aborted) return exitCodes.interrupted;
    const verdict = suiteVerdict(results);
    return verdict === 'passed' ? exitCodes.ok : verdict === 'not cleaned up' ? exitCodes.notCleanedUp : exitCodes.failed;
  } finally {
    removeHandlers();
  }
}

/** Helm's own exit code is the answer; Ctrl-C stops Helm and the reports are still written. */
async function observe(args: string[]): Promise<number> {
  const interrupt = new AbortController();
  const removeHandlers = onInterrupt(() => interrupt.abort(new Error('interrupted')), 'stopping Helm; the reports are still written (press Ctrl-C again to leave at once, without them)');
  try {
    return await observeCommand(args, { print, style, interrupt: interrupt.signal });
  } finally {
    removeHandlers();
  }
}

async function report(args: string[]): Promise<number> {
  const [file, ...extra] = args;
  if (!file || extra.length || !file.endsWith('.json')) throw new UsageError('report needs one JSON report, e.g. demo-hooks report reports/pre-fail-helm3.json');
  try {
    print(`wrote ${await writeHtmlFromJson(path.resolve(file))}`);
  } catch (err) {
    throw new UsageError(`cannot read ${file} as a JSON report (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  return exitCodes.ok;
}

/** First Ctrl-C / SIGTERM: stop Helm, clean up, report. Second: leave at once. */
function onInterrupt(stop: () => void, what = "stopping Helm and removing this run's namespaces (press Ctrl-C again to leave them)"): () => void {
  let count = 0;
  const handler = (sig: NodeJS.Signals) => {
    count += 1;
    if (count === 1) {
      process.stderr.write(`\n${sig}: ${what}\n`);
      stop();
    } else {
      process.stderr.write(`${sig} again: leaving now; \`demo-hooks clean\` removes what is left\n`);
      process.exit(exitCodes.interrupted);
    }
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

async function chosenProvider(): Promise<ClusterProvider> {
  try {
    return await selectProvider();
  } catch (err) {
    throw new EnvironmentError(err instanceof Error ? err.message : String(err));
  }
}

async function reachableCluster(): Promise<{ provider: ClusterProvider; kube: Kube }> {
  const provider = await chosenProvider();
  const kubeconfig = path.resolve(provider.kubeconfigPath());
  let kube: Kube;
  try {
    kube = connectKube(kubeconfig);
  } catch (err) {
    throw new EnvironmentError(`no usable kubeconfig at ${relativeToRepo(kubeconfig)} (${err instanceof Error ? err.message : String(err)}): run \`make cluster\``);
  }
  const reach = await checkReachable(kube);
  if (!reach.ok) throw new EnvironmentError(`no reachable cluster at ${reach.server} (${provider.name}, kubeconfig ${relativeToRepo(kubeconfig)}): ${reach.reason}. Run \`make cluster\``);
  return { provider, kube };
}

/** A cluster that cannot come up (or down) explains itself in one message; a stack trace adds nothing. */
function asEnvironmentError(step: Promise<void>): Promise<void> {
  return step.catch((err: unknown) => {
    if (err instanceof StepInterrupted) throw err;
    throw new EnvironmentError(err instanceof Error ? err.message : String(err));
  });
}

async function cluster(args: string[]): Promise<number> {
  const [action] = args;
  const provider = await chosenProvider();
  switch (action) {
    case 'up':
      await asEnvironmentError(provider.up((msg) => print(`[cluster ${provider.name}] ${msg}`)));
      print(`cluster ${provider.name} is up; kubeconfig ${relativeToRepo(provider.kubeconfigPath())}`);
      return exitCodes.ok;
    case 'provider':
      // The provider CLUSTER names, or the first one available here: hack/tools.sh asks this
      // rather than guessing again in bash.
      print(provider.name);
      return exitCodes.ok;
    case 'down':
      await asEnvironmentError(provider.down((msg) => print(`[cluster ${provider.name}] ${msg}`)));
      print(`cluster ${provider.name} is down`);
      return exitCodes.ok;
    case 'status': {
      const kubeconfig = path.resolve(provider.kubeconfigPath());
      print(`provider:   ${provider.name}`);
      print(`kubeconfig: ${relativeToRepo(kubeconfig)}`);
      let kube: Kube;
      try {
        kube = connectKube(kubeconfig);
      } catch {
        print('reachable:  no (no kubeconfig): run `make cluster`');
        return exitCodes.environment;
      }
      const reach = await checkReachable(kube);
      print(`server:     ${reach.server}`);
      if (!reach.ok) {
        print(`reachable:  no (${reach.reason}): run \`make cluster\``);
        return exitCodes.environment;
      }
      print(`reachable:  yes, Kubernetes ${reach.version}`);
      const ready = await provider.isUp();
      print(ready ? 'ready:      yes' : 'ready:      no (the node is not Ready, or a component is down): run `make cluster`');
      if (!ready) return exitCodes.environment;
      const namespaces = await listHarnessNamespaces(kube);
      print(`harness namespaces: ${namespaces.length ? namespaces.map((n) => n.name).join(', ') : 'none'}`);
      return exitCodes.ok;
    }
    default:
      throw new UsageError(`cluster needs up, down, status or provider${action ? `, not "${action}"` : ''}`);
  }
}

/** Deletes only namespaces labelled managed-by=demo-hooks-harness, and waits until they are gone. */
async function clean(): Promise<number> {
  const { kube } = await reachableCluster();
  const namespaces = await listHarnessNamespaces(kube);
  if (namespaces.length === 0) {
    print('nothing to clean: no namespace labelled app.kubernetes.io/managed-by=demo-hooks-harness');
    return exitCodes.ok;
  }
  for (const ns of namespaces) {
    print(`deleting namespace ${ns.name}${ns.scenario ? ` (scenario ${ns.scenario})` : ''}`);
    await deleteNamespace(kube, ns.name);
  }
  await Promise.all(namespaces.map((ns) => waitForNamespaceGone(kube, ns.name, 300_000)));
  print(`${namespaces.length} namespace(s) deleted`);
  return exitCodes.ok;
}

function parseMajorsOrUsage(text: string): HelmMajor[] {
  try {
    return parseHelmMajors(text);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} needs a positive whole number, not "${text}"`);
  return n;
}
