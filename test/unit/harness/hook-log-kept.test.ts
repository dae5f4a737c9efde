// Which copy of a hook's log a report keeps when the read at the container's end failed because
// the pod was already gone (its Job deleted by a delete policy): the followed stream, honestly.
import { logToKeep } from '../../../harness/src/observe/observer.js';

const notFound = 'HTTP-Code: 404 pods "demo-post-rollback-x" not found';

test('a followed stream that ended cleanly is the whole log, with no warning', () => {
  expect(logToKeep(notFound, { ended: true, text: 'one\ntwo\n' })).toEqual({ log: 'one\ntwo\n' });
});

test('a followed stream that broke is kept, with a warning that it may miss its end', () => {
  const kept = logToKeep(notFound, { ended: true, error: 'socket hang up', text: 'one\n' });
  expect(kept.log).toBe('one\n');
  expect(kept.error).toMatch(/^log not readable \(HTTP-Code: 404 .*; kept what was followed while it ran, which may miss its last lines$/);
});

test('a followed stream that had not ended is kept, with the same warning', () => {
  expect(logToKeep(notFound, { ended: false, text: 'one\n' }).error).toMatch(/may miss its last lines$/);
});

test('nothing followed, or nothing received: no log, and why', () => {
  for (const followed of [undefined, { ended: false, text: '' }, { ended: true, error: 'HTTP 400 from the log endpoint', text: '' }]) {
    expect(logToKeep(notFound, followed)).toEqual({ log: '', error: `log not readable (${notFound}); the pod was probably deleted by its delete policy first` });
  }
});
