// When the terminal report uses colour: the rules of NO_COLOR, FORCE_COLOR and TERM=dumb.
import { colored, plain, styleFor, wantsColour } from '../../../harness/src/report/style.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('wantsColour', () => {
  it('a terminal gets colour, a pipe does not', () => {
    expect([wantsColour(tty, {}), wantsColour(pipe, {})]).toEqual([true, false]);
  });

  it('NO_COLOR (any non-empty value) and TERM=dumb turn it off', () => {
    expect(wantsColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(tty, { NO_COLOR: '' })).toBe(true);
    expect(wantsColour(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('FORCE_COLOR wins over everything, on for empty, 1, 2, 3 or true, off otherwise', () => {
    for (const value of ['', '1', '2', '3', 'true']) expect(wantsColour(pipe, { FORCE_COLOR: value, NO_COLOR: '1', TERM: 'dumb' })).toBe(true);
    for (const value of ['0', 'false']) expect(wantsColour(tty, { FORCE_COLOR: value })).toBe(false);
  });

  it('styleFor hands out the coloured or the plain style', () => {
    expect(styleFor(tty, {})).toBe(colored);
    expect(styleFor(tty, { NO_COLOR: '1' })).toBe(plain);
  });
});
