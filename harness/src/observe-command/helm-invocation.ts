// What a user's Helm command is about, read from Helm's own arguments: the verb, the release, the
// namespace and which cluster. Pure, so every spelling Helm accepts is tested without a cluster.

export type ObservedVerb = 'install' | 'upgrade' | 'rollback' | 'uninstall' | 'test';

const verbAliases: Record<string, ObservedVerb> = {
  install: 'install',
  upgrade: 'upgrade',
  rollback: 'rollback',
  uninstall: 'uninstall',
  un: 'uninstall',
  delete: 'uninstall',
  del: 'uninstall',
  test: 'test',
};

/** Positionals each verb takes, in Helm's words: `install [NAME] [CHART]`, `rollback <RELEASE> [REVISION]`, … */
const positionals: Record<ObservedVerb, { min: number; max: number }> = {
  install: { min: 1, max: 2 },
  upgrade: { min: 2, max: 2 },
  rollback: { min: 1, max: 2 },
  uninstall: { min: 1, max: 1 },
  test: { min: 1, max: 1 },
};

/**
 * Helm flags that take a value as the next argument (`--flag value`); every other flag is a switch
 * or is written `--flag=value`. From the flag sets of install, upgrade, rollback, uninstall and test
 * and Helm's global flags (pkg/cli/environment.go AddFlags), Helm 3 and 4.
 */
const valueFlags = new Set([
  '-n', '--namespace', '--kube-context', '--kubeconfig', '--kube-apiserver', '--kube-as-user', '--kube-as-group',
  '--kube-ca-file', '--kube-token', '--kube-tls-server-name', '--burst-limit', '--qps',
  '--registry-config', '--repository-cache', '--repository-config', '--content-cache',
  '-f', '--values', '--set', '--set-string', '--set-file', '--set-json', '--set-literal',
  '--version', '--timeout', '--description', '--repo', '--username', '--password', '--ca-file', '--cert-file',
  '--key-file', '--keyring', '--post-renderer', '--post-renderer-args', '--name-template', '--nameTemplate',
  '-o', '--output', '--history-max', '--max', '--labels', '-l', '--filter', '--deletion-propagation',
  '--cascade', '--server-side', '--field-manager', '--wait-for',
]);

export interface HelmInvocation {
  verb: ObservedVerb;
  /** Undefined only for `install --generate-name`: Helm picks it, the report reads it from Helm's output. */
  release?: string;
  generateName: boolean;
  /** As given with -n/--namespace; undefined means Helm's own default (see resolveNamespace). */
  namespace?: string;
  kubeContext?: string;
  kubeconfig?: string;
}

export class HelmInvocationError extends Error {}

/** Splits `--flag=value` and `-nvalue`-free spellings into flag and value, or undefined for a positional. */
function flagOf(arg: string): { flag: string; inlineValue?: string } | undefined {
  if (!arg.startsWith('-') || arg === '-') return undefined;
  // Cobra's short form with the value attached: -nteam-a.
  if (!arg.startsWith('--') && arg.length > 2 && valueFlags.has(arg.slice(0, 2))) return { flag: arg.slice(0, 2), inlineValue: arg.slice(2).replace(/^=/, '') };
  const eq = arg.indexOf('=');
  return eq > 0 ? { flag: arg.slice(0, eq), inlineValue: arg.slice(eq + 1) } : { flag: arg };
}

/** `args` are Helm's arguments after the binary, e.g. ["upgrade", "web", "./chart", "-n", "team-a"]. */
export function parseHelmInvocation(args: readonly string[]): HelmInvocation {
  const words: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    const f = flagOf(arg);
    if (!f) {
      words.push(arg);
      continue;
    }
    if (f.inlineValue !== undefined) {
      values.set(f.flag, f.inlineValue);
    } else if (valueFlags.has(f.flag)) {
      const value = args[i + 1];
      if (value === undefined) throw new HelmInvocationError(`Helm's ${f.flag} has no value`);
      values.set(f.flag, value);
      i += 1;
    } else {
      switches.add(f.flag);
    }
  }

  const [verbWord, ...rest] = words;
  const verb = verbWord ? verbAliases[verbWord] : undefined;
  if (!verb) {
    throw new HelmInvocationError(
      `observe runs helm install, upgrade, rollback, uninstall or test, not ${verbWord ? `"helm ${verbWord}"` : 'a bare "helm"'}`,
    );
  }
  const generateName = verb === 'install' && (switches.has('--generate-name') || switches.has('-g'));
  const { min, max } = generateName ? { min: 1, max: 1 } : positionals[verb];
  if (rest.length < min || rest.length > max) {
    throw new HelmInvocationError(
      `cannot tell the release from "helm ${[verbWord, ...rest].join(' ')}": helm ${verb} takes ${describe(verb, generateName)}`,
    );
  }
  if (verb === 'install' && !generateName && rest.length === 1) {
    throw new HelmInvocationError('helm install needs a release name and a chart (or --generate-name)');
  }
  const pick = (...flags: string[]) => flags.map((f) => values.get(f)).find((v) => v !== undefined);
  const namespace = pick('-n', '--namespace');
  const kubeContext = pick('--kube-context');
  const kubeconfig = pick('--kubeconfig');
  return {
    verb,
    ...(generateName ? {} : { release: rest[0] as string }),
    generateName,
    ...(namespace ? { namespace } : {}),
    ...(kubeContext ? { kubeContext } : {}),
    ...(kubeconfig ? { kubeconfig } : {}),
  };
}

function describe(verb: ObservedVerb, generateName: boolean): string {
  if (generateName) return 'one chart with --generate-name';
  switch (verb) {
    case 'install':
      return 'a release name and a chart';
    case 'upgrade':
      return 'a release name and a chart';
    case 'rollback':
      return 'a release name and an optional revision';
    case 'uninstall':
      return 'one release name (observe follows one release at a time)';
    case 'test':
      return 'one release name';
  }
}

/** The release name Helm printed (`NAME: …`), for `install --generate-name`. */
export function releaseFromHelmOutput(stdout: string): string | undefined {
  return /^NAME:\s*(\S+)\s*$/m.exec(stdout)?.[1];
}
