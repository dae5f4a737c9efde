// Which node image and kind config the kind provider boots: what `make tools` settled.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { kindNodeImage } from '../../../harness/src/cluster/kind-node-image.js';
import { readVersions } from '../../../harness/src/cluster/versions.js';
import { repoRoot } from '../../../harness/src/paths.js';
import { scratchDir } from '../../support/scratch-dir.js';

const scratch = async () => scratchDir('dh-kind-node-');

describe('kindNodeImage', () => {
  it('KIND_NODE_IMAGE wins, with the kind config for upstream node images', async () => {
    const built = await scratch();
    await writeFile(path.join(built, 'image'), 'demo-hooks.local/kind-node:v1.34.4-abc\n');
    expect(await kindNodeImage({ KIND_NODE_IMAGE: 'kindest/node:v9' }, built, await scratch())).toEqual({
      image: 'kindest/node:v9',
      config: path.join(repoRoot, 'cluster', 'kind', 'kind-config.yaml'),
    });
  });

  it('without a build of the project\'s, the pinned kindest/node', async () => {
    const node = await kindNodeImage({}, path.join(await scratch(), 'none'), await scratch());
    expect(node.image).toBe((await readVersions()).KIND_NODE_IMAGE);
    expect(node.archive).toBeUndefined();
  });

  it('the project\'s build, with its kind config: kubeadm pointed at the demo-hooks.local images at the pinned tags', async () => {
    const built = await scratch();
    const state = await scratch();
    await writeFile(path.join(built, 'image'), 'demo-hooks.local/kind-node:v1.34.4-abc\n');
    const node = await kindNodeImage({}, built, state);
    expect(node).toEqual({ image: 'demo-hooks.local/kind-node:v1.34.4-abc', config: path.join(state, 'kind-config.yaml'), archive: path.join(built, 'node.tar') });

    const text = await readFile(node.config, 'utf8');
    expect(text).not.toMatch(/@[A-Z_]+@/);
    const config = parse(text) as { networking: { disableDefaultCNI: boolean }; kubeadmConfigPatches: string[] };
    expect(config.networking.disableDefaultCNI).toBe(true);
    const versions = await readVersions();
    expect(parse(config.kubeadmConfigPatches[0] ?? '')).toEqual({
      kind: 'ClusterConfiguration',
      imageRepository: 'demo-hooks.local',
      etcd: { local: { imageTag: versions.ETCD_VERSION } },
      dns: { imageTag: versions.COREDNS_VERSION },
    });
  });
});
