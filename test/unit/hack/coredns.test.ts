// hack/coredns builds CoreDNS with only the plugins its main registers, so a directive added to
// the local provider's Corefile without its plugin would fail only when a cluster starts
// ("Unknown directive"). These read the Corefile and main.go as text: no build, no Go toolchain.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readVersions } from '../../../harness/src/cluster/versions.js';
import { repoRoot } from '../../../harness/src/paths.js';

const coredns = path.join(repoRoot, 'hack', 'coredns');
const read = (file: string) => readFileSync(file, 'utf8');

/** The directives of a Corefile: the first word of each line directly inside a server block. */
function corefileDirectives(text: string): string[] {
  const directives: string[] = [];
  let depth = 0;
  for (const line of text.split('\n')) {
    const words = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (depth === 1 && words[0] && words[0] !== '}') directives.push(words[0]);
    depth += words.filter((w) => w === '{').length - words.filter((w) => w === '}').length;
  }
  return directives;
}

/** The `directives` list of hack/coredns/main.go, which becomes dnsserver.Directives. */
function registeredDirectives(mainGo: string): string[] {
  const list = /var directives = \[\]string\{([^}]*)\}/.exec(mainGo)?.[1];
  if (list === undefined) throw new Error('hack/coredns/main.go has no `var directives = []string{...}`');
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

/** The upstream plugin packages main.go links in. */
function pluginImports(mainGo: string): string[] {
  return [...mainGo.matchAll(/_ "github\.com\/coredns\/coredns\/plugin\/([^"]+)"/g)].map((m) => m[1]!);
}

// The one plugin whose directive is not its package's name (upstream's plugin.cfg).
const packageOf = (directive: string) => (directive === 'prometheus' ? 'metrics' : directive);

describe('hack/coredns: the plugins the Corefile needs', () => {
  const mainGo = read(path.join(coredns, 'main.go'));

  it('reads directives, not the words of their blocks or comments', () => {
    const sample = '# a comment {\n.:53 {\n    bind 10.0.0.1\n    kubernetes cluster.local {\n        pods insecure\n    }\n    cache 5 {\n        disable denial cluster.local\n    }\n    loop\n}\n';
    expect(corefileDirectives(sample)).toEqual(['bind', 'kubernetes', 'cache', 'loop']);
  });

  it("registers every directive of cluster/local/config/Corefile", () => {
    const used = corefileDirectives(read(path.join(repoRoot, 'cluster', 'local', 'config', 'Corefile')));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((d) => !registeredDirectives(mainGo).includes(d))).toEqual([]);
  });

  it('links the plugin of every directive it registers, and no plugin it does not', () => {
    expect(registeredDirectives(mainGo).map(packageOf).sort()).toEqual(pluginImports(mainGo).sort());
  });

  it('pins the CoreDNS of hack/versions.env, which names its cache directory and the kind node image tag', async () => {
    const { COREDNS_VERSION } = await readVersions();
    expect(read(path.join(coredns, 'go.mod'))).toMatch(new RegExp(`^require github\\.com/coredns/coredns ${COREDNS_VERSION!.replace(/\./g, '\\.')}$`, 'm'));
  });
});
