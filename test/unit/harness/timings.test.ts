// Where a run's time went, read from a real run: fixtures/pre-fail-helm3-timings.json is the JSON
// report of pre-fail on Helm 3 on the local cluster (2026-11-28), cut to the parts timings are
// computed from. The expected figures were worked out by hand from its timeline entries.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../harness/src/paths.js';
import type { TimelineEntry } from '../../../harness/src/observe/timeline.js';
import { runTimings, type RunTimings, type TimingsInput } from '../../../harness/src/report/timings.js';

type Recorded = TimingsInput & { timings: RunTimings; namespaceFate: { kept: boolean } };
const recorded = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'unit', 'harness', 'fixtures', 'pre-fail-helm3-timings.json'), 'utf8')) as Recorded;
const input: TimingsInput = { startedAt: recorded.startedAt, durationMs: recorded.durationMs, commands: recorded.commands, timeline: recorded.timeline, namespaceDeletionMs: 16066 };

describe('runTimings on a recorded pre-fail run', () => {
  const t = runTimings(input);

  it('gives each Helm command its wall time, in the order they ran', () => {
    expect(t.commands.map((c) => [c.verb, c.exitCode, c.durationMs])).toEqual([
      ['install', 0, 39614],
      ['history', 0, 281],
      ['upgrade', 1, 9722],
      ['history', 0, 407],
      ['status', 0, 463],
      ['history', 0, 557],
    ]);
  });

  it('finds the hook Jobs each command created, and none in the reads', () => {
    expect(t.commands[0]!.hooks.map((h) => [h.hook, h.outcome])).toEqual([
      ['preInstall', 'succeeded'],
      ['dbSetup', 'succeeded'],
      ['migration', 'succeeded'],
      ['healthCheck', 'succeeded'],
      ['cacheWarmup', 'succeeded'],
      ['notify', 'succeeded'],
    ]);
    expect(t.commands[2]!.hooks.map((h) => [h.hook, h.outcome])).toEqual([
      ['backup', 'succeeded'],
      ['migration', 'failed'],
    ]);
    expect(t.commands.filter((c) => c.verb !== 'install' && c.verb !== 'upgrade').flatMap((c) => c.hooks)).toEqual([]);
  });

  it('splits a hook Job into scheduling, container start, work and Job status', () => {
    // db-setup: Job created 52.682, Scheduled 52.692, container running 54.755, pod succeeded 09.147, Job succeeded 09.861.
    expect(t.commands[0]!.hooks[1]).toEqual({
      hook: 'dbSetup',
      job: 'dh-pre-fail-h3-ogbotw-demo-hooks-db-setup',
      outcome: 'succeeded',
      totalMs: 17179,
      schedulingMs: 10,
      containerStartMs: 2063,
      workMs: 14392,
      jobStatusMs: 714,
    });
    // The failing migration of the upgrade, not the install's migration Job of the same name.
    expect(t.commands[2]!.hooks[1]).toEqual({
      hook: 'migration',
      job: 'dh-pre-fail-h3-ogbotw-demo-hooks-db-migration',
      outcome: 'failed',
      totalMs: 3902,
      schedulingMs: 53,
      containerStartMs: 1631,
      workMs: 1195,
      jobStatusMs: 1023,
    });
    const install = t.commands[0]!;
    expect(install.outsideHooksMs).toBe(install.durationMs - install.hooks.reduce((s, h) => s + h.totalMs, 0));
  });

  it('counts overlapping Helm commands once and puts the rest on the harness', () => {
    // The final status and history ran side by side (41.579–42.136).
    expect(t.helmMs).toBe(39614 + 281 + 9722 + 407 + 557);
    expect(t.harnessMs).toBe(70898 - t.helmMs);
    expect(t.harness).toEqual({ beforeFirstHelmMs: 478, betweenHelmMs: 1 + 2 + 4 + 3709, afterLastHelmMs: 16123, namespaceDeletionMs: 16066 });
  });

  it('is what the harness wrote into that report', () => {
    expect(t).toEqual(recorded.timings);
  });

  it('says null for namespace deletion when the run did not wait for it', () => {
    expect(runTimings({ ...input, namespaceDeletionMs: undefined } as TimingsInput).harness.namespaceDeletionMs).toBeNull();
  });

  it('leaves out a phase the watches did not see, and times a Job the command outlived as not finished', () => {
    const upgrade = recorded.commands[2]!;
    const failing = (e: TimelineEntry) => e.name.startsWith('dh-pre-fail-h3-ogbotw-demo-hooks-db-migration-4f6r2') && e.what === 'started';
    const blind = runTimings({ ...input, timeline: recorded.timeline.filter((e) => !failing(e)) }).commands[2]!.hooks[1]!;
    expect(blind).not.toHaveProperty('containerStartMs');
    expect(blind).not.toHaveProperty('workMs');
    expect(blind.jobStatusMs).toBe(1023);

    const unfinished = runTimings({ ...input, timeline: recorded.timeline.filter((e) => !(e.kind === 'Job' && e.what === 'failed')) }).commands[2]!.hooks[1]!;
    expect(unfinished.outcome).toBe('not finished');
    expect(unfinished.totalMs).toBe(Date.parse(upgrade.startedAt) + upgrade.durationMs - Date.parse('2026-11-28T22:15:33.410Z'));
  });
});
