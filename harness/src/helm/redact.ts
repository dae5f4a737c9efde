// Nothing the harness prints or stores may hold Secret data. Helm can print it in three places:
// rendered manifests (dry runs, `status -o json`'s "manifest"), computed values (`--debug`),
// and the release JSON. These functions blank the values and keep everything else as it was.

export const REDACTED = '<redacted>';

/** Keys whose values are credentials wherever they appear (values files, env, JSON). */
const credentialKey = /(password|passwd|secret[_-]?key|token|private[_-]?key)$/i;

/** Blanks `data:`/`stringData:` values of every `kind: Secret` document and every credential-looking key. */
export function redactManifestText(text: string): string {
  if (!text) return text;
  return text
    .split(/(?=^---)/m)
    .map((doc) => (/^kind:\s*Secret\s*$/m.test(doc) ? redactSecretDocument(doc) : doc))
    .join('')
        // [ \t] rather than \s: a key's value never continues on the next line here.
    // A bare boolean is never a credential (automountServiceAccountToken: false stays readable).
    .replace(/^([ \t]*-?[ \t]*["']?([\w.-]+)["']?[ \t]*:[ \t]+)(?!\||>)(\S.*)$/gm, (line, head: string, key: string, value: string) =>
      credentialKey.test(key) && !/^(true|false)$/.test(value.trim()) && !line.includes(REDACTED) ? `${head}${REDACTED}` : line,
    );
}

function redactSecretDocument(doc: string): string {
  const lines = doc.split('\n');
  let dataIndent = -1;
  return lines
    .map((line) => {
      const indent = line.length - line.trimStart().length;
      if (/^\s*(data|stringData):\s*$/.test(line)) {
        dataIndent = indent;
        return line;
      }
      if (dataIndent >= 0 && line.trim() !== '' && indent > dataIndent) {
        return line.replace(/^(\s*[^:\s]+:)\s*.*$/, `$1 ${REDACTED}`);
      }
      if (line.trim() !== '' && indent <= dataIndent) dataIndent = -1;
      return line;
    })
    .join('\n');
}

/** Same rules over parsed JSON (e.g. `helm status -o json`); returns a new value. */
export function redactJsonValue(value: unknown, parentKind?: string): unknown {
  if (typeof value === 'string') return value.includes('kind: Secret') || credentialLine.test(value) ? redactManifestText(value) : value;
  if (Array.isArray(value)) return value.map((v) => redactJsonValue(v, parentKind));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const kind = typeof obj.kind === 'string' ? obj.kind : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    if (kind === 'Secret' && (key === 'data' || key === 'stringData') && v && typeof v === 'object') {
      out[key] = Object.fromEntries(Object.keys(v).map((k) => [k, REDACTED]));
    } else if (credentialKey.test(key) && (typeof v === 'string' || typeof v === 'number')) {
      out[key] = REDACTED;
    } else {
      out[key] = redactJsonValue(v, kind);
    }
  }
  return out;
}

const credentialLine = /(password|passwd|token)\w*\s*:/i;

/**
 * Redacts any Helm output. JSON output stays byte-for-byte as Helm printed it unless something
 * had to be blanked: reports promise "the history exactly as helm gave it".
 */
export function redactHelmOutput(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const redacted = redactJsonValue(parsed);
      return JSON.stringify(redacted) === JSON.stringify(parsed) ? text : JSON.stringify(redacted);
    } catch {
      // Not JSON after all (e.g. a YAML flow sequence); fall through to text rules.
    }
  }
  return redactManifestText(text);
}
