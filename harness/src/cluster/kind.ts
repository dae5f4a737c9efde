// The kind provider: the kind CLI with the repository's kind config, on a Docker engine: the user's
// own when one answers, else a dockerd the project starts and stops itself (cluster/kind/dockerd.sh).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { dockerEngineAnswers } from './docker.js';
import { ensureNodeImageLoaded, kindNodeImage } from './kind-node-image.js';
import type { Availability, ClusterProvider } from './provider.js';
import { chartDir, kindDir, kindKubeconfig, repoRoot, toolsBinDir } from '../paths.js';
import { kubeconfigAnswers } from './reachable.js';
import { kubectlBinary } from '../tools.js';
import { runStep, StepInterrupted } from './run-script.js';

const clusterName = 'demo-hooks';
const dockerd = path.join(repoRoot, 'cluster', 'kind', 'dockerd.sh');
const projectImages = path.join(repoRoot, 'cluster', 'local', 'images.sh');
// The scenario images the chart's values-local.yaml names, as cluster/local/images.sh builds them.
const scenarioImageArchives = ['toolbox.tar', 'postgres.tar'];
// Which archives this cluster's node holds: kind load runs again only when the archives change.
const loadedRecord = path.join(kindDir, 'kind-loaded-images');

export interface KindOptions {
  /** CLUSTER=kind was asked for by name: only then may the project start a dockerd of its own. */
  named?: boolean;
  /** Whether the user's Docker engine answers (the environment's DOCKER_HOST or the default socket). */
  dockerAnswers?: () => Promise<boolean>;
  /** Whether this process may start a dockerd (root on Linux). */
  canStartDockerd?: () => boolean;
}

const isRootOnLinux = () => process.platform === 'linux' && process.getuid?.() === 0;

export function kindProvider(env: NodeJS.ProcessEnv, options: KindOptions = {}): ClusterProvider {
  const { named = false, dockerAnswers = () => dockerEngineAnswers(env), canStartDockerd = isRootOnLinux } = options;
  const kind = env.KIND ?? path.join(toolsBinDir, 'kind');

  /** The environment kind and docker need: DOCKER_HOST names the project's dockerd when it is the one in use. */
  async function engineEnv(): Promise<NodeJS.ProcessEnv | undefined> {
    const host = await execa('bash', [dockerd, 'host'], { reject: false, env });
    if (host.exitCode !== 0) return undefined;
    return host.stdout.trim() === '' ? env : { ...env, DOCKER_HOST: host.stdout.trim() };
  }
  const run = (args: string[], kindEnv: NodeJS.ProcessEnv) => execa(kind, args, { reject: false, all: true, env: kindEnv });

  async function exists(kindEnv: NodeJS.ProcessEnv): Promise<boolean> {
    const result = await run(['get', 'clusters'], kindEnv);
    return result.exitCode === 0 && result.stdout.split('\n').includes(clusterName);
  }

  async function available(): Promise<Availability> {
    if (await dockerAnswers()) return { ok: true };
    // A dockerd of the project's answers on its own socket only, so it never makes a later run
    // without CLUSTER=kind choose kind: only a user's engine decides the default.
    if (named && canStartDockerd()) return { ok: true };
    return {
      ok: false,
      reason: "CLUSTER=kind needs a running Docker engine, and 'docker info' gets no answer: start Docker, or run CLUSTER=kind as root (the project then starts Debian's dockerd itself), or use CLUSTER=local (Linux, as root) or CLUSTER=existing",
    };
  }

  /** kind load image-archive of the project's scenario images, unless this node already holds these very archives. */
  async function loadScenarioImages(kindEnv: NodeJS.ProcessEnv, progress: (message: string) => void): Promise<void> {
    const built = await execa('bash', [projectImages], { reject: false, all: true });
    if (built.exitCode !== 0) throw new Error(`building the scenario images failed:\n${built.all}`);
    const archives = scenarioImageArchives.map((name) => path.join(built.stdout.trim(), name));
    const wanted = archives.join('\n');
    if ((await readFile(loadedRecord, 'utf8').catch(() => '')) === wanted) return;
    for (const archive of archives) {
      progress(`kind load image-archive ${archive}`);
      await runStep(kind, ['load', 'image-archive', archive, '--name', clusterName], progress, kindEnv);
    }
    await writeFile(loadedRecord, wanted);
  }

  /** Deletes the kind cluster if the engine (when one answers) has it, and what this project keeps of it. */
  async function removeCluster(kindEnv: NodeJS.ProcessEnv | undefined, progress: (message: string) => void): Promise<void> {
    if (kindEnv && (await exists(kindEnv))) {
      const deleted = await run(['delete', 'cluster', '--name', clusterName, '--kubeconfig', kindKubeconfig], kindEnv);
      if (deleted.exitCode !== 0) throw new Error(`kind delete cluster failed:\n${deleted.all}`);
    }
    await rm(kindKubeconfig, { force: true });
    await rm(loadedRecord, { force: true });
    progress(`kind cluster ${clusterName} removed`);
  }

  return {
    name: 'kind',
    available,
    async up(progress) {
      // kind's own error would be a page of `docker info` JSON; say what to do instead.
      const availability = await available();
      if (!availability.ok) throw new Error(availability.reason);
      await mkdir(kindDir, { recursive: true });
      const dockerdAlreadyRunning = (await execa('bash', [dockerd, 'status'], { reject: false, env })).exitCode === 0;
      await runStep('bash', [dockerd, 'up'], progress, env);
      const kindEnv = await engineEnv();
      if (!kindEnv) throw new Error('the Docker engine cluster/kind/dockerd.sh started does not answer');
      let created = false;
      try {
        if (!(await exists(kindEnv))) {
          await rm(loadedRecord, { force: true });
          const node = await kindNodeImage(env);
          await ensureNodeImageLoaded(node, kindEnv);
          progress(`kind create cluster --name ${clusterName} --image ${node.image} --config ${path.relative(repoRoot, node.config)}`);
          created = true;
          // The first boot of a node on a busy machine can take minutes: kind's own default wait is none.
          // --kubeconfig: kind would otherwise write into the user's ~/.kube/config.
          await runStep(
            kind,
            ['create', 'cluster', '--name', clusterName, '--image', node.image, '--config', node.config, '--wait', '300s', '--kubeconfig', kindKubeconfig],
            progress,
            kindEnv,
          );
        }
        // Only where the project can build its images (root, as for the local provider); elsewhere the
        // chart keeps its default images, which the node pulls.
        if (isRootOnLinux()) await loadScenarioImages(kindEnv, progress);
      } catch (err) {
        // Ctrl-C: remove what this up() started (the cluster it was creating, the dockerd it started).
        if (err instanceof StepInterrupted) {
          if (created) await removeCluster(kindEnv, progress);
          if (!dockerdAlreadyRunning) await runStep('bash', [dockerd, 'down'], progress, env);
        }
        throw err;
      }
      const kubeconfig = await run(['get', 'kubeconfig', '--name', clusterName], kindEnv);
      if (kubeconfig.exitCode !== 0) throw new Error(`kind get kubeconfig failed:\n${kubeconfig.all}`);
      await writeFile(kindKubeconfig, kubeconfig.stdout, { mode: 0o600 });
      // kind --wait ends when the node is Ready; the chart's hooks also need cluster DNS from their
      // first second, as on the local provider (its up.sh waits for CoreDNS to answer).
      progress('waiting for CoreDNS');
      const dns = await execa(
        kubectlBinary(env),
        ['--kubeconfig', kindKubeconfig, '-n', 'kube-system', 'wait', '--for=condition=Available', 'deployment/coredns', '--timeout=300s'],
        { reject: false, all: true },
      );
      if (dns.exitCode !== 0) throw new Error(`CoreDNS did not become available within 300 s:\n${dns.all}`);
      progress(`kind cluster ${clusterName} up`);
    },
    async down(progress) {
      await removeCluster(await engineEnv(), progress);
      // Stops the dockerd only if the project started it; a user's Docker keeps running.
      await runStep('bash', [dockerd, 'down'], progress, env);
    },
    async isUp() {
      const kindEnv = await engineEnv();
      return kindEnv !== undefined && (await exists(kindEnv)) && (await kubeconfigAnswers(kindKubeconfig));
    },
    kubeconfigPath: () => kindKubeconfig,
    // The project's images are in the node only when up() loaded them.
    chartValuesFiles: () => (existsSync(loadedRecord) ? [path.join(chartDir, 'values-local.yaml')] : []),
    async collectLogs(dir) {
      const kindEnv = await engineEnv();
      return kindEnv !== undefined && (await run(['export', 'logs', dir, '--name', clusterName], kindEnv)).exitCode === 0;
    },
    whenUnreachable: () => `run \`make cluster\` to create the kind cluster ${clusterName} (Docker must be running, or CLUSTER=kind as root starts Debian's dockerd)`,
  };
}
