// A scenario names hooks by HookName, the chart's own list: a misspelt hook fails to compile.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { HOOK_NAMES } from '../../../harness/src/scenario/hooks.js';
import { expectHookRan, expectJob } from '../../../harness/src/scenario/dsl.js';

const chart = path.resolve('charts/demo-hooks');

describe('HookName', () => {
  it('is every key under hooks: in the chart\'s values.yaml, in its order', () => {
    const values = parse(readFileSync(path.join(chart, 'values.yaml'), 'utf8')) as { hooks: Record<string, unknown> };
    expect([...HOOK_NAMES]).toEqual(Object.keys(values.hooks));
  });

  it('has one template each in templates/hooks/', () => {
    expect(readdirSync(path.join(chart, 'templates/hooks')).filter((f) => f.endsWith('.yaml'))).toHaveLength(HOOK_NAMES.length);
  });

  it('refuses a misspelt hook when the scenario is compiled (npx tsc --noEmit checks this file)', () => {
    expect(expectJob('migration', { succeeded: true }).title).toBeDefined();
    // @ts-expect-error "migraton" is no hook of the chart
    expect(expectHookRan('migraton').title).toBe('expect hook migraton to have run');
  });
});
