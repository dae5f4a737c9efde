// demo-hooks clean [NAMESPACE...]: removes the namespaces of harness runs that are over, and only
// those: a run in another terminal renews a lease on its namespace (kube/run-lease.ts), and its
// namespace is skipped while the lease holds, unless --force.
import { CliCommand } from '../cli/command.js';
import { exitCodes } from '../cli/exit-codes.js';
import { HARNESS_MANAGER, label } from '../kube/labels.js';
import type { ManagedNamespace } from '../kube/namespaces.js';
import { runState } from '../kube/run-state.js';
import { shownText } from '../report/cluster-text.js';
import type { Verb } from './verb.js';

const NAMESPACES_GONE_TIMEOUT_MS = 300_000;

export interface CleanPlan {
  remove: { namespace: ManagedNamespace; why: string }[];
  skip: { namespace: ManagedNamespace; why: string }[];
  /** Names given on the command line that are not namespaces the harness made. */
  notOurs: string[];
}

/** Which namespaces clean removes, and why; nothing here touches the cluster. */
export function planClean(found: readonly ManagedNamespace[], o: { names: readonly string[]; force: boolean; now: Date }): CleanPlan {
  const byName = new Map(found.map((n) => [n.name, n]));
  const chosen = o.names.length ? [...new Set(o.names)].flatMap((n) => byName.get(n) ?? []) : found;
  const plan: CleanPlan = { remove: [], skip: [], notOurs: o.names.filter((n) => !byName.has(n)) };
  for (const namespace of chosen) {
    const state = runState(namespace.annotations, o.now);
    if (!state.alive) plan.remove.push({ namespace, why: state.why });
    else if (o.force) plan.remove.push({ namespace, why: 'its run is alive, but --force was given' });
    else plan.skip.push({ namespace, why: `its run is alive${state.runBy ? ` (${state.runBy})` : ''} until ${state.until.toISOString()}` });
  }
  return plan;
}

interface CleanOptions {
  force?: boolean;
}

export const cleanVerb: Verb = ({ print }) =>
  new CliCommand('clean')
    .description('delete the namespaces of harness runs that are over')
    .argument('[namespace...]', 'only these namespaces (each one the harness made)')
    .option('--force', 'also delete namespaces whose run is still alive')
    .addHelpText('after', `\nOnly namespaces labelled ${label.managedBy}=${HARNESS_MANAGER} are deleted.\nA run renews a lease on its namespace while it runs; clean skips those unless --force.`)
    .runs(async (command) => {
      const force = command.opts<CleanOptions>().force ?? false;
      const names = command.args;
      // Loaded here, not above: the Kubernetes client takes seconds to load, and --help needs none of it.
      const { reachableCluster } = await import('../cli/cluster-access.js');
      const { deleteNamespace, listHarnessNamespaces, waitForNamespaceGone } = await import('../kube/namespaces.js');
      const { kube } = await reachableCluster();
      const plan = planClean(await listHarnessNamespaces(kube), { names, force, now: new Date() });
      if (plan.notOurs.length) {
        command.usageError(
          `${plan.notOurs.map((n) => `"${n}"`).join(', ')} ${plan.notOurs.length > 1 ? 'are not namespaces' : 'is not a namespace'} the harness made; clean deletes only namespaces labelled ${label.managedBy}=${HARNESS_MANAGER}`,
        );
      }
      // why quotes the namespace's annotations: anyone who can annotate it wrote them.
      for (const { namespace, why } of plan.skip) print(`skipping namespace ${namespace.name}: ${shownText(why)} (--force deletes it anyway)`);
      if (plan.remove.length === 0) {
        print(plan.skip.length ? 'nothing to clean: every run there is still alive' : `nothing to clean: no namespace labelled ${label.managedBy}=${HARNESS_MANAGER}`);
        return exitCodes.ok;
      }
      for (const { namespace, why } of plan.remove) {
        print(`deleting namespace ${namespace.name}${namespace.scenario ? ` (scenario ${shownText(namespace.scenario)})` : ''}: ${shownText(why)}`);
        await deleteNamespace(kube, namespace.name);
      }
      await Promise.all(plan.remove.map(({ namespace }) => waitForNamespaceGone(kube, namespace.name, NAMESPACES_GONE_TIMEOUT_MS)));
      print(`${plan.remove.length} namespace(s) deleted`);
      return exitCodes.ok;
    });
