// `helm lint --strict` turns every warning into a failure; the chart must pass it as shipped
// and with the local cluster's values.
import { describe, expect, test } from '@jest/globals';
import { HELM_TEST_TIMEOUT_MS, chartDir, helm, localValuesFile } from './render.js';

describe('helm lint --strict', () => {
  test.each([
    ['default values', [] as string[]],
    ['values-local.yaml', ['-f', localValuesFile]],
    ['every lab switch on', ['--set', 'hooks.migration.fail=true', '--set', 'hooks.backup.sleepSeconds=30', '--set', 'hooks.notify.events={pre-upgrade}']],
  ])('is clean with %s', async (_what, extraArgs) => {
    const result = await helm(['lint', '--strict', chartDir, ...extraArgs]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
  }, HELM_TEST_TIMEOUT_MS);
});
