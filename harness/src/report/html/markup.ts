// Text into HTML and SVG markup, and durations as the drawings write them.
export const esc = (s: unknown) =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
