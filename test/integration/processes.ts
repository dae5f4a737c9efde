// Processes by pid, from /proc: the children a process started, what binary each one runs, and
// whether one is still alive. Linux only, as the local cluster is.
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';

/** Every descendant of pid, children first. */
export function descendants(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`, { withFileTypes: true }).flatMap((task) => {
    try {
      return readFileSync(`/proc/${pid}/task/${task.name}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return []; // the thread ended while we read
    }
  });
  return children.flatMap((child) => [child, ...safe(() => descendants(child), [])]);
}

/** The descendants of pid running this binary (compared by real path, so a symlink or a renamed copy is found too). */
export function descendantsRunning(pid: number, binary: string): number[] {
  const target = realpathSync(binary);
  return descendants(pid).filter((p) => safe(() => readlinkSync(`/proc/${p}/exe`), '') === target);
}

/** Alive means running or sleeping; a zombie has ended and only waits for its parent to reap it. */
export function isAlive(pid: number): boolean {
  const stat = safe(() => readFileSync(`/proc/${pid}/stat`, 'utf8'), '');
  if (!stat) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
