// Which Job object a hook has: its uid and start time, noted at one point of a scenario and
// compared later. The evidence for "Helm took the old Job's result without running it again".
import { assertion } from '../../assert/result.js';
import { selector } from '../../kube/labels.js';
import { listJobs } from '../../kube/resources.js';
import { toIso } from '../../kube/summaries.js';
import type { Step, StepContext } from '../types.js';
import type { HookName } from '../hooks.js';

interface JobIdentity {
  uid: string;
  startTime: string;
}

async function currentJob(ctx: StepContext, hook: string): Promise<JobIdentity | string> {
  const jobs = await listJobs(ctx.kube, ctx.namespace, selector.hook(ctx.release, hook));
  if (jobs.length !== 1) return `${jobs.length} Jobs of hook ${hook}`;
  const job = jobs[0]!;
  return { uid: job.metadata?.uid ?? '', startTime: toIso(job.status?.startTime) ?? '(not started)' };
}

const describe = (j: JobIdentity | string) => (typeof j === 'string' ? j : `uid ${j.uid}, started ${j.startTime}`);

/**
 * `note` records the hook's one Job; `expectSame` checks that the hook's one Job is still that Job,
 * started at the same moment, i.e. nobody created or ran it again. Notes are kept per run (its namespace; every run's release is `demo`), so
 * Helm 3 and Helm 4 runs of a scenario do not share them.
 */
export function hookJobIdentity(hook: HookName): { note: Step; expectSame: Step } {
  const noted = new Map<string, JobIdentity>();
  return {
    note: {
      title: `note the uid and start time of hook ${hook}'s Job`,
      async run(ctx) {
        const job = await currentJob(ctx, hook);
        ctx.check(assertion(`hook ${hook} has one Job to note`, typeof job !== 'string', `one Job of hook ${hook}`, describe(job)));
        if (typeof job !== 'string') noted.set(ctx.namespace, job);
      },
    },
    expectSame: {
      title: `expect hook ${hook}'s Job to be the one noted (same uid, same start time)`,
      async run(ctx) {
        const before = noted.get(ctx.namespace);
        const now = await currentJob(ctx, hook);
        const same = before !== undefined && typeof now !== 'string' && now.uid === before.uid && now.startTime === before.startTime;
        ctx.check(assertion(`hook ${hook}'s Job is the one noted before`, same, before ? describe(before) : '(nothing was noted)', describe(now)));
      },
    },
  };
}
