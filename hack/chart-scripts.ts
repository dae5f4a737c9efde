// The shell scripts embedded in charts/demo-hooks, taken from `helm template` as Kubernetes will
// run them: every container whose command is [/bin/sh, -c, SCRIPT], rendered with every switch
// that changes a script. On kind they run under busybox ash, so they must be plain POSIX sh.
//
// usage: npx tsx hack/chart-scripts.ts [DIR]   shellchecks each script (-s sh); exits 1 on any finding
//                                              DIR: also writes each to DIR/<render>/<owner>.<container>.sh
import { execa } from 'execa';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { runHelmUnredacted } from '../harness/src/helm/run.js';
import { requireHelm } from '../harness/src/tools.js';

const chartDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../charts/demo-hooks');
const HOOK_KEYS = ['preInstall', 'dbSetup', 'migration', 'backup', 'healthCheck', 'cacheWarmup', 'notify', 'preRollback', 'postRollback', 'preDelete', 'cleanup'];

export interface ScriptRender {
  /** --set expressions */
  set: readonly string[];
  /** shellcheck codes this render may break, and why that is intended. */
  allow?: { codes: readonly string[]; why: string };
}

/**
 * One render per way a script can come out: the defaults, then each lab switch that adds or
 * removes lines (values.yaml names them). Every hook is on in every render.
 */
export const SCRIPT_RENDERS: Readonly<Record<string, ScriptRender>> = {
  defaults: { set: [] },
  failing: {
    set: [...HOOK_KEYS.map((h) => `hooks.${h}.fail=true`), 'tests.fail=true', 'app.initFail=true'],
    // A failing hook prints why and exits before its own work, so that work is unreachable: that is the switch.
    allow: { codes: ['SC2317'], why: 'the fail switch exits before the work on purpose' },
  },
  sleeping: { set: HOOK_KEYS.map((h) => `hooks.${h}.sleepSeconds=5`) },
  // The migration hook applies a subset; the cleanup hook keeps the backup volume.
  'migrations-up-to-002': { set: ['hooks.migration.upTo=002'] },
  'keep-backups': { set: ['hooks.cleanup.keepBackups=true'] },
};

export interface ChartScript {
  render: string;
  /** "Job/lab-demo-hooks-db-migration", "Deployment/lab-demo-hooks" */
  owner: string;
  container: string;
  script: string;
}

/** The /bin/sh -c scripts of every container and init container in a rendered manifest. */
export function scriptsOf(manifest: string, render: string): ChartScript[] {
  return parseAllDocuments(manifest).flatMap((document) => {
    const doc = document.toJS() as { kind?: string; metadata?: { name?: string }; spec?: any } | null;
    if (!doc?.kind) return [];
    const spec = doc.kind === 'Pod' ? doc.spec : doc.spec?.template?.spec;
    if (!spec) return [];
    const owner = `${doc.kind}/${doc.metadata?.name ?? ''}`;
    return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].flatMap((c: { name: string; command?: string[] }) => {
      const [shell, flag, script] = c.command ?? [];
      return shell === '/bin/sh' && flag === '-c' && script !== undefined ? [{ render, owner, container: c.name, script }] : [];
    });
  });
}

/** Renders the chart once per SCRIPT_RENDERS entry and returns every embedded script. */
export async function chartScripts(): Promise<ChartScript[]> {
  const helm = await requireHelm(3);
  const renders = await Promise.all(
    Object.entries(SCRIPT_RENDERS).map(async ([render, { set }]) => {
      const args = ['template', 'lab', chartDir, '--namespace', 'labs', ...set.flatMap((s) => ['--set', s])];
      const result = await runHelmUnredacted(helm, args);
      if (result.exitCode !== 0) throw new Error(`helm ${args.join(' ')} exited ${result.exitCode}:\n${result.stderr}`);
      return scriptsOf(result.stdout, render);
    }),
  );
  return renders.flat();
}

/** shellcheck -s sh over one script of a render; ok with no finding beyond what the render allows. */
export async function shellcheck(s: ChartScript): Promise<{ ok: boolean; findings: string }> {
  const allowed = SCRIPT_RENDERS[s.render]?.allow?.codes ?? [];
  const exclude = allowed.length ? [`--exclude=${allowed.join(',')}`] : [];
  const result = await execa('shellcheck', ['--shell=sh', '--format=gcc', ...exclude, '-'], { input: s.script, reject: false });
  if (result.exitCode !== 0 && result.exitCode !== 1) throw new Error(`shellcheck could not run (exit ${result.exitCode}): ${result.stderr || result.message}`);
  return { ok: result.exitCode === 0, findings: result.stdout };
}

export function scriptFileName(s: ChartScript): string {
  return path.join(s.render, `${s.owner.replace('/', '-')}.${s.container}.sh`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  const scripts = await chartScripts();
  let failed = 0;
  for (const s of scripts) {
    const { ok, findings } = await shellcheck(s);
    if (!ok) {
      failed += 1;
      process.stdout.write(`${s.owner} (${s.container}, render "${s.render}"):\n${findings}\n`);
    }
    if (dir) {
      const file = path.join(dir, scriptFileName(s));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, s.script);
    }
  }
  process.stdout.write(`shellcheck -s sh: ${scripts.length - failed} of ${scripts.length} scripts embedded in the chart clean\n`);
  process.exitCode = failed ? 1 : 0;
}
