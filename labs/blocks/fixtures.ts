// The committed test fixtures: reports cut down to what blocks are rendered from.
import type { LabReport } from './report.js';

/**
 * A report cut down to what blocks are rendered from, for committed test fixtures: no release
 * manifest, status, events or steps, no `helm status` output, only the Job entries of the
 * timeline. Output is unchanged, so the rendered blocks are too.
 */
export function slimReport(r: LabReport): LabReport {
  return {
    scenario: { name: r.scenario.name },
    helm: { major: r.helm.major, ...(r.helm.version ? { version: r.helm.version } : {}) },
    release: r.release,
    namespace: r.namespace,
    clusterValues: r.clusterValues,
    typedCommands: r.typedCommands,
    commands: r.commands.map((c) => ({
      args: c.args,
      exitCode: c.exitCode,
      stdout: c.args[0] === 'status' ? '' : c.stdout,
      stderr: c.stderr,
      startedAt: c.startedAt,
      durationMs: c.durationMs,
      ...(c.killedBecause ? { killedBecause: c.killedBecause } : {}),
    })),
    history: r.history ? { json: r.history.json } : null,
    ...(r.historyError ? { historyError: r.historyError } : {}),
    timeline: r.timeline.filter((e) => e.kind === 'Job'),
    pods: r.pods,
    jobs: r.jobs,
    hookLogs: r.hookLogs,
    events: r.events.filter((e) => e.type === 'Warning'),
    assertions: r.assertions.map((a) => ({ name: a.name, passed: a.passed, expected: a.expected, actual: a.actual })),
  };
}
