// demo-hooks atlas [NAME...]: every scenario on every Helm release of atlas/releases.yaml, each
// release built on first use, and the table of what each release does (atlas/README.md). A cell
// whose release, scenario and chart are unchanged is not run again, so an interrupted atlas goes
// on where it stopped and a new release costs only its own column.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliCommand, Option, wholeNumberFromOne } from '../cli/command.js';
import { exitCodes } from '../cli/exit-codes.js';
import { DEFAULT_LOG_LIMITS } from '../report/cluster-text.js';
import { DEFAULT_LOST_GRACE_SECONDS } from '../kube/api-health.js';
import type { HelmRelease } from '../helm/releases.js';
import { defaultReportDir, relativeToRepo, repoRoot } from '../paths.js';
import { AllWithOthersError, resolveScenarios, UnknownScenarioError } from '../scenario/registry.js';
import { helmReleases, runOnReleases } from './run.js';
import type { Verb } from './verb.js';

interface AtlasOptions {
  releases?: HelmRelease[];
  parallel: number;
  up?: boolean;
  force?: boolean;
  out: string;
}

export const atlasVerb: Verb = (ctx) =>
  new CliCommand('atlas')
    .description('run the scenarios on every Helm release of the atlas and write its table')
    .argument('[name...]', 'scenario names as `demo-hooks list` shows them (default: all)')
    .addOption(new Option('--releases <versions>', 'only these releases (3.18.6,4.1.4); default: every one of atlas/releases.yaml').argParser(helmReleases))
    .addOption(new Option('--parallel <n>', 'how many runs at a time: a whole number, 1 or more').default(2).argParser(wholeNumberFromOne()))
    .option('--up', 'first build or link the pinned tools and bring the cluster up, as `make cluster` does')
    .option('--force', 'run every cell again, even those whose release, scenario and chart are unchanged')
    .addOption(new Option('--out <dir>', 'where the cells (results/) and the table (README.md) go').default(path.join(repoRoot, 'atlas'), 'atlas'))
    .runs(async (command) => {
      const o = command.opts<AtlasOptions>();
      const [{ allScenarios }, { atlasHelmReleases }, cells, { renderAtlas }] = await Promise.all([
        import('../../../scenarios/index.js'),
        import('../atlas/releases.js'),
        import('../atlas/cells.js'),
        import('../atlas/table.js'),
      ]);
      let scenarios;
      try {
        scenarios = command.args.length ? resolveScenarios(command.args, allScenarios) : allScenarios;
      } catch (err) {
        if (err instanceof UnknownScenarioError || err instanceof AllWithOthersError) command.usageError(err.message);
        throw err;
      }
      const atlasSet = atlasHelmReleases();
      const releases = o.releases ?? atlasSet;
      const resultsDir = path.join(path.resolve(o.out), 'results');
      let exitCode: number = exitCodes.ok;
      for (const release of releases) {
        const stale = scenarios.filter((s) => o.force || !cells.isFresh(release.version, s.name, resultsDir));
        const fresh = scenarios.length - stale.length;
        if (fresh) ctx.print(ctx.style.dim(`${release.version}: ${fresh} cell(s) unchanged since they ran, not run again`));
        if (stale.length === 0) continue;
        ctx.print(ctx.style.bold(`${release.version}: ${stale.length} scenario(s)`));
        const run = await runOnReleases(
          ctx,
          stale,
          {
            helm: [release],
            parallel: o.parallel,
            ...(o.up ? { up: true } : {}),
            reportDir: path.join(defaultReportDir, 'atlas', release.version),
            values: [],
            logLines: DEFAULT_LOG_LIMITS.lines,
            logBytes: DEFAULT_LOG_LIMITS.bytes,
            lostClusterGrace: DEFAULT_LOST_GRACE_SECONDS,
          },
          (message) => command.usageError(message),
        );
        // A cut run says nothing about Helm: only runs that ended on their own become cells.
        for (const r of run.results) if (r.outcome !== 'interrupted' && r.outcome !== 'environment') cells.writeCell(cells.cellOf(r, release.version), resultsDir);
        if (run.exitCode !== exitCodes.ok && run.exitCode !== exitCodes.failed && run.exitCode !== exitCodes.notCleanedUp) return run.exitCode;
        if (run.exitCode === exitCodes.failed) exitCode = exitCodes.failed;
      }
      const columns = [...atlasSet.map((r) => r.version), ...releases.map((r) => r.version).filter((v) => !atlasSet.some((r) => r.version === v))];
      const table = path.join(path.resolve(o.out), 'README.md');
      writeFileSync(table, `${renderAtlas({ releases: columns, scenarios: allScenarios, cell: (r, s) => cells.readCell(r, s, resultsDir) })}\n`);
      ctx.print(ctx.style.dim(`atlas table: ${relativeToRepo(table)}`));
      return exitCode;
    });
