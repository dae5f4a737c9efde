// Renders charts/demo-hooks with the project's Helm 3 binary and finds objects in the result.
// No cluster: `helm template` and `helm lint` only. Every Helm call goes through `helm()`, which
// never throws on a non-zero exit, because for the schema tests a refusal is the expected outcome.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { runHelmUnredacted, type HelmOutput } from '../../../harness/src/helm/run.js';
import { requireHelm } from '../../../harness/src/tools.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const chartDir = path.join(repoRoot, 'charts/demo-hooks');
export const localValuesFile = path.join(chartDir, 'values-local.yaml');

/** Release and namespace every render uses unless a test says otherwise. */
export const RELEASE = 'lab';
export const NAMESPACE = 'labs';
export const FULLNAME = `${RELEASE}-demo-hooks`;

/** Helm needs seconds on a cold cache; give every chart test room for several calls. */
export const HELM_TEST_TIMEOUT_MS = 60_000;

// Looked up once per test file. A missing binary throws the harness's own "run `make tools` (or set
// HELM3=…)" error, rather than every call reporting exit -1, which a schema test expecting Helm to
// refuse would even take for a refusal.
let helm3: Promise<string> | undefined;
export function helmBinary(): Promise<string> {
  helm3 ??= requireHelm(3);
  return helm3;
}

export type HelmResult = HelmOutput;

/** Through the harness's Helm runner, with the output as printed: these tests read the rendered Secret. */
export async function helm(args: string[], env: Record<string, string> = {}): Promise<HelmResult> {
  return runHelmUnredacted(await helmBinary(), args, { env });
}

export interface RenderOptions {
  /** `--set` expressions, e.g. "hooks.migration.fail=true". */
  set?: string[];
  /** `--set-string` expressions. */
  setString?: string[];
  /** `--set-json` expressions: the only way to pass an empty list ("x=[]"); `--set x={}` makes [""]. */
  setJson?: string[];
  /** Extra values files (`-f`). */
  valuesFiles?: string[];
  release?: string;
  namespace?: string;
}

export function templateArgs(options: RenderOptions = {}): string[] {
  return [
    'template',
    options.release ?? RELEASE,
    chartDir,
    '--namespace',
    options.namespace ?? NAMESPACE,
    ...(options.valuesFiles ?? []).flatMap((file) => ['-f', file]),
    ...(options.set ?? []).flatMap((expression) => ['--set', expression]),
    ...(options.setString ?? []).flatMap((expression) => ['--set-string', expression]),
    ...(options.setJson ?? []).flatMap((expression) => ['--set-json', expression]),
  ];
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // Rendered manifests are loosely typed on purpose: tests assert on the fields they care about.
  [field: string]: any;
}

/** Renders the chart and returns its objects; throws with Helm's stderr when rendering fails. */
export async function render(options: RenderOptions = {}): Promise<K8sObject[]> {
  const result = await helm(templateArgs(options));
  if (result.exitCode !== 0) {
    throw new Error(`helm ${result.args.join(' ')} exited ${result.exitCode}:\n${result.stderr}`);
  }
  return parseManifests(result.stdout);
}

/** Renders the chart expecting Helm to refuse; returns the result for the caller to inspect. */
export async function renderRefused(options: RenderOptions = {}): Promise<HelmResult> {
  return helm(templateArgs(options));
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) {
      throw new Error(`rendered YAML does not parse: ${document.errors.map((e) => e.message).join('; ')}`);
    }
    const value = document.toJS() as K8sObject | null;
    return value ? [value] : [];
  });
}

export function findDocs(docs: K8sObject[], kind: string): K8sObject[] {
  return docs.filter((doc) => doc.kind === kind);
}

export function maybeFindDoc(docs: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return docs.find((doc) => doc.kind === kind && doc.metadata.name === name);
}

export function findDoc(docs: K8sObject[], kind: string, name: string): K8sObject {
  const found = maybeFindDoc(docs, kind, name);
  if (!found) {
    const present = docs.map((doc) => `${doc.kind}/${doc.metadata.name}`).join(', ');
    throw new Error(`no ${kind}/${name} in the rendered chart; it has: ${present}`);
  }
  return found;
}

/**
 * NOTES.txt as `helm install` prints it. `helm template` drops the notes and `install --dry-run`
 * still asks a cluster for its version and API groups, so this answers those discovery calls
 * from a throwaway local server and keeps releases in Helm's memory driver: nothing else is asked.
 */
export async function renderNotes(options: RenderOptions = {}): Promise<string> {
  const server = http.createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    const url = request.url ?? '';
    if (url.startsWith('/version')) return response.end(JSON.stringify({ major: '1', minor: '34', gitVersion: 'v1.34.4' }));
    if (url.startsWith('/apis')) return response.end(JSON.stringify({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] }));
    if (url.startsWith('/api')) return response.end(JSON.stringify({ kind: 'APIVersions', versions: ['v1'] }));
    response.statusCode = 404;
    response.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const directory = await mkdtemp(path.join(os.tmpdir(), 'demo-hooks-notes-'));
  try {
    const { port } = server.address() as AddressInfo;
    const kubeconfig = path.join(directory, 'kubeconfig');
    await writeFile(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: discovery-only, cluster: {server: "http://127.0.0.1:${port}"}}]`,
        'users: [{name: nobody, user: {}}]',
        'contexts: [{name: discovery-only, context: {cluster: discovery-only, user: nobody}}]',
        'current-context: discovery-only',
        '',
      ].join('\n'),
    );
    const releases = path.join(directory, 'releases.yaml');
    await writeFile(releases, '');
    const args = ['install', ...templateArgs(options).slice(1), '--dry-run=client'];
    // KUBECACHEDIR: Helm's discovery cache for this throwaway server goes with the directory, not into ~/.kube/cache.
    const result = await helm(args, { KUBECONFIG: kubeconfig, KUBECACHEDIR: path.join(directory, 'kube-cache'), HELM_DRIVER: 'memory', HELM_MEMORY_DRIVER_DATA: releases });
    if (result.exitCode !== 0) throw new Error(`helm ${args.join(' ')} exited ${result.exitCode}:\n${result.stderr}`);
    const notesAt = result.stdout.indexOf('\nNOTES:\n');
    if (notesAt < 0) throw new Error(`helm install --dry-run printed no NOTES:\n${result.stdout}`);
    return result.stdout.slice(notesAt + '\nNOTES:\n'.length);
  } finally {
    server.close();
    await rm(directory, { recursive: true, force: true });
  }
}

export interface HookAnnotations {
  events: string[];
  weight: number;
  /** undefined when the annotation is absent (Helm then applies before-hook-creation). */
  deletePolicy: string[] | undefined;
  /** undefined when the annotation is absent. */
  outputLogPolicy: string[] | undefined;
}

const splitList = (value: string | undefined): string[] | undefined => (value === undefined ? undefined : value.split(','));

export function hookAnnotations(doc: K8sObject): HookAnnotations {
  const annotations = doc.metadata.annotations ?? {};
  const hook = annotations['helm.sh/hook'];
  if (hook === undefined) throw new Error(`${doc.kind}/${doc.metadata.name} is not a hook`);
  return {
    events: hook.split(','),
    weight: Number(annotations['helm.sh/hook-weight'] ?? '0'),
    deletePolicy: splitList(annotations['helm.sh/hook-delete-policy']),
    outputLogPolicy: splitList(annotations['helm.sh/hook-output-log-policy']),
  };
}

export interface PodSpecOf {
  /** "Kind/name" of the object that carries the pod spec. */
  owner: string;
  spec: any;
  metadata: any;
}

/** Every pod spec in the render: Pods themselves and the templates of Deployments, StatefulSets and Jobs. */
export function podSpecs(docs: K8sObject[]): PodSpecOf[] {
  return docs.flatMap((doc) => {
    const owner = `${doc.kind}/${doc.metadata.name}`;
    if (doc.kind === 'Pod') return [{ owner, spec: doc.spec, metadata: doc.metadata }];
    if (['Deployment', 'StatefulSet', 'Job'].includes(doc.kind)) {
      return [{ owner, spec: doc.spec.template.spec, metadata: doc.spec.template.metadata }];
    }
    return [];
  });
}

/** The shell script of a hook Job's (or Pod's) only container: command is [/bin/sh, -c, script]. */
export function scriptOf(doc: K8sObject): string {
  const spec = doc.kind === 'Pod' ? doc.spec : doc.spec.template.spec;
  const command: string[] = spec.containers[0].command;
  if (command[0] !== '/bin/sh' || command[1] !== '-c' || command.length !== 3) {
    throw new Error(`${doc.kind}/${doc.metadata.name} does not run a /bin/sh -c script`);
  }
  return command[2]!;
}

/** The hooks of values.yaml, their Job names and their defaults: the chart's contract with labs and the harness. */
export interface HookContract {
  key: string;
  job: string;
  events: string[];
  weight: number;
  deletePolicy: string[];
}

export const HOOKS: HookContract[] = [
  { key: 'preInstall', job: `${FULLNAME}-pre-install`, events: ['pre-install'], weight: -10, deletePolicy: ['before-hook-creation', 'hook-succeeded'] },
  { key: 'dbSetup', job: `${FULLNAME}-db-setup`, events: ['post-install'], weight: 0, deletePolicy: ['before-hook-creation', 'hook-succeeded'] },
  { key: 'migration', job: `${FULLNAME}-db-migration`, events: ['pre-upgrade', 'post-install'], weight: 1, deletePolicy: ['before-hook-creation'] },
  // helm template renders revision 1.
  { key: 'backup', job: `${FULLNAME}-backup-1`, events: ['pre-upgrade'], weight: -1, deletePolicy: ['hook-succeeded'] },
  { key: 'healthCheck', job: `${FULLNAME}-health-check`, events: ['post-install', 'post-upgrade'], weight: 2, deletePolicy: ['before-hook-creation', 'hook-succeeded'] },
  { key: 'cacheWarmup', job: `${FULLNAME}-cache-warmup`, events: ['post-install', 'post-upgrade'], weight: 3, deletePolicy: ['before-hook-creation', 'hook-succeeded'] },
  { key: 'notify', job: `${FULLNAME}-notify`, events: ['post-install', 'post-upgrade'], weight: 10, deletePolicy: ['before-hook-creation', 'hook-succeeded'] },
  { key: 'preRollback', job: `${FULLNAME}-pre-rollback`, events: ['pre-rollback'], weight: 0, deletePolicy: ['before-hook-creation', 'hook-succeeded'] },
  { key: 'postRollback', job: `${FULLNAME}-post-rollback`, events: ['post-rollback'], weight: 0, deletePolicy: ['before-hook-creation', 'hook-succeeded'] },
  { key: 'preDelete', job: `${FULLNAME}-pre-delete`, events: ['pre-delete'], weight: 0, deletePolicy: ['before-hook-creation', 'hook-succeeded'] },
  { key: 'cleanup', job: `${FULLNAME}-cleanup`, events: ['post-delete'], weight: 1, deletePolicy: ['hook-succeeded'] },
];

export const HOOK_EVENTS = [
  'pre-install',
  'post-install',
  'pre-delete',
  'post-delete',
  'pre-upgrade',
  'post-upgrade',
  'pre-rollback',
  'post-rollback',
  'test',
];
