// Every pod the chart can render passes Pod Security "restricted", and no script can leak a secret.
import { describe, expect, test } from '@jest/globals';
import {
  FULLNAME,
  HELM_TEST_TIMEOUT_MS,
  HOOKS,
  type K8sObject,
  type RenderOptions,
  findDoc,
  localValuesFile,
  podSpecs,
  render,
} from './render.js';

const T = HELM_TEST_TIMEOUT_MS;

// The default render, the local cluster's values, and every lab switch on at once: the
// switches change scripts, never the pods' security.
const variants: Array<[string, RenderOptions]> = [
  ['default values', {}],
  ['values-local.yaml', { valuesFiles: [localValuesFile] }],
  [
    'every lab switch on',
    { set: HOOKS.flatMap((hook) => [`hooks.${hook.key}.fail=true`, `hooks.${hook.key}.sleepSeconds=5`, `hooks.${hook.key}.exitCode=3`]) },
  ],
];

describe.each(variants)('Pod Security "restricted" with %s', (_name, options) => {
  let docs: K8sObject[];
  const load = async (): Promise<K8sObject[]> => (docs ??= await render(options));

  test('the render has the pods this test expects to check', async () => {
    // 2 workloads + one Job per hook + the test pod: a pod spec missing here would escape the checks below.
    expect(podSpecs(await load())).toHaveLength(2 + HOOKS.length + 1);
  }, T);

  test('every pod runs as a non-root uid with the RuntimeDefault seccomp profile', async () => {
    for (const { owner, spec } of podSpecs(await load())) {
      const context = spec.securityContext ?? {};
      expect([owner, context.runAsNonRoot]).toEqual([owner, true]);
      expect([owner, Number.isInteger(context.runAsUser) && context.runAsUser > 0]).toEqual([owner, true]);
      expect([owner, context.seccompProfile]).toEqual([owner, { type: 'RuntimeDefault' }]);
    }
  }, T);

  test('every container, init containers included, drops ALL capabilities and cannot escalate', async () => {
    for (const { owner, spec } of podSpecs(await load())) {
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
        const where = `${owner} container ${container.name}`;
        const context = container.securityContext ?? {};
        expect([where, context.allowPrivilegeEscalation]).toEqual([where, false]);
        expect([where, context.capabilities?.drop]).toEqual([where, ['ALL']]);
        expect([where, context.privileged]).toEqual([where, undefined]);
        expect([where, context.runAsUser ?? 'inherits']).toEqual([where, 'inherits']);
      }
    }
  }, T);

  test('no pod uses the host or a volume type "restricted" refuses', async () => {
    const allowed = new Set(['configMap', 'persistentVolumeClaim', 'secret', 'emptyDir', 'projected', 'downwardAPI']);
    for (const { owner, spec } of podSpecs(await load())) {
      expect([owner, spec.hostNetwork, spec.hostPID, spec.hostIPC]).toEqual([owner, undefined, undefined, undefined]);
      for (const volume of spec.volumes ?? []) {
        const type = Object.keys(volume).find((key) => key !== 'name');
        expect([owner, allowed.has(type!)]).toEqual([owner, true]);
      }
    }
  }, T);

  test('only the cleanup pod gets a ServiceAccount token', async () => {
    for (const { owner, spec } of podSpecs(await load())) {
      const expected = owner === `Job/${FULLNAME}-cleanup`;
      expect([owner, spec.automountServiceAccountToken]).toEqual([owner, expected]);
      if (!expected) expect([owner, spec.serviceAccountName]).toEqual([owner, undefined]);
    }
  }, T);

  test('every hook pod has restartPolicy Never', async () => {
    for (const { owner, spec } of podSpecs(await load())) {
      if (owner.startsWith('Job/') || owner.startsWith('Pod/')) expect([owner, spec.restartPolicy]).toEqual([owner, 'Never']);
    }
  }, T);
});

describe('secrets stay secret', () => {
  test('no script traces commands or prints a password or token', async () => {
    const docs = await render();
    for (const { owner, spec } of podSpecs(docs)) {
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
        const text = [...(container.command ?? []), ...(container.args ?? [])].join('\n');
        const where = `${owner} container ${container.name}`;
        expect([where, /set -[a-z]*x|set -o xtrace|bash -x|sh -x/.test(text)]).toEqual([where, false]);
        expect([where, /echo[^\n]*\$\{?(PGPASSWORD|POSTGRES_PASSWORD|TOKEN)/.test(text)]).toEqual([where, false]);
        expect([where, /printf[^\n]*\$\{?(PGPASSWORD|POSTGRES_PASSWORD|TOKEN)/.test(text)]).toEqual([where, false]);
      }
    }
  }, T);

  test('passwords only ever come from the Secret, never as a literal value', async () => {
    const docs = await render();
    for (const { owner, spec } of podSpecs(docs)) {
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
        for (const variable of container.env ?? []) {
          if (!/PASSWORD/.test(variable.name)) continue;
          const where = `${owner} ${container.name} ${variable.name}`;
          expect([where, variable.value]).toEqual([where, undefined]);
          expect([where, variable.valueFrom]).toEqual([
            where,
            { secretKeyRef: { name: `${FULLNAME}-postgresql`, key: 'postgres-password' } },
          ]);
        }
      }
    }
  }, T);

  test('the password is generated: 24 random alphanumerics, base64-encoded', async () => {
    const secret = findDoc(await render(), 'Secret', `${FULLNAME}-postgresql`);
    const password = Buffer.from(secret.data['postgres-password'], 'base64').toString('utf8');
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
  }, T);
});

describe('pod identities', () => {
  test('app, hooks and test pod run as podSecurity.uid (65534); PostgreSQL as postgresql.uid (999)', async () => {
    const docs = await render();
    for (const { owner, spec } of podSpecs(docs)) {
      const uid = owner === `StatefulSet/${FULLNAME}-postgresql` ? 999 : 65534;
      expect([owner, spec.securityContext.runAsUser, spec.securityContext.runAsGroup, spec.securityContext.fsGroup]).toEqual([
        owner,
        uid,
        uid,
        uid,
      ]);
    }
  }, T);

  test('postgresql.uid moves runAsUser, runAsGroup and fsGroup together (70 for the alpine image user)', async () => {
    const docs = await render({ set: ['postgresql.uid=70', 'podSecurity.uid=1000'] });
    const db = findDoc(docs, 'StatefulSet', `${FULLNAME}-postgresql`).spec.template.spec.securityContext;
    expect([db.runAsUser, db.runAsGroup, db.fsGroup]).toEqual([70, 70, 70]);
    const app = findDoc(docs, 'Deployment', FULLNAME).spec.template.spec.securityContext;
    expect([app.runAsUser, app.runAsGroup, app.fsGroup]).toEqual([1000, 1000, 1000]);
  }, T);
});
