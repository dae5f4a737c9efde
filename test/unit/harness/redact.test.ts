// Nothing the harness prints or stores may hold Secret data.
import { REDACTED, redactHelmOutput, redactJsonValue, redactManifestText } from '../../../harness/src/helm/redact.js';

const manifest = `---
# Source: demo-hooks/templates/postgresql-secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: rel-demo-hooks-postgresql
type: Opaque
data:
  postgres-password: "c2VjcmV0"
  other: b3RoZXI=
stringData:
  plain: hunter2
---
# Source: demo-hooks/templates/app-deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rel-demo-hooks
data:
  notASecret: keep-me
`;

describe('redactManifestText', () => {
  it('blanks data and stringData of Secrets and leaves other documents alone', () => {
    const out = redactManifestText(manifest);
    expect(out).not.toContain('c2VjcmV0');
    expect(out).not.toContain('b3RoZXI=');
    expect(out).not.toContain('hunter2');
    expect(out).toContain(`postgres-password: ${REDACTED}`);
    expect(out).toContain('notASecret: keep-me');
    expect(out).toContain('kind: Deployment');
    expect(out).toContain('type: Opaque');
  });

  it('blanks credential-looking keys anywhere (e.g. --debug COMPUTED VALUES)', () => {
    const values = 'COMPUTED VALUES:\npostgresql:\n  postgresPassword: s3cr3t\n  database: webapp\napiToken: abc\n';
    const out = redactManifestText(values);
    expect(out).not.toContain('s3cr3t');
    expect(out).not.toContain('abc');
    expect(out).toContain('database: webapp');
  });

  it('leaves a secretKeyRef that only names the key', () => {
    const ref = '  valueFrom:\n    secretKeyRef:\n      name: rel-demo-hooks-postgresql\n      key: postgres-password\n';
    expect(redactManifestText(ref)).toBe(ref);
  });
});

describe('redactJsonValue', () => {
  it('blanks a Secret object, a credential key and Secrets inside manifest strings', () => {
    const value = {
      info: { resources: { 'v1/Secret': [{ kind: 'Secret', data: { 'postgres-password': 'c2VjcmV0' }, metadata: { name: 's' } }] } },
      config: { password: 'x', other: 1 },
      manifest,
    };
    const out = JSON.stringify(redactJsonValue(value));
    expect(out).not.toMatch(/c2VjcmV0|hunter2|"password":"x"/);
    expect(out).toContain('"other":1');
    expect(out).toContain('"name":"s"');
  });
});

describe('redactHelmOutput', () => {
  it('returns JSON untouched when there is nothing to blank (history stays exact)', () => {
    const history = '[{"revision":1,"status":"deployed","description":"Install complete"}]\n';
    expect(redactHelmOutput(history)).toBe(history);
  });

  it('re-serialises JSON only when it had to blank something', () => {
    const status = JSON.stringify({ name: 'r', manifest });
    const out = redactHelmOutput(status);
    expect(out).not.toContain('c2VjcmV0');
    expect(JSON.parse(out).name).toBe('r');
  });

  it('redacts dry-run text output', () => {
    expect(redactHelmOutput(`NAME: r\nHOOKS:\nMANIFEST:\n${manifest}`)).not.toContain('c2VjcmV0');
  });
});

test('a credential-named key holding a bare boolean stays readable', () => {
  const manifest = 'spec:\n  automountServiceAccountToken: false\n  token: abc123\n';
  expect(redactManifestText(manifest)).toBe('spec:\n  automountServiceAccountToken: false\n  token: <redacted>\n');
});
