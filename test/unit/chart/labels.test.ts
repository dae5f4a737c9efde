// Labels are how the harness and a workshop attendee find hook objects after Helm forgot them:
//   kubectl get jobs,pods -l app.kubernetes.io/instance=<rel>,app.kubernetes.io/component=hook
import { beforeAll, describe, expect, test } from '@jest/globals';
import { FULLNAME, HELM_TEST_TIMEOUT_MS, HOOKS, type K8sObject, RELEASE, findDoc, podSpecs, render } from './render.js';

const T = HELM_TEST_TIMEOUT_MS;

const standardLabels = (component: string): Record<string, string> => ({
  'helm.sh/chart': 'demo-hooks-0.1.0',
  'app.kubernetes.io/name': 'demo-hooks',
  'app.kubernetes.io/instance': RELEASE,
  'app.kubernetes.io/version': '1.0.0',
  'app.kubernetes.io/managed-by': 'Helm',
  'app.kubernetes.io/part-of': 'demo-hooks',
  'app.kubernetes.io/component': component,
});

const isHook = (doc: K8sObject): boolean => doc.metadata.annotations?.['helm.sh/hook'] !== undefined;

/** Which hooks.<name> each hook object belongs to: its Job, and the companions it cannot run without. */
const expectedHookLabel = (doc: K8sObject): string => {
  const byName: Record<string, string> = Object.fromEntries(HOOKS.map((hook) => [hook.job, hook.key]));
  byName[`${FULLNAME}-migrations`] = 'migration';
  byName[`${FULLNAME}-backup`] = 'backup';
  byName[`${FULLNAME}-cleanup`] = 'cleanup';
  byName[`${FULLNAME}-test-connection`] = 'testConnection';
  const key = byName[doc.metadata.name];
  if (!key) throw new Error(`no expected hook label for ${doc.kind}/${doc.metadata.name}`);
  return key;
};

/** A Kubernetes equality selector, evaluated the way the API server would. */
const matches = (labels: Record<string, string> | undefined, selector: Record<string, string>): boolean =>
  Object.entries(selector).every(([key, value]) => labels?.[key] === value);

describe('labels', () => {
  let docs: K8sObject[];
  beforeAll(async () => {
    docs = await render();
  }, T);

  test('the render has the hook objects the chart promises', () => {
    const hookObjects = docs.filter(isHook).map((doc) => `${doc.kind}/${doc.metadata.name}`).sort();
    expect(hookObjects).toEqual(
      [
        ...HOOKS.map((hook) => `Job/${hook.job}`),
        `ConfigMap/${FULLNAME}-migrations`,
        `PersistentVolumeClaim/${FULLNAME}-backup`,
        `ServiceAccount/${FULLNAME}-cleanup`,
        `Role/${FULLNAME}-cleanup`,
        `RoleBinding/${FULLNAME}-cleanup`,
        `Pod/${FULLNAME}-test-connection`,
      ].sort(),
    );
  });

  test('every hook object carries the standard labels, component=hook and demo-hooks.dev/hook', () => {
    for (const doc of docs.filter(isHook)) {
      const where = `${doc.kind}/${doc.metadata.name}`;
      expect([where, doc.metadata.labels]).toEqual([
        where,
        { ...standardLabels('hook'), 'demo-hooks.dev/hook': expectedHookLabel(doc) },
      ]);
    }
  });

  test("every hook Job's pod template carries the same labels, so its pods are found too", () => {
    for (const hook of HOOKS) {
      const job = findDoc(docs, 'Job', hook.job);
      expect([hook.key, job.spec.template.metadata.labels]).toEqual([hook.key, job.metadata.labels]);
      expect(job.spec.template.metadata.labels['demo-hooks.dev/hook']).toBe(hook.key);
    }
  });

  test('the hook selector finds every hook object and nothing else', () => {
    const selector = { 'app.kubernetes.io/instance': RELEASE, 'app.kubernetes.io/component': 'hook' };
    const selected = docs.filter((doc) => matches(doc.metadata.labels, selector));
    expect(selected.map((doc) => doc.metadata.name).sort()).toEqual(docs.filter(isHook).map((doc) => doc.metadata.name).sort());
    const podsSelected = podSpecs(docs).filter(({ metadata }) => matches(metadata.labels, selector));
    expect(podsSelected.map(({ owner }) => owner).sort()).toEqual(
      [...HOOKS.map((hook) => `Job/${hook.job}`), `Pod/${FULLNAME}-test-connection`].sort(),
    );
  });

  test('ordinary objects carry the standard labels with their own component', () => {
    const components: Record<string, string> = {
      [`Deployment/${FULLNAME}`]: 'web',
      [`Service/${FULLNAME}`]: 'web',
      [`StatefulSet/${FULLNAME}-postgresql`]: 'database',
      [`Service/${FULLNAME}-postgresql`]: 'database',
      [`Secret/${FULLNAME}-postgresql`]: 'database',
    };
    const ordinary = docs.filter((doc) => !isHook(doc));
    expect(ordinary.map((doc) => `${doc.kind}/${doc.metadata.name}`).sort()).toEqual(Object.keys(components).sort());
    for (const doc of ordinary) {
      const where = `${doc.kind}/${doc.metadata.name}`;
      expect([where, doc.metadata.labels]).toEqual([where, standardLabels(components[where]!)]);
    }
  });

  test('the database volumes carry the labels the cleanup hook deletes them by', () => {
    const template = findDoc(docs, 'StatefulSet', `${FULLNAME}-postgresql`).spec.volumeClaimTemplates[0];
    expect(template.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'demo-hooks',
      'app.kubernetes.io/instance': RELEASE,
      'app.kubernetes.io/component': 'database',
    });
  });

  test('selectors hold only labels that never change, so upgrades never hit an immutable selector', () => {
    for (const kind of ['Deployment', 'StatefulSet']) {
      const doc = docs.find((candidate) => candidate.kind === kind)!;
      const selector = doc.spec.selector.matchLabels;
      expect(Object.keys(selector).sort()).toEqual(['app.kubernetes.io/component', 'app.kubernetes.io/instance', 'app.kubernetes.io/name']);
      expect(matches(doc.spec.template.metadata.labels, selector)).toBe(true);
    }
  });
});

describe('app version markers', () => {
  test('app.version reaches the page, APP_VERSION and the pod label and annotation', async () => {
    const docs = await render({ set: ['app.version=2.1.0'] });
    const pod = findDoc(docs, 'Deployment', FULLNAME).spec.template;
    expect(pod.metadata.labels['demo-hooks.dev/app-version']).toBe('2.1.0');
    expect(pod.metadata.annotations['demo-hooks.dev/app-version']).toBe('2.1.0');
    const web = pod.spec.containers[0];
    expect(web.env).toContainEqual({ name: 'APP_VERSION', value: '2.1.0' });
    expect(web.command[2]).toContain(`printf 'demo-hooks app version=%s release=%s\\n' "$APP_VERSION" "$RELEASE_NAME"`);
  }, T);
});
