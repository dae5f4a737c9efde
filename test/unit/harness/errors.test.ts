// What the harness prints of something thrown: an Error's message, or the thrown value as text.
import { errorFirstLine, errorMessage } from '../../../harness/src/util/errors.js';

describe('errorMessage and errorFirstLine', () => {
  it('take an Error’s message, and anything else thrown as text', () => {
    expect(errorMessage(new Error('connect ECONNREFUSED'))).toBe('connect ECONNREFUSED');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });

  it('errorFirstLine keeps only an Error’s first line', () => {
    expect(errorFirstLine(new SyntaxError('Unexpected token } in JSON\n    at JSON.parse'))).toBe('Unexpected token } in JSON');
    expect(errorFirstLine('two\nlines')).toBe('two\nlines');
  });
});
