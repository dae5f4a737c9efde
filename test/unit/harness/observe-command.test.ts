// `demo-hooks observe`: what it reads from Helm's own arguments, and the usage errors it gives
// before Helm runs when it cannot tell which release to watch.
import { main } from '../../../harness/src/cli.js';
import { parseHelmInvocation, releaseFromHelmOutput } from '../../../harness/src/observe-command/helm-invocation.js';
import { observeArgs, resolveInvocation } from '../../../harness/src/observe-command/command.js';
import { liveEventPrinter } from '../../../harness/src/observe/live-events.js';

describe('parseHelmInvocation', () => {
  it('reads release, namespace, context and kubeconfig from every spelling Helm takes', () => {
    expect(parseHelmInvocation(['upgrade', 'web', './chart', '-n', 'team-a', '--kube-context=prod', '--kubeconfig', 'kc', '--set', 'a=b', '-f', 'v.yaml'])).toEqual({
      verb: 'upgrade',
      release: 'web',
      generateName: false,
      namespace: 'team-a',
      kubeContext: 'prod',
      kubeconfig: 'kc',
    });
    expect(parseHelmInvocation(['upgrade', '--install', '--namespace=ns', 'web', 'repo/chart', '--wait', '--timeout', '5m'])).toMatchObject({ verb: 'upgrade', release: 'web', namespace: 'ns' });
    expect(parseHelmInvocation(['install', '-nteam-b', 'db', 'oci://r/c', '--version', '1.2.3', '--atomic'])).toMatchObject({ verb: 'install', release: 'db', namespace: 'team-b' });
    expect(parseHelmInvocation(['rollback', 'web', '3', '-n', 'x'])).toMatchObject({ verb: 'rollback', release: 'web' });
    expect(parseHelmInvocation(['rollback', 'web'])).toMatchObject({ verb: 'rollback', release: 'web' });
    expect(parseHelmInvocation(['uninstall', 'web', '--wait'])).toMatchObject({ verb: 'uninstall', release: 'web' });
    expect(parseHelmInvocation(['delete', 'web'])).toMatchObject({ verb: 'uninstall', release: 'web' });
    expect(parseHelmInvocation(['test', 'web', '--logs', '--filter', 'name=x'])).toMatchObject({ verb: 'test', release: 'web' });
    expect(parseHelmInvocation(['--debug', 'install', 'web', 'c', '--dry-run=server'])).toMatchObject({ verb: 'install', release: 'web' });
  });

  it('leaves the release to Helm with --generate-name', () => {
    expect(parseHelmInvocation(['install', './chart', '--generate-name', '-n', 'x'])).toEqual({ verb: 'install', generateName: true, namespace: 'x' });
    expect(releaseFromHelmOutput('NAME: chart-1700000000\nLAST DEPLOYED: now\n')).toBe('chart-1700000000');
  });

  it('says what it cannot work out', () => {
    expect(() => parseHelmInvocation(['upgrade', 'web'])).toThrow('helm upgrade takes a release name and a chart');
    expect(() => parseHelmInvocation(['install', './chart'])).toThrow('needs a release name and a chart (or --generate-name)');
    expect(() => parseHelmInvocation(['template', 'web', 'c'])).toThrow('not "helm template"');
    expect(() => parseHelmInvocation(['uninstall', 'a', 'b'])).toThrow('one release name');
    expect(() => parseHelmInvocation(['upgrade', 'web', 'c', '-n'])).toThrow("Helm's -n has no value");
  });
});

describe('observe options', () => {
  it('resolves its paths where the user stands and splits off the Helm binary', () => {
    const args = observeArgs({ reportDir: 'out', keepGoing: true }, ['helm4', 'test', 'web'], '/home/u');
    expect(args).toMatchObject({ reportDir: '/home/u/out', keepGoing: true, helmWord: 'helm4', helmArgs: ['test', 'web'] });
  });

  it('lets --release stand in for what Helm\'s arguments do not say, and refuses a contradiction', () => {
    expect(resolveInvocation(observeArgs({ release: 'web' }, ['helm', 'mystery-plugin', 'x'], '/'))).toMatchObject({ release: 'web' });
    expect(() => resolveInvocation(observeArgs({ release: 'api' }, ['helm', 'test', 'web'], '/'))).toThrow('disagrees');
  });
});

describe('observe usage errors', () => {
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      return { code: await main(argv), stderr: out.join('') };
    } finally {
      process.stderr.write = write;
    }
  };

  it('exits 2 with one line naming the problem and the usage, before Helm runs', async () => {
    for (const [argv, says] of [
      [['observe', 'helm', 'upgrade', 'web', './c', '-n', 'x'], "unknown option '-n'"],
      [['observe', '--'], "missing required argument 'helm-command'"],
      [['observe', '--', 'helm', 'upgrade', 'web'], 'cannot tell the release from "helm upgrade web"'],
      [['observe', '--bogus', '--', 'helm', 'test', 'web'], "unknown option '--bogus'"],
    ] as const) {
      const { code, stderr } = await run([...argv]);
      expect(code).toBe(2);
      expect(stderr.split('\n')[0]).toContain(says);
      expect(stderr).toContain('Usage: demo-hooks observe [options] -- helm ARGS...');
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});

describe('live events', () => {
  it('prints each hook change once, with weight on creation and the policy on deletion', () => {
    const lines: string[] = [];
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    const print = liveEventPrinter(t0, (l) => lines.push(l), { ok: (s) => s, bad: (s) => s, warn: (s) => s, dim: (s) => s, bold: (s) => s });
    const timeline = [
      { at: at(500), kind: 'ConfigMap' as const, name: 'cfg', hook: 'cfg', what: 'created' as const, hookEvents: ['pre-install'], weight: -5, deletePolicies: [] },
      { at: at(500), kind: 'ConfigMap' as const, name: 'cfg', hook: 'cfg', what: 'succeeded' as const },
      { at: at(1000), kind: 'Job' as const, name: 'migrate', hook: 'migrate', what: 'created' as const, hookEvents: ['pre-install'], weight: 0, deletePolicies: ['hook-succeeded'] },
      { at: at(1200), kind: 'Event' as const, name: 'migrate-x', hook: 'migrate', what: 'event' as const, involvedKind: 'Pod', reason: 'Failed', message: 'Error: ErrImagePull', warning: true },
    ];
    print(timeline);
    print([...timeline, { at: at(4000), kind: 'Job' as const, name: 'migrate', hook: 'migrate', what: 'failed' as const, reason: 'DeadlineExceeded' }, { at: at(4100), kind: 'Job' as const, name: 'migrate', hook: 'migrate', what: 'deleted' as const }]);
    expect(lines).toEqual([
      '+  0.5s  ConfigMap cfg created (pre-install, weight -5)',
      '+  1.0s  Job migrate created (pre-install, weight 0)',
      '+  1.2s  Pod migrate-x Warning Failed: Error: ErrImagePull',
      '+  4.0s  Job migrate failed DeadlineExceeded',
      '+  4.1s  Job migrate deleted (delete policy hook-succeeded)',
    ]);
  });

  test('an object seen before the command started reads minus, not +-', () => {
    const lines: string[] = [];
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const print = liveEventPrinter(t0, (l) => lines.push(l), { ok: (s) => s, bad: (s) => s, warn: (s) => s, dim: (s) => s, bold: (s) => s });
    print([{ at: new Date(t0 - 400).toISOString(), kind: 'Job' as const, name: 'migrate', hook: 'migrate', what: 'created' as const, existedBefore: true }]);
    expect(lines).toEqual(['-  0.4s  Job migrate was there before this command']);
  });
});
