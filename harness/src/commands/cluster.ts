// demo-hooks cluster up|down|status: the cluster CLUSTER names (kind, local or existing).
import { CliCommand } from '../cli/command.js';
import { chosenProvider, connectOrExplain, messageOf } from '../cli/cluster-access.js';
import { EnvironmentError } from '../cli/errors.js';
import { exitCodes } from '../cli/exit-codes.js';
import type { ClusterProvider } from '../cluster/provider.js';
import { StepInterrupted } from '../cluster/run-script.js';
import { checkReachable } from '../kube/client.js';
import { listHarnessNamespaces } from '../kube/namespaces.js';
import { runState } from '../kube/run-lease.js';
import { relativeToRepo } from '../paths.js';
import type { CliContext, Verb } from './verb.js';

/** A cluster that cannot come up (or down) explains itself in one message; a stack trace adds nothing. */
function asEnvironmentError(step: Promise<void>): Promise<void> {
  return step.catch((err: unknown) => {
    if (err instanceof StepInterrupted) throw err;
    throw new EnvironmentError(messageOf(err));
  });
}

/** up and down clean up after themselves on Ctrl-C (the provider's step does), so the CLI waits for that. */
function change(ctx: CliContext, what: 'up' | 'down', act: (p: ClusterProvider, progress: (m: string) => void) => Promise<void>) {
  return async () => {
    const provider = await chosenProvider();
    await ctx.interrupts.cleaningUp({ again: 'wait' }, () => asEnvironmentError(act(provider, (msg) => ctx.print(`[cluster ${provider.name}] ${msg}`))));
    ctx.print(what === 'up' ? `cluster ${provider.name} is up; kubeconfig ${relativeToRepo(provider.kubeconfigPath())}` : `cluster ${provider.name} is down`);
    return exitCodes.ok;
  };
}

export const clusterVerb: Verb = (ctx) => {
  const { print } = ctx;
  const cluster = new CliCommand('cluster')
    .description('bring the cluster up, take it down, or say whether it answers')
    .addHelpText('after', '\nCLUSTER=kind|local|existing picks the cluster (default: kind where Docker runs, else local).');
  cluster
    .command('up')
    .description('bring the cluster up (nothing to do for CLUSTER=existing but check it answers)')
    .runs(change(ctx, 'up', (p, progress) => p.up(progress)));
  cluster
    .command('down')
    .description('remove what `cluster up` made (never an existing cluster)')
    .runs(change(ctx, 'down', (p, progress) => p.down(progress)));
  cluster
    .command('status')
    .description("say which cluster is used, whether it answers, and the harness's namespaces; exit 3 when it does not answer")
    .runs(async () => {
      const provider = await chosenProvider();
      print(`provider:   ${provider.name}`);
      print(`kubeconfig: ${relativeToRepo(provider.kubeconfigPath())}`);
      let kube;
      try {
        kube = connectOrExplain(provider);
      } catch {
        print(`reachable:  no (no kubeconfig): ${provider.whenUnreachable()}`);
        return exitCodes.environment;
      }
      const reach = await checkReachable(kube);
      print(`server:     ${reach.server}`);
      if (!reach.ok) {
        print(`reachable:  no (${reach.reason}): ${provider.whenUnreachable()}`);
        return exitCodes.environment;
      }
      print(`reachable:  yes, Kubernetes ${reach.version}`);
      const now = new Date();
      const namespaces = (await listHarnessNamespaces(kube)).map((n) => `${n.name} (${runState(n.annotations, now).alive ? 'run alive' : 'run over'})`);
      print(`harness namespaces: ${namespaces.length ? namespaces.join(', ') : 'none'}`);
      return exitCodes.ok;
    });
  return cluster;
};
