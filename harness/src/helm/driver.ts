// The one object scenarios use to run Helm: bound to a binary, a kubeconfig and a namespace,
// and reporting every command it runs so the JSON report can hold them all.
import { historyArgs, installArgs, rollbackArgs, statusArgs, testArgs, uninstallArgs, upgradeArgs } from './args.js';
import { parseHistory, type ReleaseHistory } from './history.js';
import { runHelm, type HelmSignal } from './run.js';
import { parseStatus, type ReleaseStatus } from './status.js';
import type {
  HelmCommandResult,
  HelmMajor,
  HelmTarget,
  InstallOptions,
  RollbackOptions,
  TestOptions,
  UninstallOptions,
  UpgradeOptions,
} from './types.js';

export interface HelmDriverConfig {
  major: HelmMajor;
  binary: string;
  target: HelmTarget;
  signal?: AbortSignal;
  cwd?: string;
  /** Called after every command, including history/status reads. */
  onCommand?: (result: HelmCommandResult) => void;
}

export interface Read<T> {
  command: HelmCommandResult;
  /** Undefined when Helm failed (e.g. "release: not found" after an uninstall). */
  value?: T;
}

export class HelmDriver {
  readonly major: HelmMajor;
  readonly target: HelmTarget;

  constructor(private readonly config: HelmDriverConfig) {
    this.major = config.major;
    this.target = config.target;
  }

  /** `sendSignal` interrupts Helm on purpose, as a person would with Ctrl-C or `kill -9`. */
  install(release: string, chart: string, opts?: InstallOptions, sendSignal?: HelmSignal): Promise<HelmCommandResult> {
    return this.run(installArgs(this.major, release, chart, this.target, opts), sendSignal);
  }

  /** `sendSignal` interrupts Helm on purpose, as a person would with Ctrl-C or `kill -9`. */
  upgrade(release: string, chart: string, opts?: UpgradeOptions, sendSignal?: HelmSignal): Promise<HelmCommandResult> {
    return this.run(upgradeArgs(this.major, release, chart, this.target, opts), sendSignal);
  }

  rollback(release: string, revision?: number, opts?: RollbackOptions): Promise<HelmCommandResult> {
    return this.run(rollbackArgs(this.major, release, revision, this.target, opts));
  }

  uninstall(release: string, opts?: UninstallOptions): Promise<HelmCommandResult> {
    return this.run(uninstallArgs(this.major, release, this.target, opts));
  }

  test(release: string, opts?: TestOptions): Promise<HelmCommandResult> {
    return this.run(testArgs(release, this.target, opts));
  }

  async history(release: string): Promise<Read<ReleaseHistory>> {
    const command = await this.run(historyArgs(release, this.target));
    return command.exitCode === 0 ? { command, value: parseHistory(command.stdout) } : { command };
  }

  async status(release: string): Promise<Read<ReleaseStatus>> {
    const command = await this.run(statusArgs(release, this.target));
    return command.exitCode === 0 ? { command, value: parseStatus(command.stdout) } : { command };
  }

  /** "v3.22.0" / "v4.3.1"; not reported as a scenario command. */
  async version(): Promise<string> {
    const result = await runHelm(this.config.binary, this.major, ['version', '--short']);
    return result.exitCode === 0 ? (result.stdout.trim().split('+')[0] ?? '') : `unknown (${result.stderr.trim()})`;
  }

  private async run(args: string[], sendSignal?: HelmSignal): Promise<HelmCommandResult> {
    const result = await runHelm(this.config.binary, this.major, args, {
      ...(this.config.signal ? { signal: this.config.signal } : {}),
      ...(this.config.cwd ? { cwd: this.config.cwd } : {}),
      ...(sendSignal ? { sendSignal } : {}),
    });
    this.config.onCommand?.(result);
    return result;
  }
}
