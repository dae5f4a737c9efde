// demo-hooks observe [options] -- helm ARGS...: any chart's Helm command, run unchanged under the
// observer; Helm's exit code is the answer. The work is in observe-command/.
import { CliCommand, logBytesOption, logLinesOption } from '../cli/command.js';
import { EnvironmentError } from '../cli/errors.js';
import type { Verb } from './verb.js';

/** What `demo-hooks observe --help` adds after the options. */
const OBSERVE_HELP = `
"helm" is the helm on PATH (or any path); "helm3" or "helm4" is the pinned build (.tools/bin, or
$HELM3/$HELM4). The release, namespace, --kube-context and --kubeconfig are read from Helm's own
arguments; --namespace and --release are for when they cannot be. Exits with Helm's exit code.
Ctrl-C stops Helm and still writes the reports. observe never deletes anything.

Example:
  demo-hooks observe -- helm upgrade --install web ./chart -n team-a --set image.tag=1.4.2`;


export const observeVerb: Verb = ({ printFitted: print, style, width, interrupts }) =>
  new CliCommand('observe')
    .description("run a Helm command on your own chart unchanged, watch its hooks, and write JSON, JUnit and HTML reports")
    .usage('[options] -- helm ARGS...')
    .argument('<helm-command...>', 'helm (on PATH), helm3 or helm4 (the pinned builds), then its arguments')
    .option('--report-dir <dir>', 'a directory for the reports', 'reports')
    .option('--junit <file>', 'the JUnit file (default: next to the JSON report)')
    .option('--html <file>', 'the HTML report (default: next to the JSON report)')
    .option('--keep-going', 'after Helm exits, keep watching until every hook Job and Pod has ended')
    .option('--namespace <ns>', "the namespace, when Helm's arguments do not say it")
    .option('--release <name>', "the release, when Helm's arguments do not say it")
    .addOption(logLinesOption())
    .addOption(logBytesOption())
    .addHelpText('after', OBSERVE_HELP)
    .runs(async (command) => {
      // Loaded here, not above: the Kubernetes client takes seconds to load, and --help needs none of it.
      const { observeArgs, observeCommand, ObserveEnvironmentError, ObserveUsageError } = await import('../observe-command/command.js');
      try {
        const args = observeArgs(command.opts(), command.args, process.cwd());
        return await interrupts.cleaningUp(
          {
            onFirst: (signal) => process.stderr.write(`\n${signal}: stopping Helm; the reports are still written (press Ctrl-C again to leave at once, without them)\n`),
            again: 'leave',
          },
          () => observeCommand(args, { print, style, width, interrupt: interrupts.signal, interruptedExitCode: () => interrupts.exitCode() }),
        );
      } catch (err) {
        if (err instanceof ObserveUsageError) command.usageError(err.message);
        if (err instanceof ObserveEnvironmentError) throw new EnvironmentError(err.message);
        throw err;
      }
    });
