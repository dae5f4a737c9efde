// Every shell script the chart embeds, as `helm template` renders it with each lab switch, passes
// `shellcheck -s sh`: on kind these scripts run under busybox ash, not bash or dash.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { chartScripts, SCRIPT_RENDERS, shellcheck, type ChartScript } from '../../../hack/chart-scripts.js';
import { HOOKS } from './render.js';

const T = 120_000;

describe('the scripts embedded in the chart', () => {
  let scripts: ChartScript[];
  beforeAll(async () => {
    scripts = await chartScripts();
  }, T);

  test('every render holds every hook Job, the test pod and the app containers', () => {
    for (const render of Object.keys(SCRIPT_RENDERS)) {
      const owners = scripts.filter((s) => s.render === render).map((s) => `${s.owner}:${s.container}`);
      for (const hook of HOOKS) expect(owners.some((o) => o.startsWith(`Job/${hook.job}`))).toBe(true);
      expect(owners).toEqual(expect.arrayContaining(['Pod/lab-demo-hooks-test-connection:test-connection', 'Deployment/lab-demo-hooks:web', 'Deployment/lab-demo-hooks:wait-for-db']));
    }
  });

  test(
    'each passes shellcheck -s sh',
    async () => {
      const failures: string[] = [];
      for (const s of scripts) {
        const { ok, findings } = await shellcheck(s);
        if (!ok) failures.push(`${s.owner} ${s.container} (render "${s.render}"):\n${findings}`);
      }
      expect(failures).toEqual([]);
    },
    T,
  );

  test('the check fails on a bashism, and a render that allows one code still fails on another', async () => {
    const script = (render: string, text: string): ChartScript => ({ render, owner: 'Job/x', container: 'x', script: text });
    const bashism = await shellcheck(script('defaults', 'if [[ -n "$HOME" ]]; then echo home; fi\n'));
    expect(bashism.ok).toBe(false);
    expect(bashism.findings).toContain('SC3010');
    const unreachable = 'exit 1\necho never\n';
    expect((await shellcheck(script('defaults', unreachable))).ok).toBe(false);
    expect((await shellcheck(script('failing', unreachable))).ok).toBe(true);
    expect((await shellcheck(script('failing', `${unreachable}[[ -n "$HOME" ]]\n`))).ok).toBe(false);
  });
});
