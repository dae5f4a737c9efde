// The hook contract: what each hook Job is by default, and what every lab switch under
// hooks.<name> does to the rendered manifest.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { execa } from 'execa';
import path from 'node:path';
import {
  FULLNAME,
  HELM_TEST_TIMEOUT_MS,
  HOOKS,
  type K8sObject,
  findDoc,
  findDocs,
  hookAnnotations,
  maybeFindDoc,
  render,
  repoRoot,
  renderRefused,
  scriptOf,
} from './render.js';

const T = HELM_TEST_TIMEOUT_MS;

describe('hook Jobs by default', () => {
  let docs: K8sObject[];
  beforeAll(async () => {
    docs = await render();
  }, T);

  test('the render holds exactly one Job per hook, named <fullname>-<file name>', () => {
    const jobNames = findDocs(docs, 'Job').map((job) => job.metadata.name).sort();
    expect(jobNames).toEqual(HOOKS.map((hook) => hook.job).sort());
  });

  test.each(HOOKS)('$key: events, weight and delete policy', ({ job, events, weight, deletePolicy }) => {
    const annotations = hookAnnotations(findDoc(docs, 'Job', job));
    expect(annotations.events).toEqual(events);
    expect(annotations.weight).toBe(weight);
    expect(annotations.deletePolicy).toEqual(deletePolicy);
    expect(annotations.outputLogPolicy).toEqual(['hook-failed']);
  });

  test.each(HOOKS)('$key: fails fast (backoffLimit 0), is bounded (240 s + 30 s of grace, inside the 5m0s --timeout) and never restarts', ({ job }) => {
    const doc = findDoc(docs, 'Job', job);
    expect(doc.spec.backoffLimit).toBe(0);
    expect(doc.spec.activeDeadlineSeconds).toBe(240);
    expect(doc.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
    expect(doc.spec.activeDeadlineSeconds + doc.spec.template.spec.terminationGracePeriodSeconds).toBeLessThan(300);
    expect(doc.spec.template.spec.restartPolicy).toBe('Never');
  });

  test.each(HOOKS)('$key: the script traps SIGTERM before it does anything', ({ key, job }) => {
    const script = scriptOf(findDoc(docs, 'Job', job));
    expect(script).toMatch(new RegExp(`^trap '.*stopped by SIGTERM.*; exit 143' TERM$`, 'm'));
    expect(script.indexOf("' TERM\n")).toBeLessThan(script.indexOf(`demo-hooks: hook ${key} started`));
  });

  test.each(HOOKS)('$key: the script announces itself and neither sleeps nor fails on purpose', ({ key, job }) => {
    const script = scriptOf(findDoc(docs, 'Job', job));
    expect(script.startsWith('set -eu\n')).toBe(true);
    expect(script).toContain(`demo-hooks: hook ${key} started`);
    expect(script).not.toContain('failing on purpose');
    expect(script).not.toMatch(/^sleep /m);
  });

  test('hooks that use the database get the shared functions they call, and only those', () => {
    const migration = scriptOf(findDoc(docs, 'Job', `${FULLNAME}-db-migration`));
    expect(migration).toContain('wait_for_db() {');
    expect(migration).toContain('sql() {');
    expect(migration).toContain('schema_version() {');
    const cleanup = scriptOf(findDoc(docs, 'Job', `${FULLNAME}-cleanup`));
    expect(cleanup).not.toContain('wait_for_db() {');
  });

  test('cacheWarmup and healthCheck reach the app with wget, which every hooks image has', () => {
    for (const name of ['cache-warmup', 'health-check']) {
      const script = scriptOf(findDoc(docs, 'Job', `${FULLNAME}-${name}`));
      expect(script).toContain('wget -q -T 2 -O');
      expect(script).toContain('http://lab-demo-hooks.labs.svc/');
      expect(script).not.toMatch(/\bcurl\b/);
    }
  });

  test('healthCheck waits for the version this revision deploys', async () => {
    const upgraded = await render({ set: ['app.version=2.0.0'] });
    expect(scriptOf(findDoc(upgraded, 'Job', `${FULLNAME}-health-check`))).toContain('want="version=2.0.0"');
  }, T);

  test('dbSetup creates the database only when missing: a \\gexec check, not the nonexistent IF NOT EXISTS', () => {
    const script = scriptOf(findDoc(docs, 'Job', `${FULLNAME}-db-setup`));
    const withoutComments = script.split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n');
    expect(withoutComments).not.toContain('CREATE DATABASE IF NOT EXISTS');
    expect(script).toContain("WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')\\gexec");
  });

  test('the rollback hooks write to rollback_log; post-rollback also proves the DB answers', () => {
    const pre = scriptOf(findDoc(docs, 'Job', `${FULLNAME}-pre-rollback`));
    const post = scriptOf(findDoc(docs, 'Job', `${FULLNAME}-post-rollback`));
    for (const script of [pre, post]) {
      expect(script).toContain('CREATE TABLE IF NOT EXISTS rollback_log');
      expect(script).toContain('INSERT INTO rollback_log');
    }
    expect(pre).toContain('-v phase=pre-rollback');
    expect(post).toContain('-v phase=post-rollback');
    expect(post).toContain('sql -tA -c "SELECT 1"');
  });

  test('notify records the deployment in the events table', () => {
    const script = scriptOf(findDoc(docs, 'Job', `${FULLNAME}-notify`));
    expect(script).toContain('CREATE TABLE IF NOT EXISTS events');
    expect(script).toContain('INSERT INTO events');
    expect(script).toContain('action="install"');
  });

  test('preDelete dumps into the backup volume, and gives up quietly when no database ever ran', () => {
    const job = findDoc(docs, 'Job', `${FULLNAME}-pre-delete`);
    const script = scriptOf(job);
    expect(script).toContain('target="/backup/lab-predelete-rev1.sql"');
    expect(script).toContain('pg_dump --no-password -f "$target.partial" "$DB_NAME"');
    expect(script).toContain('if ! wait_for_db_tries 30; then');
    expect(job.spec.template.spec.volumes).toEqual([
      { name: 'backup-storage', persistentVolumeClaim: { claimName: `${FULLNAME}-backup` } },
    ]);
  });
});

describe('hooks.<name>.enabled', () => {
  test.each(HOOKS)('$key=false removes its Job and nothing else', async ({ key, job }) => {
    const docs = await render({ set: [`hooks.${key}.enabled=false`] });
    const jobNames = findDocs(docs, 'Job').map((doc) => doc.metadata.name);
    expect(jobNames).not.toContain(job);
    expect(jobNames.sort()).toEqual(HOOKS.filter((hook) => hook.key !== key).map((hook) => hook.job).sort());
  }, T);

  test('migration=false also removes its migrations ConfigMap', async () => {
    const docs = await render({ set: ['hooks.migration.enabled=false'] });
    expect(findDocs(docs, 'ConfigMap')).toEqual([]);
  }, T);

  test('cleanup=false also removes its ServiceAccount, Role and RoleBinding', async () => {
    const docs = await render({ set: ['hooks.cleanup.enabled=false'] });
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding']) expect(findDocs(docs, kind)).toEqual([]);
  }, T);

  test('the backup volume stays while either backup or preDelete writes to it', async () => {
    for (const key of ['backup', 'preDelete']) {
      const docs = await render({ set: [`hooks.${key}.enabled=false`] });
      expect(maybeFindDoc(docs, 'PersistentVolumeClaim', `${FULLNAME}-backup`)).toBeDefined();
    }
    const neither = await render({ set: ['hooks.backup.enabled=false', 'hooks.preDelete.enabled=false'] });
    expect(findDocs(neither, 'PersistentVolumeClaim')).toEqual([]);
  }, T);

  test('tests.fail=true makes the helm test pod exit 1 after its checks, and only then', async () => {
    const script = (docs: K8sObject[]) => String(findDocs(docs, 'Pod')[0]!.spec.containers[0].command[2]);
    expect(script(await render({}))).toMatch(/echo "Database \$DB_NAME answers"\n$/);
    expect(script(await render({ set: ['tests.fail=true'] }))).toMatch(/echo "Database \$DB_NAME answers"\necho "failing on purpose \(tests.fail=true\)" >&2\nexit 1\n$/);
  }, T);

  test('tests.enabled=false removes the helm test pod', async () => {
    const docs = await render({ set: ['tests.enabled=false'] });
    expect(findDocs(docs, 'Pod')).toEqual([]);
  }, T);
});

describe('lab switches, all applied at once', () => {
  // Every hook gets its own values, so a switch that leaked into another hook would show.
  const moved = ['post-upgrade', 'pre-upgrade', 'post-install', 'pre-rollback', 'post-rollback', 'pre-delete', 'post-delete', 'pre-install'];
  const switched = HOOKS.map((hook, index) => ({
    ...hook,
    events: [moved[index % moved.length]!, moved[(index + 3) % moved.length]!],
    weight: -50 + index * 7,
    exitCode: 10 + index,
    sleepSeconds: 100 + index,
  }));
  let docs: K8sObject[];
  beforeAll(async () => {
    docs = await render({
      set: switched.flatMap((hook) => [
        `hooks.${hook.key}.events={${hook.events.join(',')}}`,
        `hooks.${hook.key}.weight=${hook.weight}`,
        `hooks.${hook.key}.deletePolicy={hook-failed}`,
        `hooks.${hook.key}.fail=true`,
        `hooks.${hook.key}.exitCode=${hook.exitCode}`,
        `hooks.${hook.key}.sleepSeconds=${hook.sleepSeconds}`,
      ]),
    });
  }, T);

  test.each(switched)('$key: events and weight move, delete policy changes', ({ job, events, weight }) => {
    const annotations = hookAnnotations(findDoc(docs, 'Job', job));
    expect(annotations.events).toEqual(events);
    expect(annotations.weight).toBe(weight);
    expect(annotations.deletePolicy).toEqual(['hook-failed']);
  });

  test.each(switched)('$key: sleeps first, then fails with its message and exit code', ({ key, job, exitCode, sleepSeconds }) => {
    const script = scriptOf(findDoc(docs, 'Job', job));
    const message = `demo-hooks: hook ${key} failing on purpose (hooks.${key}.fail=true), exit ${exitCode}`;
    expect(script).toContain(`echo "${message}" >&2\nexit ${exitCode}\n`);
    expect(script).toContain(`\nsleep ${sleepSeconds} &\nwait $!\n`);
    expect(script.indexOf(`sleep ${sleepSeconds}`)).toBeLessThan(script.indexOf(message));
  });

  test('weight may be negative and is rendered as a quoted integer', () => {
    const job = findDoc(docs, 'Job', switched[0]!.job);
    expect(job.metadata.annotations!['helm.sh/hook-weight']).toBe('-50');
  });

  test('exit code 1 is the default when only fail is set', async () => {
    const failing = await render({ set: ['hooks.migration.fail=true'] });
    expect(scriptOf(findDoc(failing, 'Job', `${FULLNAME}-db-migration`))).toContain(
      'echo "demo-hooks: hook migration failing on purpose (hooks.migration.fail=true), exit 1" >&2\nexit 1\n',
    );
  }, T);

  test('an empty deletePolicy (--set-json) leaves the annotation out, so Helm applies before-hook-creation', async () => {
    const rendered = await render({ setJson: ['hooks.notify.deletePolicy=[]'] });
    expect(hookAnnotations(findDoc(rendered, 'Job', `${FULLNAME}-notify`)).deletePolicy).toBeUndefined();
  }, T);
});

describe('a hook stops when asked', () => {
  // The shell the kubelet signals is the script's own: a sleeping or hung hook must end on SIGTERM at
  // once, not sit out terminationGracePeriodSeconds until SIGKILL (the active-deadline scenario).
  test('under sh, SIGTERM during sleepSeconds ends the script at once with 143 and says why', async () => {
    const docs = await render({ set: ['hooks.migration.sleepSeconds=60'] });
    const script = scriptOf(findDoc(docs, 'Job', `${FULLNAME}-db-migration`));
    // Its own process group, like a container's PID namespace: when the script exits, the kernel would
    // kill the background sleep with it, and here the test does, so that the output pipe closes.
    const child = execa('sh', ['-c', script], { reject: false, all: true, detached: true });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let out = '';
    await new Promise<void>((resolve) => {
      child.all!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('sleeping 60s first')) resolve();
      });
    });
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const exitCode = await exited;
    const took = Date.now() - signalledAt;
    process.kill(-child.pid!, 'SIGKILL');
    const result = await child;
    expect(exitCode).toBe(143);
    expect(took).toBeLessThan(5_000);
    expect(result.all).toContain('demo-hooks: hook migration stopped by SIGTERM');
  }, T);

  test('hookDefaults.terminationGracePeriodSeconds sets every hook pod\'s grace period', async () => {
    const docs = await render({ set: ['hookDefaults.terminationGracePeriodSeconds=5'] });
    for (const hook of HOOKS) {
      expect([hook.key, findDoc(docs, 'Job', hook.job).spec.template.spec.terminationGracePeriodSeconds]).toEqual([hook.key, 5]);
    }
  }, T);
});

describe('hookDefaults.ttlSecondsAfterFinished', () => {
  test('is left out by default, so a finished hook Job stays until its delete policy removes it', async () => {
    const docs = await render();
    for (const hook of HOOKS) expect([hook.key, findDoc(docs, 'Job', hook.job).spec.ttlSecondsAfterFinished]).toEqual([hook.key, undefined]);
  }, T);

  test('sets every hook Job\'s TTL, an explicit 0 included', async () => {
    for (const ttl of [0, 600]) {
      const docs = await render({ set: [`hookDefaults.ttlSecondsAfterFinished=${ttl}`] });
      for (const hook of HOOKS) expect([hook.key, findDoc(docs, 'Job', hook.job).spec.ttlSecondsAfterFinished]).toEqual([hook.key, ttl]);
    }
  }, T);
});

describe('backoffLimit and activeDeadlineSeconds', () => {
  test('hookDefaults apply to every hook Job', async () => {
    const docs = await render({ set: ['hookDefaults.backoffLimit=4', 'hookDefaults.activeDeadlineSeconds=120'] });
    for (const hook of HOOKS) {
      const job = findDoc(docs, 'Job', hook.job);
      expect([hook.key, job.spec.backoffLimit, job.spec.activeDeadlineSeconds]).toEqual([hook.key, 4, 120]);
    }
  }, T);

  test('a per-hook override wins, including an explicit 0, and touches no other hook', async () => {
    const docs = await render({
      set: [
        'hookDefaults.backoffLimit=4',
        'hookDefaults.activeDeadlineSeconds=120',
        'hooks.migration.backoffLimit=0',
        'hooks.migration.activeDeadlineSeconds=30',
        'hooks.backup.backoffLimit=6',
      ],
    });
    const migration = findDoc(docs, 'Job', `${FULLNAME}-db-migration`);
    expect([migration.spec.backoffLimit, migration.spec.activeDeadlineSeconds]).toEqual([0, 30]);
    const backup = findDoc(docs, 'Job', `${FULLNAME}-backup-1`);
    expect([backup.spec.backoffLimit, backup.spec.activeDeadlineSeconds]).toEqual([6, 120]);
    const notify = findDoc(docs, 'Job', `${FULLNAME}-notify`);
    expect([notify.spec.backoffLimit, notify.spec.activeDeadlineSeconds]).toEqual([4, 120]);
  }, T);
});

describe('hookDefaults.outputLogPolicy', () => {
  test('is applied to every hook Job and to the test pod', async () => {
    const docs = await render({ set: ['hookDefaults.outputLogPolicy={hook-succeeded,hook-failed}'] });
    for (const hook of HOOKS) {
      expect(hookAnnotations(findDoc(docs, 'Job', hook.job)).outputLogPolicy).toEqual(['hook-succeeded', 'hook-failed']);
    }
    expect(hookAnnotations(findDoc(docs, 'Pod', `${FULLNAME}-test-connection`)).outputLogPolicy).toEqual([
      'hook-succeeded',
      'hook-failed',
    ]);
  }, T);

  test('an empty list leaves the annotation out everywhere', async () => {
    const docs = await render({ setJson: ['hookDefaults.outputLogPolicy=[]'] });
    const withPolicy = docs.filter((doc) => doc.metadata.annotations?.['helm.sh/hook-output-log-policy'] !== undefined);
    expect(withPolicy.map((doc) => `${doc.kind}/${doc.metadata.name}`)).toEqual([]);
  }, T);

  test('is only put on objects that run a pod', async () => {
    const docs = await render();
    const withPolicy = docs.filter((doc) => doc.metadata.annotations?.['helm.sh/hook-output-log-policy'] !== undefined);
    expect(new Set(withPolicy.map((doc) => doc.kind))).toEqual(new Set(['Job', 'Pod']));
  }, T);
});

describe('migration hook and its ConfigMap', () => {
  const configMapName = `${FULLNAME}-migrations`;

  test('the ConfigMap is a hook on the same events as the Job, 10 below its weight, replaced before each run', async () => {
    const docs = await render();
    const configMap = hookAnnotations(findDoc(docs, 'ConfigMap', configMapName));
    const job = hookAnnotations(findDoc(docs, 'Job', `${FULLNAME}-db-migration`));
    expect(configMap.events).toEqual(job.events);
    expect(configMap.weight).toBe(job.weight - 10);
    expect(configMap.deletePolicy).toEqual(['before-hook-creation']);
    expect(configMap.outputLogPolicy).toBeUndefined();
  }, T);

  test('the ConfigMap follows the Job when a lab moves it or changes its weight', async () => {
    const docs = await render({ set: ['hooks.migration.events={post-upgrade}', 'hooks.migration.weight=-3'] });
    expect(hookAnnotations(findDoc(docs, 'ConfigMap', configMapName))).toMatchObject({ events: ['post-upgrade'], weight: -13 });
    expect(hookAnnotations(findDoc(docs, 'Job', `${FULLNAME}-db-migration`))).toMatchObject({ events: ['post-upgrade'], weight: -3 });
  }, T);

  test('the Job mounts the ConfigMap at /migrations and applies each file in one transaction', async () => {
    const docs = await render();
    const job = findDoc(docs, 'Job', `${FULLNAME}-db-migration`);
    expect(job.spec.template.spec.volumes).toEqual([{ name: 'migrations', configMap: { name: configMapName } }]);
    expect(job.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'migrations', mountPath: '/migrations', readOnly: true },
    ]);
    const script = scriptOf(job);
    expect(script).toContain('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz');
    expect(script).toContain('sql --single-transaction -f -');
    expect(script).toContain('already applied, skipping');
    expect(script).toMatch(/sql\(\) \{ .*psql -X -q -v ON_ERROR_STOP=1 "\$@"; \}/);
  }, T);

  test('by default every migration file ships; upTo keeps the later ones out', async () => {
    const all = await render();
    expect(Object.keys(findDoc(all, 'ConfigMap', configMapName).data)).toEqual([
      '001_create_items.sql',
      '002_add_items_price.sql',
      '003_create_orders.sql',
    ]);
    const upTo002 = await render({ set: ['hooks.migration.upTo=002'] });
    expect(Object.keys(findDoc(upTo002, 'ConfigMap', configMapName).data)).toEqual([
      '001_create_items.sql',
      '002_add_items_price.sql',
    ]);
    expect(findDoc(all, 'ConfigMap', configMapName).data['001_create_items.sql']).toContain('CREATE TABLE items');
  }, T);

  test('an upTo that names no shipped migration stops the render', async () => {
    const result = await renderRefused({ setString: ['hooks.migration.upTo=009'] });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(`hooks.migration.upTo="009" names no file in the chart's migrations/ folder`);
  }, T);
});

describe('backup hook and its volume', () => {
  let docs: K8sObject[];
  beforeAll(async () => {
    docs = await render();
  }, T);

  test('the backup PVC is a pre-install hook at weight -20 whose hook-failed policy never fires', () => {
    const pvc = findDoc(docs, 'PersistentVolumeClaim', `${FULLNAME}-backup`);
    expect(hookAnnotations(pvc)).toEqual({
      events: ['pre-install'],
      weight: -20,
      deletePolicy: ['hook-failed'],
      outputLogPolicy: undefined,
    });
    expect(pvc.spec.resources.requests.storage).toBe('1Gi');
    expect(pvc.spec.storageClassName).toBeUndefined();
  });

  test('the PVC comes before every other pre-install hook', () => {
    const preInstallWeights = docs
      .filter((doc) => doc.metadata.annotations?.['helm.sh/hook']?.split(',').includes('pre-install'))
      .filter((doc) => doc.kind !== 'PersistentVolumeClaim')
      .map((doc) => hookAnnotations(doc).weight);
    expect(Math.min(...preInstallWeights)).toBeGreaterThan(-20);
  });

  test('backupStorage sets size and class', async () => {
    const custom = await render({ set: ['backupStorage.size=5Gi', 'backupStorage.storageClassName=fast'] });
    const pvc = findDoc(custom, 'PersistentVolumeClaim', `${FULLNAME}-backup`);
    expect(pvc.spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '5Gi' } } });
  }, T);

  test('the backup Job is named per revision and dumps to one file per revision', () => {
    const job = findDoc(docs, 'Job', `${FULLNAME}-backup-1`);
    const script = scriptOf(job);
    expect(script).toContain('target="/backup/lab-rev1.sql"');
    expect(script).toContain('pg_dump --no-password -f "$target.partial" "$DB_NAME"');
    expect(job.spec.template.spec.volumes).toEqual([
      { name: 'backup-storage', persistentVolumeClaim: { claimName: `${FULLNAME}-backup` } },
    ]);
    expect(job.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'backup-storage', mountPath: '/backup' }]);
  });
});

describe('cleanup hook and its RBAC', () => {
  const name = `${FULLNAME}-cleanup`;
  let docs: K8sObject[];
  beforeAll(async () => {
    docs = await render();
  }, T);

  test.each(['ServiceAccount', 'Role', 'RoleBinding'])('%s is a post-delete hook before the Job, deleted when all succeeded', (kind) => {
    expect(hookAnnotations(findDoc(docs, kind, name))).toEqual({
      events: ['post-delete'],
      weight: -9,
      deletePolicy: ['hook-succeeded'],
      outputLogPolicy: undefined,
    });
  });

  test('the RBAC follows the Job when a lab moves it or changes its policy', async () => {
    const moved = await render({
      set: ['hooks.cleanup.events={pre-delete}', 'hooks.cleanup.weight=5', 'hooks.cleanup.deletePolicy={before-hook-creation,hook-succeeded}'],
    });
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding']) {
      expect(hookAnnotations(findDoc(moved, kind, name))).toMatchObject({
        events: ['pre-delete'],
        weight: -5,
        deletePolicy: ['before-hook-creation', 'hook-succeeded'],
      });
    }
  }, T);

  test('the Role allows exactly list and deletecollection on what hooks leave, and delete on the backup PVC only', () => {
    expect(findDoc(docs, 'Role', name).rules).toEqual([
      { apiGroups: [''], resources: ['configmaps', 'persistentvolumeclaims', 'pods'], verbs: ['list', 'deletecollection'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['list', 'deletecollection'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], resourceNames: [`${FULLNAME}-backup`], verbs: ['delete'] },
    ]);
  });

  test('keepBackups drops the delete permission and the delete call', async () => {
    const keeping = await render({ set: ['hooks.cleanup.keepBackups=true'] });
    expect(findDoc(keeping, 'Role', name).rules).toEqual([
      { apiGroups: [''], resources: ['configmaps', 'persistentvolumeclaims', 'pods'], verbs: ['list', 'deletecollection'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['list', 'deletecollection'] },
    ]);
    const script = scriptOf(findDoc(keeping, 'Job', name));
    expect(script).toContain('keeping the backup volume');
    expect(script).not.toContain(`persistentvolumeclaims/${FULLNAME}-backup`);
  }, T);

  test('the RoleBinding gives the Role to the cleanup ServiceAccount', () => {
    const binding = findDoc(docs, 'RoleBinding', name);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name, namespace: 'labs' }]);
  });

  test('the Job runs the API client image with that ServiceAccount and its token', () => {
    const pod = findDoc(docs, 'Job', name).spec.template.spec;
    expect(pod.serviceAccountName).toBe(name);
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.containers[0].image).toBe('curlimages/curl:8.11.1');
  });

  test('the script deletes hook objects and volumes by label, sparing its own Job, pod and RBAC', () => {
    const script = scriptOf(findDoc(docs, 'Job', name));
    expect(script).toContain('API=https://kubernetes.default.svc');
    expect(script).toContain('--oauth2-bearer "$(cat "$SA/token")"');
    expect(script).toContain('HOOKS="$RELEASE,app.kubernetes.io/component=hook"');
    expect(script).toContain('purge "hook jobs" "/apis/batch/v1/namespaces/$NS/jobs" "$HOOKS,demo-hooks.dev/hook!=cleanup"');
    expect(script).toContain('purge "hook pods" "/api/v1/namespaces/$NS/pods" "$HOOKS,demo-hooks.dev/hook!=cleanup"');
    expect(script).toContain('purge "hook configmaps" "/api/v1/namespaces/$NS/configmaps" "$HOOKS"');
    expect(script).toContain(
      'purge "database volumes" "/api/v1/namespaces/$NS/persistentvolumeclaims" "$RELEASE,app.kubernetes.io/name=demo-hooks,app.kubernetes.io/component=database"',
    );
    expect(script).toContain('--data-urlencode propagationPolicy=Background');
    expect(script).toContain(`persistentvolumeclaims/${FULLNAME}-backup`);
    expect(script).not.toMatch(/serviceaccounts|rolebindings|roles/);
  });
});

describe('names', () => {
  test('with the longest release name Helm allows (53), every Job name still fits 63 characters', async () => {
    const release = 'r'.repeat(53);
    const docs = await render({ release, set: ['hooks.backup.enabled=true'] });
    const names = findDocs(docs, 'Job').map((job) => job.metadata.name);
    expect(names).toHaveLength(HOOKS.length);
    for (const name of names) expect([name, name.length <= 63]).toEqual([name, true]);
  }, T);
});

// Lab 01's install (scenarios/pre-fail.ts): only the hooks its steps look at run on install.
describe('labs/values/quick-install.yaml', () => {
  let docs: K8sObject[];
  beforeAll(async () => {
    docs = await render({ valuesFiles: [path.join(repoRoot, 'labs/values/quick-install.yaml')] });
  }, T);

  const isHook = (doc: K8sObject) => doc.metadata.annotations?.['helm.sh/hook'] !== undefined;
  const onEvent = (event: string) =>
    docs
      .filter((doc) => isHook(doc) && hookAnnotations(doc).events.includes(event))
      .map((doc) => `${doc.kind}/${doc.metadata.name}`)
      .sort();

  test('the install runs one hook Job, the migration, and still makes the backup volume', () => {
    expect(onEvent('pre-install')).toEqual([`PersistentVolumeClaim/${FULLNAME}-backup`]);
    expect(onEvent('post-install')).toEqual([`ConfigMap/${FULLNAME}-migrations`, `Job/${FULLNAME}-db-migration`]);
  });

  test('the upgrade hooks the lab looks at are those of the default chart', async () => {
    const defaults = await render();
    const upgradeHooks = (objects: K8sObject[]) =>
      objects
        .filter((doc) => doc.kind === 'Job' && /-upgrade/.test(hookAnnotations(doc).events.join(',')))
        .map((doc) => `${doc.metadata.name} ${hookAnnotations(doc).events.filter((e) => e.endsWith('-upgrade')).join(',')} ${hookAnnotations(doc).weight}`)
        .sort();
    expect(upgradeHooks(docs)).toEqual(upgradeHooks(defaults));
  }, T);
});
