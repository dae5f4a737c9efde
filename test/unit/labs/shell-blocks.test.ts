// The guide's own commands: how their names are put in for a run, how what they print is
// normalised, how `shell` and `took` render, and what the paste test pastes.
import { execa } from 'execa';
import path from 'node:path';
import { commandForRun } from '../../../harness/src/guide/names.js';
import { repoRoot } from '../../../harness/src/paths.js';
import { check, normaliseShellText, parseSpec, realignTables, renderBlock, renderFromReport, renderPasted, reportKey, type LabReport } from '../../../labs/blocks.js';
import { blockText, guideCommands, pasteParts, repeatedCommands } from '../../../labs/paste.js';
import { RELEASE, smallReport } from './fixtures/small-report.js';

const NS = RELEASE;

function withTyped(r: LabReport = smallReport()): LabReport {
  return {
    ...r,
    typedCommands: [
      {
        index: 0,
        command: 'kubectl get pods -n demo',
        exitCode: 0,
        stdout: [
          'NAME                                                  READY   STATUS    RESTARTS   AGE',
          'demo-demo-hooks-67cf9c89b8-xsmrd                      1/1     Running   0          64s',
          'demo-demo-hooks-db-migration-2mv8t                    0/1     Error     0          4s',
        ].join('\n'),
        stderr: '',
        startedAt: '2026-11-21T13:43:00.000Z',
        durationMs: 300,
      },
      { index: 1, command: 'kubectl logs -n demo job/demo-demo-hooks-backup-2', exitCode: 1, stdout: '', stderr: `Error from server (NotFound): jobs.batch "demo-demo-hooks-backup-2" not found`, startedAt: '2026-11-21T13:43:01.000Z', durationMs: 200 },
    ],
  };
}

describe('commandForRun', () => {
  it('puts the run’s namespace where the guide says -n demo or namespace demo, and leaves the release and the chart alone', () => {
    expect(commandForRun('helm history demo -n demo', NS)).toBe(`helm history demo -n ${NS}`);
    expect(commandForRun('kubectl logs -n demo job/demo-demo-hooks-db-migration', NS)).toBe(`kubectl logs -n ${NS} job/demo-demo-hooks-db-migration`);
    expect(commandForRun('helm install demo charts/demo-hooks --namespace=demo -f "$CLUSTER_VALUES"', NS)).toBe(`helm install demo charts/demo-hooks --namespace=${NS} -f "$CLUSTER_VALUES"`);
    expect(commandForRun('fresh() { kubectl delete namespace demo --wait && kubectl create namespace demo; }', NS)).toBe(
      `fresh() { kubectl delete namespace ${NS} --wait && kubectl create namespace ${NS}; }`,
    );
    expect(commandForRun('kubectl get pods -n demo -L demo-hooks.dev/app-version', NS)).toBe(`kubectl get pods -n ${NS} -L demo-hooks.dev/app-version`);
  });

  it('never touches a name that only starts with demo: another release, a Service host, a namespace of that name', () => {
    // Lab 06's third release is demo-n (the killed-upgrade scenario's onRelease('-n')), not a rewrite of demo.
    expect(commandForRun('helm uninstall demo-n -n demo', NS)).toBe(`helm uninstall demo-n -n ${NS}`);
    expect(commandForRun('kubectl get pods -n demo-n', NS)).toBe('kubectl get pods -n demo-n');
    expect(commandForRun('kubectl get namespace demo.example', NS)).toBe('kubectl get namespace demo.example');
    expect(commandForRun('curl http://demo-demo-hooks.demo.svc/ -n demo_x', NS)).toBe('curl http://demo-demo-hooks.demo.svc/ -n demo_x');
  });
});

describe('normaliseShellText', () => {
  it('replaces kubectl’s ages and re-aligns the table around them', () => {
    expect(normaliseShellText('NAME   READY   AGE   APP-VERSION\nweb-x   1/1   64s   1.0.0\ndb   0/1   2m5s', [])).toBe(
      'NAME    READY   AGE     APP-VERSION\ndb      0/1     <age>\nweb-x   1/1     <age>   1.0.0',
    );
  });

  it('re-aligns describe’s indented Events table, and leaves key: value lines alone', () => {
    const text = ['Start Time:   Sat, 28 Nov 2026 22:19:26 +0000', 'Events:', '  Type     Reason   Age   From  Message', '  ----     ------   ----  ----  -------', '  Warning  Backoff  13s   job   Job has reached the limit'].join('\n');
    expect(normaliseShellText(text, []).split('\n')).toEqual([
      'Start Time:   <time>',
      'Events:',
      '  Type      Reason    Age     From   Message',
      '  ----      ------    ----    ----   -------',
      '  Warning   Backoff   <age>   job    Job has reached the limit',
    ]);
  });

  it('puts the rows of a NAME table in the order of their normalised names', () => {
    expect(normaliseShellText('NAME   READY\ndemo-demo-hooks-f7c9d8b6b5-bcdfg   1/1\ndemo-demo-hooks-db-migration-x2x4z   0/1', [])).toBe(
      'NAME                                 READY\ndemo-demo-hooks-db-migration-xxxxx   0/1\ndemo-demo-hooks-xxxxxxxxxx-xxxxx     1/1',
    );
  });

  it('leaves prose without a header alone', () => {
    expect(realignTables('demo-hooks: hook migration started  (release demo)')).toBe('demo-hooks: hook migration started  (release demo)');
  });
});

describe('shell N', () => {
  it('is the typed command, its normalised output and its exit code', () => {
    expect(renderFromReport(withTyped(), parseSpec('pre-fail helm3 shell 1'))).toBe(
      ['$ kubectl get pods -n demo', 'NAME                                 READY   STATUS    RESTARTS   AGE', 'demo-demo-hooks-db-migration-xxxxx   0/1     Error     0          <age>', 'demo-demo-hooks-xxxxxxxxxx-xxxxx     1/1     Running   0          <age>', '[exit code 0]'].join('\n'),
    );
    expect(renderFromReport(withTyped(), parseSpec('pre-fail helm3 shell 2'))).toBe(
      '$ kubectl logs -n demo job/demo-demo-hooks-backup-2\nError from server (NotFound): jobs.batch "demo-demo-hooks-backup-2" not found\n[exit code 1]',
    );
    expect(() => renderFromReport(withTyped(), parseSpec('pre-fail helm3 shell 3'))).toThrow(/typed 2 of the guide's commands, not 3/);
  });

  it('renders what a pasted command printed exactly as the recording', () => {
    const r = withTyped();
    const c = r.typedCommands[0]!;
    const spec = parseSpec('pre-fail helm3 shell 1');
    expect(renderPasted(spec, { typed: [c.command], exitCode: 0, stdout: c.stdout.replace(/64s/, '3m'), stderr: '' }, [NS])).toBe(renderFromReport(r, spec));
    expect(renderPasted(spec, { typed: [c.command], exitCode: 1, stdout: '', stderr: 'No resources found' }, [NS])).not.toBe(renderFromReport(r, spec));
  });
});

describe('helm3,helm4 blocks', () => {
  it('give both counts when Helm 3 and Helm 4 differ only in how many lines a cut left out', () => {
    const h3 = smallReport();
    const h4: LabReport = { ...h3, helm: { major: 4 }, commands: h3.commands.map((c, i) => (i === 0 ? { ...c, stdout: `${c.stdout}\nDESCRIPTION: Install complete` } : c)) };
    const reports = new Map([h3, h4].map((r) => [reportKey(r.scenario.name, r.helm.major), r]));
    expect(renderBlock(parseSpec('pre-fail helm3,helm4 command 1 stdout=2'), reports)).toContain('… (5 more lines on Helm 3, 6 on Helm 4)');
    expect(() => renderBlock(parseSpec('pre-fail helm3,helm4 command 1 stdout=9'), reports)).toThrow(/helm3 and helm4 differ/);
  });
});

describe('took N', () => {
  it('says how long command N took on each Helm and which hook Jobs ran meanwhile, in one line of prose', () => {
    const h3 = smallReport();
    const h4: LabReport = { ...h3, helm: { major: 4 }, commands: h3.commands.map((c) => ({ ...c, durationMs: c.durationMs + 2400 })) };
    const reports = new Map([h3, h4].map((r) => [reportKey(r.scenario.name, r.helm.major), r]));
    const text = renderBlock(parseSpec('pre-fail helm3,helm4 took 2'), reports);
    expect(text).toMatch(/^\*This command took 1 s on Helm 3 and 3 s on Helm 4 in the recorded runs, with nothing on screen until it ended: Helm waited for the hook Job `backup`\.\*$/);
    // The window is the command's own run: the migration Job came after Helm 3's command had ended.
    expect(renderBlock(parseSpec('pre-fail helm3 took 2'), reports)).not.toContain('migration');
  });

  it('is rewritten by render, but a duration that differs in other runs is no drift for --check', () => {
    const h3 = smallReport();
    const guide = { path: 'labs/x.md', text: '<!-- expected: pre-fail helm3 took 2 -->\n*This command took 99 s*\n<!-- /expected -->' };
    expect(check([guide], new Map([[reportKey('pre-fail', 3), h3]]))).toEqual({ differences: [], problems: [] });
    const jobs = { path: 'labs/y.md', text: '<!-- expected: pre-fail helm3 jobs -->\n```text\nold\n```\n<!-- /expected -->' };
    expect(check([jobs], new Map([[reportKey('pre-fail', 3), h3]])).differences).toHaveLength(1);
  });
});

describe('the commands a guide shows', () => {
  const guide = [
    'Set up, then:',
    '```sh',
    'fresh          # a new namespace',
    '```',
    '<!-- expected: pre-fail helm3 command 1 stdout=1 -->',
    '```text',
    '$ helm install demo charts/demo-hooks -n demo \\',
    '    -f "$CLUSTER_VALUES"',
    'NAME: demo',
    '[exit code 0]',
    '```',
    '<!-- /expected -->',
    '<!-- expected: pre-fail helm4 command 1 stdout=1 -->',
    '```text',
    '$ helm install demo charts/demo-hooks -n demo -f "$CLUSTER_VALUES"',
    '```',
    '<!-- /expected -->',
    '<!-- expected: pre-fail helm3,helm4 timeline 1 -->',
    '```text',
    '(harness summary: …)',
    '```',
    '<!-- /expected -->',
    '```sh',
    'fresh',
    'kubectl get pods \\',
    '  -n demo',
    '```',
  ].join('\n');

  it('are the shell fences’ commands and the commands at the top of recording blocks, in order', () => {
    expect(guideCommands(guide).map((c) => [c.line, c.text, c.block?.spec.source ?? ''])).toEqual([
      [3, 'fresh          # a new namespace', ''],
      [5, 'helm install demo charts/demo-hooks -n demo \\\n    -f "$CLUSTER_VALUES"', 'pre-fail helm3 command 1 stdout=1'],
      [13, 'helm install demo charts/demo-hooks -n demo -f "$CLUSTER_VALUES"', 'pre-fail helm4 command 1 stdout=1'],
      [24, 'fresh', ''],
      [25, 'kubectl get pods \\\n  -n demo', ''],
    ]);
  });

  it('compare with the count of their own Helm where a helm3,helm4 block gives both', () => {
    const b = { spec: parseSpec('pre-fail helm3,helm4 command 1 stdout=1'), startLine: 0, endLine: 4, body: '```text\n$ helm install\n… (44 more lines on Helm 3, 45 on Helm 4)\n```' };
    expect(blockText(b, 3)).toBe('$ helm install\n… (44 more lines)');
    expect(blockText(b, 4)).toBe('$ helm install\n… (45 more lines)');
  });

  it('are pasted in parts that start with fresh, leaving out the blocks of the other Helm', () => {
    expect(pasteParts(guideCommands(guide), 3).map((p) => p.map((c) => c.line))).toEqual([[3, 5], [24, 25]]);
    expect(pasteParts(guideCommands(guide), 4).map((p) => p.map((c) => c.line))).toEqual([[3, 13], [24, 25]]);
  });

  it('start a part only at fresh: a guide that begins without it pastes its first commands as a part of their own', () => {
    const g = ['```sh', 'kubectl get pods -n demo', '```', '```sh', 'fresh', 'helm history demo -n demo', '```'].join('\n');
    expect(pasteParts(guideCommands(g), 3).map((p) => p.map((c) => c.text))).toEqual([['kubectl get pods -n demo'], ['fresh', 'helm history demo -n demo']]);
  });

  it('are not pasted twice: a fence command that the blocks right after the fence show again is found, however it is wrapped', () => {
    const twice = [
      '```sh',
      'helm upgrade demo charts/demo-hooks -n demo \\',
      '  --set app.version=2.0.0',
      'helm test demo -n demo --logs',
      '```',
      '<!-- expected: helm-test helm3 command 3 -->',
      '```text',
      '$ helm upgrade demo charts/demo-hooks -n demo --set app.version=2.0.0',
      '```',
      '<!-- /expected -->',
      '<!-- expected: helm-test helm4 command 4 -->',
      '```text',
      '$ helm test demo -n demo --logs',
      '```',
      '<!-- /expected -->',
      '```sh',
      'kubectl get pods -n demo',
      '```',
      '<!-- expected: pre-fail helm3 shell 1 -->',
      '```text',
      '$ helm test demo -n demo --logs',
      '```',
      '<!-- /expected -->',
    ].join('\n');
    expect(repeatedCommands(guideCommands(twice)).map((c) => c.line)).toEqual([2, 4]);
    // The same command in a later fence's blocks is a second run the guide asks for, not a repeat.
    const later = ['```sh', 'helm test demo -n demo --logs', '```', '```sh', 'kubectl get pods -n demo', '```', '<!-- expected: pre-fail helm3 shell 1 -->', '```text', '$ helm test demo -n demo --logs', '```', '<!-- /expected -->'];
    expect(repeatedCommands(guideCommands(later.join('\n')))).toEqual([]);
    expect(repeatedCommands(guideCommands(guide))).toEqual([]);
  });
});

describe('labs/bin/helm', () => {
  const helm = path.join(repoRoot, 'labs', 'bin', 'helm');
  const run = (env: Record<string, string>) => execa(helm, ['version'], { reject: false, env: { PATH: process.env.PATH ?? '', HELM3: '/bin/echo', HELM4: '/usr/bin/printf', ...env }, extendEnv: false });

  it('runs Helm $HELM_VERSION, 3 when unset, and switches back as the variable does', async () => {
    expect((await run({})).stdout).toBe('version');
    expect((await run({ HELM_VERSION: '4' })).stdout).toBe('version');
    expect((await run({ HELM_VERSION: '4' })).command).toContain(helm);
    // echo adds a newline, printf does not: which binary ran shows in the raw output.
    expect((await execa('sh', ['-c', `HELM_VERSION=3 ${helm} x | od -c | head -1`], { env: { HELM3: '/bin/echo' } })).stdout).toContain('x  \\n');
    expect((await execa('sh', ['-c', `HELM_VERSION=4 ${helm} x | od -c | head -1`], { env: { HELM4: '/usr/bin/printf' } })).stdout).not.toContain('\\n');
  });

  it('refuses any other version, naming the variable and what it accepts', async () => {
    const r = await run({ HELM_VERSION: '5' });
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 2, stderr: 'labs/bin/helm: HELM_VERSION=5 is not a Helm version: use 3 or 4' });
  });
});
