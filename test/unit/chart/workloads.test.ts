// The ordinary objects: the web app and PostgreSQL, and which images run where.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { FULLNAME, HELM_TEST_TIMEOUT_MS, type K8sObject, findDoc, localValuesFile, podSpecs, render, scriptOf } from './render.js';

const T = HELM_TEST_TIMEOUT_MS;

describe('web app', () => {
  let docs: K8sObject[];
  beforeAll(async () => {
    docs = await render();
  }, T);

  test('busybox httpd serves a page written at start-up, on 8080', () => {
    const web = findDoc(docs, 'Deployment', FULLNAME).spec.template.spec.containers[0];
    expect(web.image).toBe('busybox:1.36');
    expect(web.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(web.command[2]).toContain('mkdir -p /tmp/www');
    expect(web.command[2]).toContain('busybox httpd -f -p 8080 -h /tmp/www &');
    // The shell stays PID 1 and stops on SIGTERM, so the pod does not sit out its grace period.
    expect(web.command[2]).toContain("trap 'exit 0' TERM");
    expect(web.ports).toEqual([{ name: 'http', containerPort: 8080 }]);
    expect(web.readinessProbe.httpGet).toEqual({ path: '/', port: 'http' });
  });

  test('app.shutdownDelaySeconds keeps a deleted web pod running that long (preStop), with the grace period to match', async () => {
    const spec = (d: K8sObject[]) => findDoc(d, 'Deployment', FULLNAME).spec.template.spec;
    expect(spec(docs).terminationGracePeriodSeconds).toBeUndefined();
    expect(spec(docs).containers[0].lifecycle).toBeUndefined();
    const delayed = spec(await render({ set: ['app.shutdownDelaySeconds=15'] }));
    expect(delayed.containers[0].lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '15'] } } });
    expect(delayed.terminationGracePeriodSeconds).toBe(45);
  }, T);

  test('an init container waits for the database with pg_isready from the hooks image', () => {
    const pod = findDoc(docs, 'Deployment', FULLNAME).spec.template.spec;
    expect(pod.initContainers).toHaveLength(1);
    const wait = pod.initContainers[0];
    expect(wait.name).toBe('wait-for-db');
    expect(wait.image).toBe('postgres:16-alpine');
    expect(wait.command[2]).toContain('until pg_isready -q -h "$DB_HOST" -p 5432; do');
    expect(wait.env).toEqual([{ name: 'DB_HOST', value: `${FULLNAME}-postgresql` }]);
  });

  test('app.initFail=true makes the init container exit 1 before it waits, and only then', async () => {
    const waitScript = (d: K8sObject[]) => String(findDoc(d, 'Deployment', FULLNAME).spec.template.spec.initContainers[0].command[2]);
    expect(waitScript(docs)).not.toContain('exit 1');
    expect(waitScript(await render({ set: ['app.initFail=true'] }))).toMatch(/^echo "wait-for-db: failing on purpose \(app.initFail=true\)" >&2\nexit 1\nuntil pg_isready/);
  }, T);

  test('app.readinessFail=true points the readiness probe at a page httpd does not serve, and changes nothing else', async () => {
    const broken = findDoc(await render({ set: ['app.readinessFail=true'] }), 'Deployment', FULLNAME).spec.template.spec.containers[0];
    const web = findDoc(docs, 'Deployment', FULLNAME).spec.template.spec.containers[0];
    expect(broken.readinessProbe.httpGet).toEqual({ path: '/not-ready', port: 'http' });
    expect({ ...broken, readinessProbe: undefined }).toEqual({ ...web, readinessProbe: undefined });
  }, T);

  test('the Service maps port 80 to the pod port 8080', () => {
    const service = findDoc(docs, 'Service', FULLNAME);
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }]);
    expect(service.spec.selector).toEqual(findDoc(docs, 'Deployment', FULLNAME).spec.selector.matchLabels);
  });

  test('app.replicas sets the replica count', async () => {
    const scaled = await render({ set: ['app.replicas=3'] });
    expect(findDoc(scaled, 'Deployment', FULLNAME).spec.replicas).toBe(3);
  }, T);
});

describe('PostgreSQL', () => {
  const name = `${FULLNAME}-postgresql`;
  let docs: K8sObject[];
  beforeAll(async () => {
    docs = await render();
  }, T);

  test('one replica, governed by a headless Service of the same name', () => {
    const set = findDoc(docs, 'StatefulSet', name);
    expect(set.spec.replicas).toBe(1);
    expect(set.spec.serviceName).toBe(name);
    const service = findDoc(docs, 'Service', name);
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.ports).toEqual([{ name: 'postgresql', port: 5432, targetPort: 'postgresql' }]);
  });

  test('its name resolves before the pod is ready, so pg_isready, not the readiness probe and DNS, says when the database answers', () => {
    // Measured on the local cluster: a readiness-gated headless name answered 4.4–5.9 s after the
    // server listened (probe period, EndpointSlice, CoreDNS's cached "no such name"); this one 0.4 s.
    expect(findDoc(docs, 'Service', name).spec.publishNotReadyAddresses).toBe(true);
  });

  test('follows the official image contract: POSTGRES_PASSWORD from the Secret, POSTGRES_DB, PGDATA in a subdirectory', () => {
    const container = findDoc(docs, 'StatefulSet', name).spec.template.spec.containers[0];
    expect(container.image).toBe('postgres:16-alpine');
    expect(container.env).toEqual([
      { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name, key: 'postgres-password' } } },
      { name: 'POSTGRES_DB', value: 'webapp' },
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ]);
    expect(container.volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql/data' }]);
  });

  test('is ready when pg_isready -U postgres answers over TCP', () => {
    const probe = findDoc(docs, 'StatefulSet', name).spec.template.spec.containers[0].readinessProbe;
    expect(probe.exec.command).toEqual(['pg_isready', '-U', 'postgres', '-h', '127.0.0.1', '-p', '5432']);
  });

  test('the data volume uses the default StorageClass unless one is named', async () => {
    const claim = findDoc(docs, 'StatefulSet', name).spec.volumeClaimTemplates[0];
    expect(claim.metadata.name).toBe('data');
    expect(claim.spec.storageClassName).toBeUndefined();
    expect(claim.spec.resources.requests.storage).toBe('1Gi');
    const named = await render({ set: ['postgresql.storage.storageClassName=standard', 'postgresql.storage.size=2Gi'] });
    const namedClaim = findDoc(named, 'StatefulSet', name).spec.volumeClaimTemplates[0];
    expect(namedClaim.spec).toMatchObject({ storageClassName: 'standard', resources: { requests: { storage: '2Gi' } } });
  }, T);

  test('postgresql.database names the database everywhere', async () => {
    const renamed = await render({ set: ['postgresql.database=shop'] });
    expect(findDoc(renamed, 'StatefulSet', name).spec.template.spec.containers[0].env).toContainEqual({ name: 'POSTGRES_DB', value: 'shop' });
    const migration = findDoc(renamed, 'Job', `${FULLNAME}-db-migration`).spec.template.spec.containers[0];
    expect(migration.env).toContainEqual({ name: 'PGDATABASE', value: 'shop' });
    expect(migration.env).toContainEqual({ name: 'DB_NAME', value: 'shop' });
  }, T);

  test('the Secret holds one key, postgres-password', () => {
    expect(Object.keys(findDoc(docs, 'Secret', name).data)).toEqual(['postgres-password']);
  });
});

describe('images', () => {
  test('defaults: upstream images a kind cluster can pull', async () => {
    const docs = await render();
    const images = new Map<string, string>();
    for (const { owner, spec } of podSpecs(docs)) {
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) images.set(`${owner}/${container.name}`, container.image);
    }
    expect(images.get(`Deployment/${FULLNAME}/web`)).toBe('busybox:1.36');
    expect(images.get(`StatefulSet/${FULLNAME}-postgresql/postgresql`)).toBe('postgres:16-alpine');
    expect(images.get(`Job/${FULLNAME}-cleanup/cleanup`)).toBe('curlimages/curl:8.11.1');
    const others = [...images].filter(([where]) => !/\/(web|postgresql|cleanup)$/.test(where));
    expect(others.length).toBeGreaterThan(10);
    for (const [where, image] of others) expect([where, image]).toEqual([where, 'postgres:16-alpine']);
  }, T);

  test('values-local.yaml: only demo-hooks.local images, never pulled', async () => {
    const docs = await render({ valuesFiles: [localValuesFile] });
    for (const { owner, spec } of podSpecs(docs)) {
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
        const where = `${owner}/${container.name}`;
        const expected = owner === `StatefulSet/${FULLNAME}-postgresql` ? 'demo-hooks.local/postgres:15' : 'demo-hooks.local/toolbox:bookworm';
        expect([where, container.image, container.imagePullPolicy]).toEqual([where, expected, 'Never']);
      }
    }
    expect(findDoc(docs, 'StatefulSet', `${FULLNAME}-postgresql`).spec.template.spec.securityContext.runAsUser).toBe(999);
  }, T);
});

describe('helm test', () => {
  test('a bare Pod with the test hook checks the page version and the database', async () => {
    const docs = await render({ set: ['app.version=3.0.0'] });
    const pod = findDoc(docs, 'Pod', `${FULLNAME}-test-connection`);
    expect(pod.metadata.annotations!['helm.sh/hook']).toBe('test');
    expect(pod.spec.restartPolicy).toBe('Never');
    const script = scriptOf(pod);
    expect(script).toContain('page="$(wget -q -T 5 -O- "$url")"');
    expect(script).toContain('*"version=3.0.0"*) ;;');
    expect(script).toContain('psql -X -tA -v ON_ERROR_STOP=1 -c "SELECT 1"');
  }, T);
});
