// A second release in the run's namespace, for scenarios that compare two fates side by side
// (killed-upgrade: one Helm stopped with Ctrl-C, one with kill -9). Its name is the run's release
// plus a suffix, so the harness's labels, selectors and clean-up find it like the first.
import { stepTitle, type Step } from '../types.js';

/** Runs `steps` against `<release><suffix>` instead of the run's release. */
export function onRelease(suffix: string, steps: Step[]): Step[] {
  if (!/^-[a-z0-9]{1,2}$/.test(suffix)) throw new Error(`release suffix "${suffix}" must be a dash and one or two characters, so that names stay under 63`);
  return steps.map((step) => ({
    title: (major, release) => `[release …${suffix}] ${stepTitle(step, major, release)}`,
    run: (ctx) => step.run({ ...ctx, release: `${ctx.release}${suffix}` }),
    ...(step.name ? { name: step.name } : {}),
    ...(step.records ? { records: step.records } : {}),
  }));
}
