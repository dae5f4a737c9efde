// Rendering each kind of block from a small report, and rewriting a guide with it.
import {
  BlockError,
  asLabReport,
  check,
  fence,
  parseSpec,
  renderBlock,
  renderFromReport,
  reportKey,
  slimReport,
  unifiedDiff,
  updateGuide,
  type LabReport,
} from '../../../labs/blocks.js';
import { smallReport } from './fixtures/small-report.js';

const render = (spec: string, report: LabReport = smallReport()) => renderFromReport(report, parseSpec(spec));
/** A harness summary without its first line, the label that says it is one. */
const summary = (spec: string, report: LabReport = smallReport()) => render(spec, report).split('\n').slice(1).join('\n');
const reportsOf = (...reports: LabReport[]) => new Map(reports.map((r) => [reportKey(r.scenario.name, r.helm.major), r]));

describe('history', () => {
  it('is a REVISION STATUS DESCRIPTION table with the whole description on one line', () => {
    expect(summary('pre-fail helm3 history')).toBe(
      [
        'REVISION  STATUS    DESCRIPTION',
        '1         deployed  Install complete',
        '2         failed    Upgrade "demo" failed: pre-upgrade hooks failed: 1 error occurred: * job demo-demo-hooks-db-migration failed: BackoffLimitExceeded',
      ].join('\n'),
    );
  });

  it('after=N is the history the harness read right after the Nth command', () => {
    expect(summary('pre-fail helm3 history after=1')).toBe('REVISION  STATUS    DESCRIPTION\n1         deployed  Install complete');
    expect(() => summary('pre-fail helm3 history after=3')).toThrow(/has 2 helm commands besides history\/status, not 3/);
  });

  it('says what Helm said when there is no release', () => {
    const r = { ...smallReport(), history: null, historyError: 'Error: release: not found' };
    expect(summary('pre-fail helm3 history', r)).toBe('Error: release: not found');
  });
});

describe('named markers', () => {
  it('name a step of the scenario, resolved through its definition to the command the report holds', () => {
    expect(render('pre-fail helm3 command migration-fails')).toBe(render('pre-fail helm3 command 2'));
    expect(render('pre-fail helm3 command install stdout=0')).toBe(render('pre-fail helm3 command 1 stdout=0'));
    expect(summary('pre-fail helm3 history after=install')).toBe(summary('pre-fail helm3 history after=1'));
    expect(summary('pre-fail helm3 timeline migration-fails')).toBe(summary('pre-fail helm3 timeline 2'));
  });

  it('say which names there are when one is unknown, or names a step without such a command', () => {
    expect(() => render('pre-fail helm3 command migraton-fails')).toThrow('command "migraton-fails": scenario pre-fail names no step so; its steps named for this are install, migration-fails');
    expect(() => render('pre-fail helm3 command migration-log')).toThrow(/step migration-log of pre-fail runs no helm command/);
  });
});

describe('harness summaries', () => {
  it('say so on their first line, so that no one takes them for a command\'s output', () => {
    expect(render('pre-fail helm3 history after=1').split('\n')[0]).toBe('(harness summary of helm history -o json, read after command 1: the full descriptions)');
    expect(render('pre-fail helm3 pods').split('\n')[0]).toBe('(harness summary: the pods at the end of the run, not kubectl output)');
    expect(render('pre-fail helm3 hook-log backup').split('\n')[0]).toMatch(/^\(harness recording: the log of backup's pod, saved when its container ended; reports\/pre-fail-helm<3\|4>.json keeps it/);
    expect(render('pre-fail helm3 command 2').split('\n')[0]).toMatch(/^\$ helm upgrade/);
  });
});

describe('command', () => {
  it('shows the command as typed, its output and its exit code', () => {
    expect(render('pre-fail helm3 command 2')).toBe(
      [
        '$ helm upgrade demo charts/demo-hooks -n demo \\',
        '    --reset-values \\',
        '    --set app.version=2.0.0 \\',
        `    --set-json 'hooks.migration.events=["post-upgrade"]'`,
        'demo-hooks: hook migration failing on purpose (hooks.migration.fail=true), exit 1',
        'Error: UPGRADE FAILED: pre-upgrade hooks failed: 1 error occurred:',
        '    * job demo-demo-hooks-db-migration failed: BackoffLimitExceeded',
        '[exit code 1]',
      ].join('\n'),
    );
  });

  it('counts only the commands a step ran, not the harness’s history and status reads, and never drops output unsaid', () => {
    expect(render('pre-fail helm3 command 1 stdout=0')).toBe('$ helm install demo charts/demo-hooks -n demo -f "$CLUSTER_VALUES"\n… (7 more lines)\n[exit code 0]');
  });

  it('cuts long output, starts at from=, and can leave out the prompt', () => {
    expect(render('pre-fail helm3 command 1 stdout=2')).toBe(
      '$ helm install demo charts/demo-hooks -n demo -f "$CLUSTER_VALUES"\nNAME: demo\nLAST DEPLOYED: <time>\n… (5 more lines)\n[exit code 0]',
    );
    expect(render('pre-fail helm3 command 1 prompt=no from=^NOTES: stdout=1')).toBe('… (5 more lines)\nNOTES:\n… (1 more lines)');
    expect(() => render('pre-fail helm3 command 1 from=^MANIFEST:')).toThrow(/matches nothing in the output of command 1/);
  });

  it('cuts long output lines, never the command', () => {
    const text = render('pre-fail helm3 command 2 width=40');
    expect(text).toContain(`    --set-json 'hooks.migration.events=["post-upgrade"]'`);
    expect(text).toContain('Error: UPGRADE FAILED: pre-upgrade hoo …');
  });
});

describe('hook-log', () => {
  it('is the last saved log of the hook, or the Nth with HOOK#N', () => {
    expect(summary('pre-fail helm3 hook-log migration')).toBe('demo-hooks: hook migration failing on purpose (hooks.migration.fail=true), exit 1');
    expect(summary('pre-fail helm3 hook-log migration#1 head=1')).toBe('applying 001\n… (1 more lines)');
    expect(summary('pre-fail helm3 hook-log backup')).toBe(
      'Creating database backup /backup/demo-rev2.sql...\ntotal <n>\n-rw-r--r-- 1 nobody nogroup <size> <date> demo-rev2.sql',
    );
    expect(() => summary('pre-fail helm3 hook-log migration#3')).toThrow(/saved 2 log\(s\) of hook migration, not 3/);
    expect(() => summary('pre-fail helm3 hook-log cleanup')).toThrow(/saved no log of hook cleanup/);
  });
});

describe('pods and jobs', () => {
  it('lists the pods that stay, with normalised names, and leaves terminating ones out', () => {
    expect(summary('pre-fail helm3 pods')).toBe(
      [
        'NAME                                HOOK       PHASE    EXIT CODE  APP VERSION',
        'demo-demo-hooks-db-migration-xxxxx  migration  Failed   1          -',
        'demo-demo-hooks-postgresql-0        -          Running  -          -',
        'demo-demo-hooks-xxxxxxxxxx-xxxxx    -          Running  -          1.0.0',
      ].join('\n'),
    );
    expect(summary('pre-fail helm3 pods only=hooks')).toBe('NAME                                HOOK       PHASE   EXIT CODE\ndemo-demo-hooks-db-migration-xxxxx  migration  Failed  1');
  });

  it('lists the hook Jobs', () => {
    expect(summary('pre-fail helm3 jobs')).toBe('NAME                          HOOK       STATE   REASON\ndemo-demo-hooks-db-migration  migration  failed  BackoffLimitExceeded');
  });
});

describe('timeline and events', () => {
  it('lists hook Jobs created, finished and deleted during command N, without times', () => {
    expect(summary('pre-fail helm3 timeline 2')).toBe(
      [
        'HOOK       JOB                           WHAT',
        'backup     demo-demo-hooks-backup-2      created',
        'backup     demo-demo-hooks-backup-2      succeeded',
        'migration  demo-demo-hooks-db-migration  deleted',
        'migration  demo-demo-hooks-db-migration  created',
        'migration  demo-demo-hooks-db-migration  failed: BackoffLimitExceeded',
        'backup     demo-demo-hooks-backup-2      deleted',
      ].join('\n'),
    );
    expect(summary('pre-fail helm3 timeline 1').split('\n')).toHaveLength(3);
    expect(summary('pre-fail helm3 timeline').split('\n')).toHaveLength(9);
  });

  it('shows the warning Events of hook Jobs only', () => {
    expect(summary('pre-fail helm3 events')).toBe(
      'TYPE     REASON                OBJECT                            MESSAGE\nWarning  BackoffLimitExceeded  job/demo-demo-hooks-db-migration  Job has reached the specified backoff limit',
    );
    expect(summary('pre-fail helm3 events 1')).toBe('(no warning events for hooks)');
  });
});

describe('assertions', () => {
  it('marks each check, and match= picks some', () => {
    expect(summary('pre-fail helm3 assertions')).toBe('✔ helm upgrade fails\n✔ backup demo-rev2.sql exists\n✘ app runs 1.0.0');
    expect(summary('pre-fail helm3 assertions match=^backup')).toBe('✔ backup demo-rev2.sql exists');
  });
});

describe('renderBlock', () => {
  const h3 = smallReport();
  const h4 = { ...smallReport(), helm: { major: 4 as const } };

  it('fences the text, and requires helm3,helm4 to agree', () => {
    expect(renderBlock(parseSpec('pre-fail helm3,helm4 jobs'), reportsOf(h3, h4))).toBe(
      '```text\n(harness summary: the hook Jobs at the end of the run, not kubectl output)\nNAME                          HOOK       STATE   REASON\ndemo-demo-hooks-db-migration  migration  failed  BackoffLimitExceeded\n```',
    );
    const different = { ...h4, jobs: [] };
    expect(() => renderBlock(parseSpec('pre-fail helm3,helm4 jobs'), reportsOf(h3, different))).toThrow(/helm3 and helm4 differ; show them as two blocks:\n--- helm3\n\+\+\+ helm4/);
  });

  it('names the report it is missing', () => {
    expect(() => renderBlock(parseSpec('pre-fail helm4 jobs'), reportsOf(h3))).toThrow(new BlockError('no report pre-fail-helm4.json'));
  });

  it('uses a longer fence when the text holds one', () => {
    expect(fence('a\n```\nb')).toBe('````text\na\n```\nb\n````');
  });
});

describe('updateGuide and check', () => {
  const guide = { path: 'labs/x.md', text: 'Intro\n<!-- expected: pre-fail helm3 jobs -->\n```text\nold\n```\n<!-- /expected -->\nEnd\n' };
  const reports = reportsOf(smallReport());

  it('rewrites a block that differs and leaves the rest of the guide alone', () => {
    const result = updateGuide(guide, reports);
    expect(result.problems).toEqual([]);
    expect(result.text).toBe(
      'Intro\n<!-- expected: pre-fail helm3 jobs -->\n```text\n(harness summary: the hook Jobs at the end of the run, not kubectl output)\nNAME                          HOOK       STATE   REASON\ndemo-demo-hooks-db-migration  migration  failed  BackoffLimitExceeded\n```\n<!-- /expected -->\nEnd\n',
    );
    expect(result.differences).toHaveLength(1);
    expect(result.differences[0]).toMatchObject({ path: 'labs/x.md', line: 2, source: 'pre-fail helm3 jobs' });
    expect(result.differences[0]?.diff).toContain('-old');
    expect(check([{ ...guide, text: result.text }], reports)).toEqual({ differences: [], problems: [] });
  });

  it('takes a block that differs only in how many lines its cut hides as agreeing, and nothing else', () => {
    const spec = 'pre-fail helm3 command 1 prompt=no from=^NOTES: stdout=1';
    const fresh = updateGuide({ path: 'labs/z.md', text: `<!-- expected: ${spec} -->\n<!-- /expected -->\n` }, reports).text;
    expect(fresh).toContain('… (5 more lines)');
    const otherCount = { path: 'labs/z.md', text: fresh.replace('… (5 more lines)', '… (7 more lines)') };
    expect(check([otherCount], reports)).toEqual({ differences: [], problems: [] });
    const otherText = { path: 'labs/z.md', text: otherCount.text.replace('\nNOTES:\n', '\nNOTES :\n') };
    expect(check([otherText], reports).differences).toHaveLength(1);
  });

  it('reports what it cannot render, and keeps that block as it was', () => {
    const bad = { path: 'labs/y.md', text: '<!-- expected: recover helm3 jobs -->\nkept\n<!-- /expected -->\n<!-- expected: x helm3 nope -->' };
    const result = updateGuide(bad, reports);
    expect(result.text).toBe(bad.text);
    expect(result.problems).toEqual([
      'labs/y.md:1: recover helm3 jobs: no report recover-helm3.json',
      'labs/y.md: line 4: marker "x helm3 nope": unknown kind "nope" (kinds: shell, command, took, history, hook-log, pods, jobs, timeline, events, assertions)',
      'labs/y.md: line 4: block never closed with <!-- /expected -->',
    ]);
  });
});

describe('unifiedDiff', () => {
  it('marks removed and added lines around the unchanged ones', () => {
    expect(unifiedDiff(['a', 'b', 'c'], ['a', 'B', 'c'], 'guide', 'reports')).toEqual(['--- guide', '+++ reports', '@@', ' a', '-b', '+B', ' c']);
    expect(unifiedDiff(['same'], ['same'], 'x', 'y')).toEqual(['--- x', '+++ y']);
  });
});

describe('reports', () => {
  it('refuses JSON that is not a scenario report', () => {
    expect(() => asLabReport({ scenario: { name: 'x' } }, 'junk.json')).toThrow(/junk.json: not a scenario report \(no helm.major\)/);
    expect(asLabReport(smallReport(), 'ok.json').release).toBe('dh-pre-fail-h3-abc123');
  });

  it('slims a report without changing any block, and drops helm status output', () => {
    const full = smallReport();
    const slim = slimReport(full);
    expect(JSON.stringify(slim)).not.toContain('postgres-password');
    expect(slim.timeline.every((e) => e.kind === 'Job')).toBe(true);
    for (const spec of ['history', 'history after=1', 'command 1', 'command 2', 'hook-log backup', 'pods', 'jobs', 'timeline 2', 'events', 'assertions']) {
      expect(render(`pre-fail helm3 ${spec}`, slim)).toBe(render(`pre-fail helm3 ${spec}`, full));
    }
  });
});
