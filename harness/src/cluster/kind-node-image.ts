// Which node image kind boots, and with which kind config: what `make tools` settled (hack/tools.sh).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { kindDir, repoRoot, toolsBinDir } from '../paths.js';
import { readVersions } from './versions.js';

/** Where hack/tools.sh links the project's own node image build, when the pinned one could not be had. */
export const builtNodeImageDir = path.join(path.dirname(toolsBinDir), 'kind-node');
const pinnedImageConfig = path.join(repoRoot, 'cluster', 'kind', 'kind-config.yaml');
const builtImageConfig = path.join(repoRoot, 'cluster', 'kind', 'kind-config-offline.yaml');

export interface KindNode {
  image: string;
  /** The kind config that fits the image: the project's build needs its own (cluster/kind/kind-config-offline.yaml). */
  config: string;
  /** The docker archive of the project's build, to load again into an engine that lost it. */
  archive?: string;
}

/** KIND_NODE_IMAGE wins; then the project's build if `make tools` made one; else the pinned kindest/node. */
export async function kindNodeImage(env: NodeJS.ProcessEnv, builtDir = builtNodeImageDir, stateDir = kindDir): Promise<KindNode> {
  if (env.KIND_NODE_IMAGE) return { image: env.KIND_NODE_IMAGE, config: pinnedImageConfig };
  const built = await readFile(path.join(builtDir, 'image'), 'utf8').catch(() => undefined);
  const versions = await readVersions();
  if (built) {
    return { image: built.trim(), config: await renderBuiltImageConfig(versions, stateDir), archive: path.join(builtDir, 'node.tar') };
  }
  const pinned = versions.KIND_NODE_IMAGE;
  if (!pinned) throw new Error('KIND_NODE_IMAGE is not pinned in hack/versions.env');
  return { image: pinned, config: pinnedImageConfig };
}

/** Loads the project's build into the engine when it is not there (a new data root, the user's engine). */
export async function ensureNodeImageLoaded(node: KindNode, dockerEnv: NodeJS.ProcessEnv): Promise<void> {
  if (!node.archive) return; // kind pulls a pinned image itself
  const present = await execa('docker', ['image', 'inspect', node.image], { reject: false, env: dockerEnv });
  if (present.exitCode === 0) return;
  const loaded = await execa('docker', ['load', '-i', node.archive], { reject: false, all: true, env: dockerEnv });
  if (loaded.exitCode !== 0) throw new Error(`docker load -i ${node.archive} failed:\n${loaded.all}`);
}

/** cluster/kind/kind-config-offline.yaml with the image tags of hack/versions.env, in the cluster's state directory. */
async function renderBuiltImageConfig(versions: Record<string, string>, stateDir: string): Promise<string> {
  const template = await readFile(builtImageConfig, 'utf8');
  const rendered = template.replace(/@([A-Z_]+)@/g, (whole, name: string) => {
    const value = versions[name];
    if (!value) throw new Error(`${path.relative(repoRoot, builtImageConfig)} names ${whole}, which hack/versions.env does not pin`);
    return value;
  });
  await mkdir(stateDir, { recursive: true });
  const file = path.join(stateDir, 'kind-config.yaml');
  await writeFile(file, rendered);
  return file;
}
