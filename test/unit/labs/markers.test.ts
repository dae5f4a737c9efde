// Finding the blocks in a guide and reading their markers.
import { parseGuide, parseSpec, tokenize } from '../../../labs/blocks.js';

describe('parseSpec', () => {
  it('reads scenario, Helm majors, kind, arguments and options', () => {
    expect(parseSpec('pre-fail helm3 history')).toMatchObject({ scenario: 'pre-fail', helms: [3], kind: 'history', args: [], options: {} });
    expect(parseSpec('atomic helm3,helm4 command 2 stdout=0 prompt=no')).toMatchObject({
      scenario: 'atomic',
      helms: [3, 4],
      kind: 'command',
      args: ['2'],
      options: { stdout: '0', prompt: 'no' },
    });
    expect(parseSpec('pre-fail helm4 hook-log migration#2 head=3')).toMatchObject({ kind: 'hook-log', args: ['migration#2'], options: { head: '3' } });
  });

  it('keeps blanks inside quotes, and \\n for a regex', () => {
    expect(tokenize('a from="x y\\nz" "b c"')).toEqual(['a', 'from=x y\\nz', 'b c']);
    expect(parseSpec('dry-run helm3 command 1 from="# Source: a\\.yaml\\napiVersion: batch/v1"').options.from).toBe('# Source: a\\.yaml\\napiVersion: batch/v1');
  });

  it('refuses what it does not know, saying what it expected', () => {
    expect(() => parseSpec('pre-fail')).toThrow(/SCENARIO helm3\|helm4/);
    expect(() => parseSpec('pre-fail helm5 history')).toThrow(/not helm3, helm4 or helm3,helm4/);
    expect(() => parseSpec('pre-fail helm3 tables')).toThrow(/unknown kind "tables"/);
    expect(() => parseSpec('pre-fail helm3 history colour=red')).toThrow(/history takes no option "colour" \(options: after, width\)/);
    expect(() => parseSpec('pre-fail helm3 command')).toThrow(/command takes 1 argument/);
    expect(() => parseSpec('pre-fail helm3 jobs extra')).toThrow(/jobs takes 0 argument/);
  });
});

describe('parseGuide', () => {
  const guide = [
    '# Lab',
    '<!-- expected: pre-fail helm3 history -->',
    '```text',
    'old',
    '```',
    '<!-- /expected -->',
    'text',
    '    <!-- expected: an indented example is no marker -->',
    '<!--expected:   pre-fail helm3,helm4 timeline 2   -->',
    '<!-- /expected -->',
  ].join('\n');

  it('finds each block, its lines and its body', () => {
    const parsed = parseGuide(guide);
    expect(parsed.errors).toEqual([]);
    expect(parsed.blocks.map((b) => [b.spec.source, b.startLine, b.endLine, b.body])).toEqual([
      ['pre-fail helm3 history', 1, 5, '```text\nold\n```'],
      ['pre-fail helm3,helm4 timeline 2', 8, 9, ''],
    ]);
  });

  it('reports unclosed, stray and bad markers by line', () => {
    expect(parseGuide('<!-- expected: a helm3 jobs -->\ntext').errors).toEqual(['line 1: block never closed with <!-- /expected -->']);
    expect(parseGuide('<!-- /expected -->').errors).toEqual(['line 1: <!-- /expected --> without an opening marker']);
    expect(parseGuide('<!-- expected: a helm3 jobs -->\n<!-- expected: b helm3 jobs -->\n<!-- /expected -->').errors).toEqual([
      'line 1: block not closed before the next one at line 2',
    ]);
    expect(parseGuide('<!-- expected: a helm9 jobs -->\n<!-- /expected -->').errors[0]).toMatch(/^line 1: marker "a helm9 jobs"/);
  });
});
