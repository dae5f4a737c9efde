// How a suite shows its runs while they run. In a terminal: a task list (listr2), one task per run,
// its steps as subtasks, and under the running step the hook events as the observer sees them.
// Anywhere else (CI logs, a pipe): plain lines, each tagged with its run, hook events timed from
// the run's start. Reports wait for the task list to end in a terminal, so that it is not torn.
import { Listr, type ListrDefaultRenderer, type ListrSimpleRenderer, type ListrTaskWrapper } from 'listr2';
import { liveEventPrinter } from '../observe/live-events.js';
import { shownText } from './cluster-text.js';
import type { RunWatcher } from '../scenario/runner.js';
import { mapWithConcurrency } from '../util/pool.js';
import type { StepResult } from './model.js';
import type { Style } from './style.js';

export interface ProgressItem {
  /** e.g. "pre-fail h3" */
  label: string;
  steps: readonly string[];
}

/** What one run tells the display. */
export interface RunDisplay {
  /** A line about the run that is not a step or a hook event (its namespace, an assertion); shown visible, as cluster text. */
  line(text: string): void;
  watcher: RunWatcher;
}

export interface SuiteProgress {
  /** Runs work for every item, at most concurrency at a time; the results keep the items' order. */
  run<T>(items: readonly ProgressItem[], concurrency: number, work: (index: number, display: RunDisplay) => Promise<T>, summary: (result: T) => string): Promise<T[]>;
  /** A finished run's report: printed now, or once the task list has ended. */
  report(text: string): void;
}

export function lineProgress(print: (text: string) => void, style: Style): SuiteProgress {
  return {
    run: (items, concurrency, work) =>
      mapWithConcurrency(items, concurrency, (item, index) => {
        const tag = style.dim(`[${item.label}]`);
        const say = (text: string) => print(`${tag} ${text}`);
        const events = hookEvents(style, (l) => say(`  ${l}`));
        return work(index, {
          line: (text) => say(shownText(text)),
          watcher: {
            runStarted: events.runStarted,
            stepStarted: (_, title) => say(`▶ ${title}`),
            stepEnded: () => undefined,
            timelineChanged: events.timelineChanged,
          },
        });
      }),
    report: print,
  };
}

type Task = ListrTaskWrapper<unknown, ListrDefaultRenderer, ListrSimpleRenderer>;

/** How many hook events stay visible under the running step. */
const EVENT_LINES = 8;

/**
 * The runs as a live task list. listr2 holds every other write to stdout and stderr until the list
 * ends (its ProcessOutput), so what Ctrl-C starts is said in the list itself: under each running
 * run's current step, and in its title, once `interrupt` aborts.
 */
export function taskListProgress(print: (text: string) => void, style: Style, interrupt?: AbortSignal): SuiteProgress {
  const reports: string[] = [];
  return {
    async run<T>(items: readonly ProgressItem[], concurrency: number, work: (index: number, display: RunDisplay) => Promise<T>, summary: (result: T) => string) {
      const results: T[] = [];
      const failures: unknown[] = [];
      const list = new Listr(
        items.map((item, index) => ({
          title: item.label,
          task: (_: unknown, task: Task) => {
            const steps = item.steps.map(() => settable<StepResult | undefined>());
            let target: { output: string } = task;
            const say = (text: string) => {
              target.output = text;
            };
            const events = hookEvents(style, say);
            const done = work(index, {
              line: (text) => say(shownText(text)),
              watcher: {
                runStarted: (release, namespace) => {
                  events.runStarted(release, namespace);
                  task.title = `${item.label} · ${namespace}`;
                },
                stepStarted: () => undefined,
                stepEnded: (i, step) => steps[i]?.set(step),
                timelineChanged: events.timelineChanged,
              },
            }).then(
              (result) => {
                results[index] = result;
                task.title = `${item.label}: ${summary(result)}`;
              },
              (err: unknown) => {
                failures.push(err);
              },
            );
            const stopping = () => {
              const why = interrupt?.reason instanceof Error ? interrupt.reason.message : 'interrupted';
              say(style.warn(`${why}: stopping Helm and removing this run's namespace (press Ctrl-C again to leave it)`));
              task.title = `${item.label}: stopping (${why})`;
            };
            interrupt?.addEventListener('abort', stopping, { once: true });
            // Steps the run never reached (it stopped, or could not start) end with it.
            void done.finally(() => {
              interrupt?.removeEventListener('abort', stopping);
              steps.forEach((s) => s.set(undefined));
            });
            return task.newListr(
              [
                ...item.steps.map((title, i) => ({
                  title,
                  task: async (_c: unknown, sub: Task) => {
                    target = sub;
                    const step = await steps[i]!.promise;
                    if (!step || step.outcome === 'skipped') return sub.skip(`${title} (skipped)`);
                    if (step.outcome === 'failed') throw new Error(`${title}: ${step.assertions.filter((a) => !a.passed).length} assertion(s) failed`);
                    if (step.outcome === 'error') throw new Error(`${title}: ${shownText(step.error ?? 'error')}`);
                  },
                  rendererOptions: { outputBar: EVENT_LINES },
                })),
                {
                  title: 'final state, reports and clean-up',
                  task: async (_c: unknown, sub: Task) => {
                    target = sub;
                    await done;
                  },
                },
              ],
              { concurrent: false, exitOnError: false },
            );
          },
        })),
        {
          concurrent: concurrency,
          exitOnError: false,
          // Ctrl-C belongs to the CLI's interrupt handling (stop Helm, remove namespaces), not to listr2's exit.
          registerSignalListeners: false,
          rendererOptions: { collapseSubtasks: false, formatOutput: 'wrap', showErrorMessage: true, collapseErrors: true },
        },
      );
      await list.run();
      reports.splice(0).forEach(print);
      if (failures.length) throw failures[0];
      return results;
    },
    report: (text) => reports.push(text),
  };
}

/**
 * The hook events of one run as lines, timed from the run's start; object names lose the release's
 * prefix, which every one of them carries ("<release>-demo-hooks-db-migration").
 */
function hookEvents(style: Style, print: (line: string) => void): Pick<RunWatcher, 'runStarted' | 'timelineChanged'> {
  let prefix = '';
  const printer = liveEventPrinter(Date.now(), print, style, (name) => (prefix && name.startsWith(prefix) ? `…${name.slice(prefix.length - 1)}` : name));
  return {
    runStarted: (release) => {
      prefix = `${release}-`;
    },
    timelineChanged: printer,
  };
}

function settable<T>(): { promise: Promise<T>; set(value: T): void } {
  let set!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    set = resolve;
  });
  return { promise, set };
}
