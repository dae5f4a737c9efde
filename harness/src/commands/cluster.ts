// demo-hooks cluster up|down|provider|status: the cluster CLUSTER names (kind, local or existing).
import path from 'node:path';
import { CliCommand } from '../cli/command.js';
import { exitCodes } from '../cli/exit-codes.js';
import type { ClusterProvider } from '../cluster/provider.js';
import { runState } from '../kube/run-state.js';
import { relativeToRepo } from '../paths.js';
import { HelmReleaseSyntaxError, parseHelmReleases, pinnedMajors } from '../helm/releases.js';
import type { HelmMajor } from '../tools.js';
import type { CliContext, Verb } from './verb.js';

// The cluster modules are loaded by the actions, not above: the Kubernetes client takes seconds to
// load, and `cluster up --help` needs none of it.
const clusterAccess = () => import('../cli/cluster-access.js');

function change(ctx: CliContext, act: (p: ClusterProvider, progress: (m: string) => void) => Promise<void>, done: (p: ClusterProvider) => string) {
  return async () => {
    const [{ chosenProvider }, { providerStep }] = await Promise.all([clusterAccess(), import('../cli/set-up.js')]);
    const provider = await chosenProvider();
    const interrupted = await providerStep(ctx, provider, act);
    if (interrupted !== undefined) return interrupted;
    ctx.print(done(provider));
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
    .description("build or link the cluster's tools and the labs' Helm (HELM_VERSION, 3 by default) with hack/tools.sh, then bring the cluster up (for CLUSTER=existing: check that it answers)")
    .runs((command) => {
      // The labs type `helm` after `make cluster` (labs/setup.sh), which is Helm HELM_VERSION. An
      // exact release in it is `run`'s to build when a run needs it: the labs' helm runs 3 or 4.
      let majors: HelmMajor[];
      try {
        majors = pinnedMajors(parseHelmReleases(process.env.HELM_VERSION || '3'));
      } catch (err) {
        if (!(err instanceof HelmReleaseSyntaxError)) throw err;
        command.usageError(`HELM_VERSION=${process.env.HELM_VERSION} is not a Helm version: ${err.message}`);
      }
      return change(
        ctx,
        async (p, progress) => (await import('../cli/set-up.js')).toolsAndCluster(p, progress, majors),
        (p) => `cluster ${p.name} is up; kubeconfig ${relativeToRepo(p.kubeconfigPath())}`,
      )();
    });
  cluster
    .command('down')
    .description('remove what `cluster up` made (never an existing cluster)')
    .runs(
      change(
        ctx,
        (p, progress) => p.down(progress),
        (p) => `cluster ${p.name} is down`,
      ),
    );
  cluster
    .command('provider')
    .description('print the provider CLUSTER names, or the first one available here')
    .runs(async () => {
      // hack/tools.sh asks this rather than guessing again in bash.
      const { chosenProvider } = await clusterAccess();
      print((await chosenProvider()).name);
      return exitCodes.ok;
    });
  cluster
    .command('env')
    .description("print the labs' KUBECONFIG and CLUSTER_VALUES for this cluster, as shell (labs/setup.sh evals it)")
    .runs(async () => {
      const [{ chosenProvider }, { clusterValuesFile }] = await Promise.all([clusterAccess(), import('../cluster/values.js')]);
      const provider = await chosenProvider();
      const quoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
      print(`export KUBECONFIG=${quoted(path.resolve(provider.kubeconfigPath()))}`);
      print(`export CLUSTER_VALUES=${quoted(relativeToRepo(path.resolve(clusterValuesFile(provider))))}`);
      return exitCodes.ok;
    });
  cluster
    .command('status')
    .description("say which cluster is used, whether it answers, and the harness's namespaces; exit 3 when it does not answer")
    .runs(async () => {
      const { chosenProvider, connectOrExplain } = await clusterAccess();
      const [{ checkReachable }, { listHarnessNamespaces }] = await Promise.all([import('../kube/client.js'), import('../kube/namespaces.js')]);
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
      const ready = await provider.isUp();
      print(ready ? 'ready:      yes' : `ready:      no (the node is not Ready, or a component is down): ${provider.whenUnreachable()}`);
      if (!ready) return exitCodes.environment;
      const now = new Date();
      const namespaces = (await listHarnessNamespaces(kube)).map((n) => `${n.name} (${runState(n.annotations, now).alive ? 'run alive' : 'run over'})`);
      print(`harness namespaces: ${namespaces.length ? namespaces.join(', ') : 'none'}`);
      return exitCodes.ok;
    });
  return cluster;
};
