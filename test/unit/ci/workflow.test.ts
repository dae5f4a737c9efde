// What the GitHub workflow promises and no runner checks before it runs: the kind node images it
// tests on are pinned builds, the 1.34 row is the image the project pins, and its Node is the one
// package.json accepts. (actionlint, in make lint, checks the workflow's syntax and expressions.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readVersions } from '../../../harness/src/cluster/versions.js';
import { repoRoot } from '../../../harness/src/paths.js';

interface Step {
  uses?: string;
  with?: Record<string, string>;
}
interface Job {
  steps: Step[];
  strategy?: { matrix: { kubernetes: string[]; include: { kubernetes: string; 'node-image': string }[] } };
}

const workflow = parse(readFileSync(path.join(repoRoot, '.github/workflows/hook-scenarios.yml'), 'utf8')) as {
  permissions: Record<string, string>;
  concurrency: { 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
};
const matrix = workflow.jobs.scenarios!.strategy!.matrix;

describe('the hook-scenarios workflow', () => {
  it('pins every kind node image of its matrix by digest', () => {
    expect(matrix.include.map((row) => row.kubernetes).sort()).toEqual([...matrix.kubernetes].sort());
    for (const row of matrix.include) {
      expect(row['node-image']).toMatch(new RegExp(`^kindest/node:v${row.kubernetes.replace('.', '\\.')}\\.\\d+@sha256:[0-9a-f]{64}$`));
    }
  });

  it('runs the node image hack/versions.env pins in its 1.34 row', async () => {
    const pinned = (await readVersions()).KIND_NODE_IMAGE;
    expect(matrix.include.find((row) => row.kubernetes === '1.34')?.['node-image']).toBe(pinned);
  });

  it('sets up a Node major that package.json accepts, and not Node 20', () => {
    const engines = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const floor = Number(/^>=(\d+)/.exec(engines)?.[1]);
    const nodes = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .filter((step) => step.uses?.startsWith('actions/setup-node@'))
      .map((step) => Number(step.with?.['node-version']));
    expect(nodes.length).toBeGreaterThan(0);
    for (const major of nodes) {
      expect(major).toBeGreaterThanOrEqual(floor);
      expect(major).not.toBe(20);
    }
  });

  it('reads the repository only, except where a job asks for more, and cancels a superseded run', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.concurrency['cancel-in-progress']).toBe(true);
  });
});
