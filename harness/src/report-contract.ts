// The JSON report's contract, written once. Every shape a report holds is a TypeBox schema here;
// from them come the TypeScript types (the modules that produce each part re-export its type),
// harness/report.schema.json (hack/report-schema.ts; a unit test checks it is current) and the
// validator that reads a report back (report/read.ts: labs, `demo-hooks report`, `picture`, bench).
//
// A leaf: it imports nothing of the harness, so helm/, kube/ and observe/ can take their types
// from it without an arrow pointing up. A schema with an `$id` is a named definition of
// report.schema.json; report/json-schema.ts turns each use of it into a $ref.
// Bump JSON_REPORT_VERSION (below) when the shape of JsonReport changes.
import { Type, type Static, type TLiteral, type TObject, type TProperties, type TUnion, type ObjectOptions } from '@sinclair/typebox';

/** A closed object: a property the contract does not name is an error. */
const closed = <T extends TProperties>(properties: T, options: ObjectOptions = {}): TObject<T> => Type.Object(properties, { additionalProperties: false, ...options });

/** One of a few strings (or numbers). */
function oneOf<const V extends readonly (string | number)[]>(values: V, options: { description?: string } = {}): TUnion<TLiteral<V[number]>[]> {
  return Type.Union(values.map((v) => Type.Literal(v)), options);
}

const text = (description?: string) => Type.String(description ? { description } : {});
const optionalText = (description?: string) => Type.Optional(text(description));
const int = (description?: string) => Type.Integer(description ? { description } : {});
const ms = (description?: string) => Type.Number(description ? { description } : {});
const texts = (description?: string) => Type.Array(Type.String(), description ? { description } : {});

// ---------------------------------------------------------------------------------------------
// Helm

/** The Helm majors the harness drives. */
export const HELM_MAJORS = [3, 4] as const;
export const HelmMajor = oneOf(HELM_MAJORS);
export type HelmMajor = Static<typeof HelmMajor>;

export const HelmCommandResult = closed(
  {
    args: Type.Array(Type.String(), { description: 'The arguments after the binary, exactly as passed.' }),
    exitCode: int('-1 when Helm did not exit on its own (killed by a deadline or Ctrl-C).'),
    stdout: text('Output with Secret data redacted (helm/redact.ts); otherwise as Helm printed it.'),
    stderr: text(),
    durationMs: ms(),
    startedAt: text(),
    helmMajor: HelmMajor,
    killedBecause: optionalText('Set when the harness stopped Helm, e.g. "scenario deadline".'),
    signalledOnPurpose: optionalText('The signal a scenario sent Helm on purpose (Ctrl-C, kill -9), and the moment it was sent.'),
  },
  { description: 'One Helm invocation as it happened. Callers decide what a non-zero exit means.' },
);
export type HelmCommandResult = Static<typeof HelmCommandResult>;

export const HistoryEntry = closed(
  {
    revision: int(),
    updated: optionalText(),
    status: text('unknown, deployed, uninstalled, superseded, failed, uninstalling, pending-install, pending-upgrade or pending-rollback.'),
    chart: text(),
    appVersion: text(),
    description: text(),
    rollbackRevision: Type.Optional(int('Helm 4 names the revision a rollback went back to; Helm 3 only says so in the description.')),
  },
  { $id: 'historyEntry', description: 'One row of `helm history -o json`, typed.' },
);
export type HistoryEntry = Static<typeof HistoryEntry>;

export const ReleaseHistory = closed(
  {
    stdout: text('`helm history -o json` exactly as Helm printed it.'),
    json: Type.Unknown(),
    entries: Type.Array(HistoryEntry),
  },
  { $id: 'releaseHistory', description: 'The history as Helm printed it plus the typed view.' },
);
export type ReleaseHistory = Static<typeof ReleaseHistory>;

export const HookRun = closed(
  {
    name: text(),
    kind: text(),
    path: text(),
    events: texts(),
    weight: Type.Number(),
    deletePolicies: texts(),
    lastRun: closed({ phase: text(), startedAt: optionalText(), completedAt: optionalText() }),
  },
  { $id: 'hookRun', description: 'A hook of `helm status -o json`, with its last run.' },
);
export type HookRun = Static<typeof HookRun>;

export const ReleaseStatus = closed(
  {
    name: text(),
    namespace: text(),
    revision: int(),
    status: text(),
    description: text(),
    firstDeployed: optionalText(),
    lastDeployed: optionalText(),
    hooks: Type.Array(HookRun),
    config: Type.Record(Type.String(), Type.Unknown(), { description: 'The values given to this revision (user-supplied, not computed).' }),
    json: Type.Unknown({ description: 'Redacted release JSON without the chart’s templates, which are large and never asserted on.' }),
  },
  { $id: 'releaseStatus', description: '`helm status -o json`: the parts the harness reasons about, and a redacted copy of the rest.' },
);
export type ReleaseStatus = Static<typeof ReleaseStatus>;

// ---------------------------------------------------------------------------------------------
// Kubernetes objects as the report summarises them

/** Hook objects that do not run: the observer only notes when they come and go. */
export const INSTANT_HOOK_KINDS = ['ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding'] as const;
export const ObservedKind = oneOf(['Job', 'Pod', 'Event', ...INSTANT_HOOK_KINDS] as const);
export type ObservedKind = Static<typeof ObservedKind>;

export const ContainerSummary = closed(
  {
    name: text(),
    state: oneOf(['waiting', 'running', 'terminated', 'unknown'] as const),
    exitCode: Type.Optional(int('Of this run once terminated; while waiting for a restart, of the last run.')),
    reason: optionalText(),
    restarts: int(),
  },
  { $id: 'container' },
);
export type ContainerSummary = Static<typeof ContainerSummary>;

export const PodSummary = closed(
  {
    name: text(),
    hook: optionalText(),
    jobName: optionalText('The Job that owns the pod, for hook pods.'),
    appVersion: optionalText(),
    phase: text(),
    ready: Type.Boolean(),
    terminating: Type.Boolean(),
    exitCode: Type.Optional(int('The first non-zero exit code of a container, else 0 once every container exited.')),
    reason: optionalText(),
    containers: Type.Array(ContainerSummary),
    initContainers: Type.Optional(Type.Array(ContainerSummary, { description: 'Present when the pod has init containers.' })),
    createdAt: optionalText(),
  },
  { $id: 'pod' },
);
export type PodSummary = Static<typeof PodSummary>;

export const JobSummary = closed(
  {
    name: text(),
    hook: optionalText(),
    state: oneOf(['running', 'succeeded', 'failed'] as const),
    reason: optionalText('Reason of the Failed condition, e.g. BackoffLimitExceeded or DeadlineExceeded.'),
    message: optionalText(),
    active: int(),
    succeededPods: int(),
    failedPods: int(),
    createdAt: optionalText(),
  },
  { $id: 'job' },
);
export type JobSummary = Static<typeof JobSummary>;

export const EventSummary = closed(
  {
    at: optionalText(),
    type: text(),
    reason: text(),
    object: text('kind/name of the involved object.'),
    message: text(),
    count: int(),
  },
  { $id: 'event', description: 'A Kubernetes Event.' },
);
export type EventSummary = Static<typeof EventSummary>;

// ---------------------------------------------------------------------------------------------
// What the observer saw

export const TimelineWhat = oneOf(['created', 'started', 'succeeded', 'failed', 'deleted', 'event'] as const);
export type TimelineWhat = Static<typeof TimelineWhat>;

export const TimelineEntry = closed(
  {
    at: text('ISO time the harness saw it; relative times in reports are computed from this.'),
    kind: ObservedKind,
    name: text('For an Event: the involved object’s name.'),
    hook: optionalText('The hook the object belongs to: demo-hooks’ values name (migration, …), else the hook object’s name.'),
    hookEvents: Type.Optional(texts('On created entries of objects carrying helm.sh/hook: its events.')),
    weight: Type.Optional(int('On created entries: helm.sh/hook-weight (Helm’s default 0).')),
    deletePolicies: Type.Optional(texts('On created entries: helm.sh/hook-delete-policy; empty means Helm’s default, before-hook-creation.')),
    existedBefore: Type.Optional(Type.Boolean({ description: 'On created entries: the object was there before the watch began.' })),
    what: TimelineWhat,
    exitCode: Type.Optional(int()),
    reason: optionalText(),
    message: optionalText(),
    involvedKind: optionalText('For Events: the involved object’s kind.'),
    warning: Type.Optional(Type.Boolean({ description: 'For Events: Kubernetes called it a Warning.' })),
  },
  { $id: 'timelineEntry', description: 'A change to a Job or Pod, a hook object coming or going, or a Kubernetes Event.' },
);
export type TimelineEntry = Static<typeof TimelineEntry>;

/** Of a log a run kept whole in a file beside the reports (report/files.ts). */
const logFileFields = {
  logFile: optionalText('Where the whole log was written beside the reports, relative to the working directory.'),
  logCut: optionalText('Present when log holds only the log’s end: what was left out, and where the whole is.'),
};

export const HookLog = closed(
  {
    hook: text(),
    pod: text(),
    container: text(),
    exitCode: Type.Optional(int()),
    terminatedAt: text('ISO time the container was seen terminated.'),
    log: text(),
    error: optionalText('Why the log could not be read, e.g. the pod was deleted first.'),
    ...logFileFields,
  },
  { $id: 'hookLog', description: 'A hook container’s log, saved the moment it terminated.' },
);
export type HookLog = Static<typeof HookLog>;

/** A time the API server did not answer /readyz (kube/api-health.ts). */
export const ApiOutage = closed(
  {
    server: text('The API server, as the kubeconfig names it.'),
    from: text('ISO time of the first question it did not answer.'),
    to: optionalText('ISO time it answered again; absent if it never did while the run lived.'),
    lastError: text('e.g. "connect ECONNREFUSED 127.0.0.1:6443" or "no answer within 2s".'),
    said: Type.Boolean({ description: 'Whether it lasted long enough (kube/api-health.ts SILENT_AFTER_MS) to be said live.' }),
  },
  { $id: 'apiOutage', description: 'A time the API server did not answer.' },
);
export type ApiOutage = Static<typeof ApiOutage>;

/** When one watch was not receiving (kube/watch.ts). */
export const WatchGap = Type.Object({
  from: text('ISO time.'),
  to: optionalText('ISO time; absent while the gap lasts.'),
  reason: text('Why the stream ended, e.g. "connect ECONNREFUSED 127.0.0.1:6443".'),
  closedBy: Type.Optional(
    oneOf(['resumed', 'relisted'] as const, {
      description:
        'resumed: the watch went on from the last resourceVersion it had seen, and the changes since arrived late. relisted: that version had expired (410 Gone), so an object created and deleted inside the gap was never seen.',
    }),
  ),
});
export type WatchGap = Static<typeof WatchGap>;

export const ObserverGap = Type.Composite([Type.Object({ watch: Type.Union(ObservedKind.anyOf, { description: 'Which of the observer’s watches was not receiving.' }) }), WatchGap], {
  $id: 'observerGap',
  additionalProperties: false,
  description: 'A time one of the observer’s watches was not receiving; hook assertions over one are refused.',
});
export type ObserverGap = Static<typeof ObserverGap>;

// ---------------------------------------------------------------------------------------------
// What the run did and claimed

export const AssertionResult = closed(
  {
    name: text(),
    passed: Type.Boolean(),
    expected: text(),
    actual: text(),
    diff: optionalText('Lines prefixed "- " (expected) and "+ " (actual); absent when passed.'),
  },
  { $id: 'assertion', description: 'One claim of the lab: what was expected and what the run showed.' },
);
export type AssertionResult = Static<typeof AssertionResult>;

export const TypedCommandResult = closed(
  {
    command: text('The command as the guide shows it, with demo for the namespace.'),
    exitCode: int('-1 when the shell did not exit on its own (killed by a deadline or Ctrl-C).'),
    stdout: text('Secret data redacted, otherwise as printed.'),
    stderr: text(),
    startedAt: text(),
    durationMs: ms(),
    killedBecause: optionalText(),
  },
  { description: 'One command the guide shows, as it ran.' },
);
export type TypedCommandResult = Static<typeof TypedCommandResult>;

/** "not cleaned up": every step passed, but removing the run's namespace failed or left something. */
export const RunOutcome = oneOf(['passed', 'failed', 'timed out', 'error', 'interrupted', 'not cleaned up', 'environment'] as const);
export type RunOutcome = Static<typeof RunOutcome>;
export const StepOutcome = oneOf(['passed', 'failed', 'error', 'skipped'] as const);
export type StepOutcome = Static<typeof StepOutcome>;

export const StepResult = closed(
  {
    title: text(),
    outcome: StepOutcome,
    durationMs: ms(),
    assertions: Type.Array(AssertionResult),
    commands: Type.Array(Type.Integer(), { description: 'Indexes into commands of the Helm commands this step ran.' }),
    typed: Type.Optional(Type.Array(Type.Integer(), { description: 'Indexes into typedCommands of the guide’s commands this step typed.' })),
    error: optionalText(),
  },
  { $id: 'step' },
);
export type StepResult = Static<typeof StepResult>;

export const PodLog = closed({ pod: text(), container: text(), log: text(), ...logFileFields }, { $id: 'podLog' });
export type PodLog = Static<typeof PodLog>;

export const Diagnostics = closed(
  {
    podLogs: Type.Array(PodLog, { description: 'Logs of non-hook pods that were not ready when the run ended (hook logs are always kept).' }),
    warnings: Type.Array(EventSummary),
    observerErrors: texts(),
  },
  { $id: 'diagnostics' },
);
export type Diagnostics = Static<typeof Diagnostics>;

export const NamespaceFate = closed(
  {
    kept: Type.Boolean(),
    why: text(),
    inspect: Type.Optional(texts('Commands to look around in a kept namespace.')),
    cleanupError: optionalText(),
    leftBehind: Type.Optional(texts('What was still there when removing the namespace gave up, e.g. "pod/x (Running)".')),
    inBackground: Type.Optional(
      Type.Boolean({ description: 'Deletion was started and the run did not wait for it; the suite or the next run checks the namespace went.' }),
    ),
  },
  { $id: 'namespaceFate' },
);
export type NamespaceFate = Static<typeof NamespaceFate>;

// ---------------------------------------------------------------------------------------------
// Where the time went (report/timings.ts)

export const HookJobTiming = closed(
  {
    hook: text(),
    job: text(),
    outcome: text('succeeded, failed, or "not finished" when the command ended first.'),
    totalMs: ms('Job created → Job finished (or → the end of the command).'),
    schedulingMs: Type.Optional(ms('Job created → its pod scheduled (→ pod created when no Scheduled event was seen).')),
    containerStartMs: Type.Optional(ms('→ the pod’s container running: image, sandbox, network.')),
    workMs: Type.Optional(ms('→ the pod finished: the hook’s own script.')),
    jobStatusMs: Type.Optional(ms('→ the Job marked finished by the Job controller.')),
  },
  {
    $id: 'hookJobTiming',
    description: 'One hook Job from created to finished; each phase ends where the next begins, and a phase the watches did not see is left out.',
  },
);
export type HookJobTiming = Static<typeof HookJobTiming>;

export const CommandTiming = closed(
  {
    index: Type.Integer({ minimum: 0, description: 'Index into the report’s commands.' }),
    verb: text('Helm’s verb: install, upgrade, history, …'),
    exitCode: int(),
    durationMs: Type.Number({ minimum: 0 }),
    hooks: Type.Array(HookJobTiming),
    outsideHooksMs: Type.Number({ minimum: 0, description: 'The command’s time outside its hook Jobs: rendering, applying objects, Helm’s own waits.' }),
  },
  { $id: 'commandTiming' },
);
export type CommandTiming = Static<typeof CommandTiming>;

export const RunTimings = closed(
  {
    runMs: Type.Number({ minimum: 0, description: 'The run as the harness timed it, from creating its namespace to settling it.' }),
    helmMs: Type.Number({ minimum: 0, description: 'Every Helm command; overlapping ones (the final status and history) counted once.' }),
    harnessMs: ms('runMs - helmMs.'),
    harness: closed({
      beforeFirstHelmMs: ms('Namespace, lease, watches.'),
      betweenHelmMs: ms('Assertions and the reads they make.'),
      afterLastHelmMs: ms('Observer stopped, diagnostics, the namespace settled.'),
      namespaceDeletionMs: Type.Union([Type.Number(), Type.Null()], {
        description: 'Of afterLastHelmMs: deleting the namespace and waiting for it to be gone; null when the run did not wait (kept, or deleted in the background).',
      }),
    }),
    commands: Type.Array(CommandTiming),
  },
  {
    $id: 'runTimings',
    description: 'Where the run’s time went: Helm per command, each hook Job’s phases, the harness around Helm. Milliseconds on the harness’s clock.',
  },
);
export type RunTimings = Static<typeof RunTimings>;

// ---------------------------------------------------------------------------------------------
// The report

/**
 * 1: the first published shape.
 * 2: adds observerGaps, the outcome "not cleaned up" and namespaceFate.leftBehind.
 * 3: adds timings (report/timings.ts).
 * 4: adds typedCommands (the guide's own commands, as typed into bash), steps[].typed and clusterValues.
 * 5: adds logFile and logCut to hookLogs[] and diagnostics.podLogs[]: a log longer than JSON_LOG_BYTES
 *    (report/json.ts) is kept to its end, the whole of it in its file beside the report.
 * 6: adds apiOutages and the outcome "environment": the API server stopped answering for the
 *    grace period, and the run was stopped (exit 3).
 * 7: adds helm.versionInNames: the exact release, when one invocation ran two releases of a major.
 */
export const JSON_REPORT_VERSION = 7;

export const Scenario = closed({ name: text(), title: text(), seedStep: text(), description: text() });
export const HelmUsed = closed({
  major: HelmMajor,
  version: text('What `helm version` printed, e.g. v3.18.6; empty when it could not be asked.'),
  binary: text(),
  versionInNames: optionalText(
    'The release asked for (--helm 3,3.18.6), only when the invocation ran more than one release of this major: then the report’s file (pre-fail-helm-v3.18.6.json) and JUnit names carry it. Absent, they carry the major alone.',
  ),
});

export const ReportCommand = Type.Composite(
  [Type.Object({ index: Type.Integer(), command: text('The command line as typed, e.g. helm3 upgrade ...') }), HelmCommandResult],
  { $id: 'command', additionalProperties: false, description: 'One Helm command as the report holds it: its place in the run and the command line as typed.' },
);
export type ReportCommand = Static<typeof ReportCommand>;

export const ReportTypedCommand = Type.Composite([Type.Object({ index: Type.Integer() }), TypedCommandResult], {
  $id: 'typedCommand',
  additionalProperties: false,
  description: 'One of the guide’s own commands as the report holds it: its place among them, then how it ran.',
});
export type ReportTypedCommand = Static<typeof ReportTypedCommand>;

export const JsonReport = closed(
  {
    reportVersion: Type.Literal(JSON_REPORT_VERSION),
    scenario: Scenario,
    helm: HelmUsed,
    runId: text(),
    release: text(),
    namespace: text(),
    outcome: RunOutcome,
    reason: optionalText('Why the run did not pass, in one sentence.'),
    startedAt: text(),
    durationMs: ms(),
    deadlineSeconds: Type.Number(),
    summary: closed({ assertions: Type.Integer(), failed: Type.Integer() }),
    steps: Type.Array(StepResult),
    commands: Type.Array(ReportCommand),
    typedCommands: Type.Array(ReportTypedCommand, {
      description: 'The guide’s own commands, typed into bash with the guide’s set-up (labs/setup.sh) at the step where the guide shows them.',
    }),
    clusterValues: optionalText('The values file passed with -f, which the guides’ commands call "$CLUSTER_VALUES"; absent for observed runs.'),
    history: Type.Union([Type.Null(), ReleaseHistory], { description: '`helm history -o json` at the end of the run; null when there was no release left.' }),
    historyError: optionalText(),
    status: Type.Union([Type.Null(), ReleaseStatus]),
    statusError: optionalText(),
    timeline: Type.Array(TimelineEntry),
    pods: Type.Array(PodSummary),
    jobs: Type.Array(JobSummary),
    events: Type.Array(EventSummary, { description: 'Kubernetes Events in the namespace at the end of the run.' }),
    hookLogs: Type.Array(HookLog),
    observerGaps: Type.Array(ObserverGap, { description: 'Every time one of the observer’s watches was not receiving; hook assertions over one were refused.' }),
    apiOutages: Type.Array(ApiOutage, { description: 'Every time the API server did not answer for a few seconds while the run lived.' }),
    assertions: Type.Array(AssertionResult),
    diagnostics: Type.Optional(Diagnostics),
    namespaceFate: NamespaceFate,
    timings: RunTimings,
  },
  {
    title: 'demo-hooks scenario run report',
    description:
      'reports/<scenario>-helm<N>.json (or -helm-v<release>.json, see helm.versionInNames), written by the harness for every run (harness/src/report-contract.ts JsonReport). reportVersion changes when this shape does.',
  },
);
export type JsonReport = Static<typeof JsonReport>;

// ---------------------------------------------------------------------------------------------
// The parts of a report its readers need. Each is cut from JsonReport's own parts, so a full
// report is always one; they also hold for the labs' committed fixtures, cut-down reports.

/** Only the name is needed; the rest may be there. */
const scenarioNamed = Type.Composite([Type.Pick(Scenario, ['name']), Type.Partial(Type.Omit(Scenario, ['name']))], { additionalProperties: false });
const helmOfMajor = Type.Composite([Type.Pick(HelmUsed, ['major']), Type.Partial(Type.Omit(HelmUsed, ['major']))], { additionalProperties: false });
const historyAsPrinted = Type.Union([Type.Null(), Type.Object({ json: Type.Unknown() })], { description: 'The history as Helm printed it; the rest may be there.' });

export const LabCommand = Type.Composite(
  [Type.Pick(HelmCommandResult, ['args', 'exitCode', 'stdout', 'stderr', 'startedAt', 'durationMs']), Type.Partial(Type.Pick(HelmCommandResult, ['killedBecause', 'signalledOnPurpose']))],
  { $id: 'labCommand', additionalProperties: false, description: 'A Helm command as the labs read it.' },
);
export type LabCommand = Static<typeof LabCommand>;

/**
 * The part of a report the labs render their blocks from. Every JsonReport is one; the labs'
 * committed fixtures are reports cut down to it (labs/blocks/fixtures.ts slimReport).
 */
export const LabReport = Type.Object(
  {
    scenario: scenarioNamed,
    helm: helmOfMajor,
    release: text(),
    namespace: text(),
    clusterValues: text('The values file the guides call "$CLUSTER_VALUES" (reports from reportVersion 4 on).'),
    commands: Type.Array(Type.Union([ReportCommand, LabCommand])),
    typedCommands: Type.Array(ReportTypedCommand),
    history: historyAsPrinted,
    historyError: optionalText(),
    timeline: Type.Array(TimelineEntry),
    pods: Type.Array(PodSummary),
    jobs: Type.Array(JobSummary),
    hookLogs: Type.Array(HookLog),
    events: Type.Array(EventSummary),
    assertions: Type.Array(AssertionResult),
  },
  {
    $id: 'labReport',
    additionalProperties: true,
    description: 'The part of a report the labs render from; the labs’ fixtures are cut down to it.',
  },
);
export type LabReport = Static<typeof LabReport>;

/**
 * What the HTML report and `demo-hooks picture` draw from: any report a run wrote, of an observed
 * run too (no clusterValues) and of earlier report versions, and the labs' fixtures.
 */
export const HtmlReportInput = Type.Object({
  scenario: scenarioNamed,
  helm: helmOfMajor,
  release: text(),
  namespace: text(),
  outcome: Type.Optional(RunOutcome),
  reason: optionalText(),
  commands: Type.Array(
    Type.Composite([Type.Pick(HelmCommandResult, ['args', 'exitCode', 'startedAt', 'durationMs']), Type.Partial(Type.Pick(HelmCommandResult, ['stdout', 'stderr', 'killedBecause']))]),
  ),
  history: historyAsPrinted,
  timeline: Type.Array(TimelineEntry),
  pods: Type.Array(PodSummary),
  hookLogs: Type.Array(HookLog),
  assertions: Type.Optional(Type.Array(AssertionResult)),
});
export type HtmlReportInput = Static<typeof HtmlReportInput>;
