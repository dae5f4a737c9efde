{{/*
Names, labels and the pieces every hook shares. Hook files under templates/hooks/ keep the
shape of a plain Job so a reader can follow one hook in one file; whatever they have in
common lives here, once.
*/}}

{{- define "demo-hooks.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Cut at 40, not 63: hook Jobs append up to 20 characters ("-post-rollback", "-backup-<revision>")
and a Job's name must fit the 63-character job-name label its pods get.
*/}}
{{- define "demo-hooks.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "demo-hooks.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The database's Service, Secret and StatefulSet share this name; hooks reach the DB by it. */}}
{{- define "demo-hooks.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "demo-hooks.fullname" .) }}
{{- end }}

{{- define "demo-hooks.backupStorage.name" -}}
{{- printf "%s-backup" (include "demo-hooks.fullname" .) }}
{{- end }}

{{/* The backup volume exists whenever a hook writes to it. */}}
{{- define "demo-hooks.backupStorage.enabled" -}}
{{- if or .Values.hooks.backup.enabled .Values.hooks.preDelete.enabled }}true{{ end }}
{{- end }}

{{/*
Job name of a hook: "<fullname>-<file name>", the name `kubectl logs job/...` needs. The backup
Job also carries the revision (like the seed's example), so each upgrade's backup is its own Job.
Call with (dict "ctx" $ "hook" "migration").
*/}}
{{- define "demo-hooks.hook.jobName" -}}
{{- $suffixes := dict
  "preInstall" "pre-install"
  "dbSetup" "db-setup"
  "migration" "db-migration"
  "backup" (printf "backup-%d" (int .ctx.Release.Revision))
  "healthCheck" "health-check"
  "cacheWarmup" "cache-warmup"
  "notify" "notify"
  "preRollback" "pre-rollback"
  "postRollback" "post-rollback"
  "preDelete" "pre-delete"
  "cleanup" "cleanup"
}}
{{- printf "%s-%s" (include "demo-hooks.fullname" .ctx) (get $suffixes .hook) }}
{{- end }}

{{/*
Selector labels: only what never changes over the release's life, because a Deployment's
or StatefulSet's selector is immutable. Call with (dict "ctx" $ "component" "web").
*/}}
{{- define "demo-hooks.selectorLabels" -}}
app.kubernetes.io/name: {{ include "demo-hooks.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels of every object. Call with (dict "ctx" $ "component" "web"). */}}
{{- define "demo-hooks.labels" -}}
helm.sh/chart: {{ include "demo-hooks.chart" .ctx }}
{{ include "demo-hooks.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: demo-hooks
{{- end }}

{{/*
Labels of every hook object (Jobs and their pods, the migrations ConfigMap, the backup PVC,
the cleanup RBAC, the test pod). Helm forgets hook objects once they ran, so these labels are
the only way to find them again:
  kubectl get jobs,pods -l app.kubernetes.io/instance=<rel>,app.kubernetes.io/component=hook
The cleanup hook deletes by the same labels. Call with (dict "ctx" $ "hook" "migration").
*/}}
{{- define "demo-hooks.hook.labels" -}}
{{ include "demo-hooks.labels" (dict "ctx" .ctx "component" "hook") }}
demo-hooks.dev/hook: {{ .hook }}
{{- end }}

{{/*
The helm.sh/hook annotations of any hook object.
Call with (dict "events" list "weight" int "deletePolicy" list).
An empty deletePolicy leaves the annotation out; Helm then applies before-hook-creation.
*/}}
{{- define "demo-hooks.hook.annotations" -}}
helm.sh/hook: {{ join "," .events | quote }}
helm.sh/hook-weight: {{ int .weight | quote }}
{{- if .deletePolicy }}
helm.sh/hook-delete-policy: {{ join "," .deletePolicy | quote }}
{{- end }}
{{- end }}

{{/*
Annotations of a hook that runs a pod (Job or test Pod): the helm.sh/hook trio plus when Helm
prints the pod's log. Call with (dict "ctx" $ "events" list "weight" int "deletePolicy" list).
*/}}
{{- define "demo-hooks.hook.podAnnotations" -}}
{{- include "demo-hooks.hook.annotations" . }}
{{- with .ctx.Values.hookDefaults.outputLogPolicy }}
helm.sh/hook-output-log-policy: {{ join "," . | quote }}
{{- end }}
{{- end }}

{{/* Annotations of a hook Job, from its values. Call with (dict "ctx" $ "hook" "migration"). */}}
{{- define "demo-hooks.hook.jobAnnotations" -}}
{{- $h := index .ctx.Values.hooks .hook }}
{{- include "demo-hooks.hook.podAnnotations" (dict "ctx" .ctx "events" $h.events "weight" $h.weight "deletePolicy" $h.deletePolicy) }}
{{- end }}

{{/*
Annotations of an object that exists only for a hook Job (its ConfigMap, its RBAC): it follows
the Job's events so a lab that moves the Job moves its companions with it, and sits 10 below
the Job's weight so it exists before the Job starts. Equal weights would not do: Helm 3 breaks
ties by name, and "<fullname>-db-migration" sorts before "<fullname>-migrations".
Call with (dict "ctx" $ "hook" "migration" "deletePolicy" list).
*/}}
{{- define "demo-hooks.hook.companionAnnotations" -}}
{{- $h := index .ctx.Values.hooks .hook }}
{{- include "demo-hooks.hook.annotations" (dict "events" $h.events "weight" (sub (int $h.weight) 10) "deletePolicy" .deletePolicy) }}
{{- end }}

{{/*
A per-hook override, or the hookDefaults value when the override is null or absent.
`default` cannot be used: it would replace an explicit 0 override.
Call with (dict "ctx" $ "hook" "migration" "key" "backoffLimit").
*/}}
{{- define "demo-hooks.hook.setting" -}}
{{- $h := index .ctx.Values.hooks .hook }}
{{- $v := index $h .key }}
{{- if kindIs "invalid" $v }}{{ $v = index .ctx.Values.hookDefaults .key }}{{ end }}
{{- int $v }}
{{- end }}

{{/* The Job-level limits of a hook. Call with (dict "ctx" $ "hook" "migration"). */}}
{{- define "demo-hooks.hook.jobLimits" -}}
backoffLimit: {{ include "demo-hooks.hook.setting" (merge (dict "key" "backoffLimit") .) }}
activeDeadlineSeconds: {{ include "demo-hooks.hook.setting" (merge (dict "key" "activeDeadlineSeconds") .) }}
{{- $ttl := .ctx.Values.hookDefaults.ttlSecondsAfterFinished }}
{{- if not (kindIs "invalid" $ttl) }}
ttlSecondsAfterFinished: {{ int $ttl }}
{{- end }}
{{- end }}

{{/*
Pod settings of every hook pod. Only the cleanup pod talks to the API server, so only it
gets a token mounted (pass "serviceAccountName"); every other pod has none to leak.
Call with (dict "ctx" $) or (dict "ctx" $ "serviceAccountName" "x").
*/}}
{{- define "demo-hooks.hook.podSettings" -}}
restartPolicy: Never
# How long the pod has between SIGTERM and SIGKILL when its Job's deadline passes or it is deleted;
# the Job is marked Failed only after that (see hookDefaults in values.yaml).
terminationGracePeriodSeconds: {{ int .ctx.Values.hookDefaults.terminationGracePeriodSeconds }}
{{- if .serviceAccountName }}
serviceAccountName: {{ .serviceAccountName }}
automountServiceAccountToken: true
{{- else }}
automountServiceAccountToken: false
{{- end }}
securityContext:
  {{- include "demo-hooks.podSecurityContext" .ctx.Values.podSecurity.uid | nindent 2 }}
{{- end }}

{{/* Pod Security Standard "restricted", pod half. Call with the uid. */}}
{{- define "demo-hooks.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ int . }}
runAsGroup: {{ int . }}
fsGroup: {{ int . }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Pod Security Standard "restricted", container half. */}}
{{- define "demo-hooks.containerSecurityContext" -}}
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
{{- end }}

{{/* image and imagePullPolicy of a container. Call with an entry of .Values.images. */}}
{{- define "demo-hooks.image" -}}
image: {{ printf "%s:%s" .repository .tag | quote }}
imagePullPolicy: {{ .pullPolicy }}
{{- end }}

{{/*
How every pod reaches PostgreSQL. The libpq variables (PG*) let psql, pg_dump and pg_isready
run without connection flags; the password only ever travels through PGPASSWORD from the
Secret, never through a command line or a log line.
*/}}
{{- define "demo-hooks.db.env" -}}
- name: DB_HOST
  value: {{ include "demo-hooks.postgresql.fullname" . }}
- name: DB_PORT
  value: "5432"
- name: DB_NAME
  value: {{ .Values.postgresql.database | quote }}
- name: PGHOST
  value: {{ include "demo-hooks.postgresql.fullname" . }}
- name: PGPORT
  value: "5432"
- name: PGDATABASE
  value: {{ .Values.postgresql.database | quote }}
- name: PGUSER
  value: postgres
- name: PGCONNECT_TIMEOUT
  value: "5"
- name: PGPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "demo-hooks.postgresql.fullname" . }}
      key: postgres-password
{{- end }}

{{/* In-cluster URL of the web app's Service. */}}
{{- define "demo-hooks.app.url" -}}
http://{{ include "demo-hooks.fullname" . }}.{{ .Release.Namespace }}.svc
{{- end }}

{{/*
The start of every hook script: the lab switches (sleepSeconds, fail), then the shell functions
the hook asks for. Rendered into the command itself, so `helm template` shows exactly what a
failing hook will print. No `set -x` anywhere: it would echo PGPASSWORD and the API token.
Call with (dict "ctx" $ "hook" "migration" "functions" (list "sql" "wait_for_db")).
*/}}
{{- define "demo-hooks.hook.preamble" -}}
{{- $h := index .ctx.Values.hooks .hook -}}
set -eu
# One stream: the runtime copies stdout and stderr separately, so their lines can swap in the log.
exec 2>&1
# The shell is the container's PID 1, and the kernel drops a signal PID 1 has no handler for: without
# this trap SIGTERM (activeDeadlineSeconds passed, or the pod deleted) does nothing and the pod sits
# out its whole terminationGracePeriodSeconds until SIGKILL. The shell runs the trap once the command
# in the foreground returns, so long waits below run in the background under `wait`, which a signal ends.
trap 'echo "demo-hooks: hook {{ .hook }} stopped by SIGTERM (its Job ran past activeDeadlineSeconds, or its pod was deleted), exit 143"; exit 143' TERM
echo "demo-hooks: hook {{ .hook }} started (release {{ .ctx.Release.Name }}, revision {{ .ctx.Release.Revision }}, events {{ join "," $h.events }}, weight {{ int $h.weight }})"
{{- if gt (int $h.sleepSeconds) 0 }}
echo "demo-hooks: hook {{ .hook }} sleeping {{ int $h.sleepSeconds }}s first (hooks.{{ .hook }}.sleepSeconds={{ int $h.sleepSeconds }})"
sleep {{ int $h.sleepSeconds }} &
wait $!
{{- end }}
{{- if $h.fail }}
echo "demo-hooks: hook {{ .hook }} failing on purpose (hooks.{{ .hook }}.fail=true), exit {{ int $h.exitCode }}" >&2
exit {{ int $h.exitCode }}
{{- end }}
{{- range .functions }}
{{ include (printf "demo-hooks.sh.%s" .) $ }}
{{- end }}
{{- end }}

{{- define "demo-hooks.sh.sql" -}}
# psql that stops at the first error, ignores any ~/.psqlrc and keeps IF NOT EXISTS notices out of the log.
sql() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$@"; }
{{- end }}

{{- define "demo-hooks.sh.wait_for_db" -}}
# Post-install hooks start as soon as the objects exist, not when they are ready (unless
# --wait), so the database may still be initialising. This waits until the Job's
# activeDeadlineSeconds ends it. Each second, as in wait_for_db_tries: the first hook after an
# install waits for PostgreSQL's first start, and every second it sleeps past it is the install's.
wait_for_db() {
  until pg_isready -q -h "$PGHOST" -p "$PGPORT"; do
    echo "demo-hooks: waiting for PostgreSQL at $PGHOST:$PGPORT"
    sleep 1
  done
}
{{- end }}

{{- define "demo-hooks.sh.wait_for_db_tries" -}}
# wait_for_db_tries N: waits like wait_for_db, but gives up after N tries and returns 1.
wait_for_db_tries() {
  tries=0
  until pg_isready -q -h "$PGHOST" -p "$PGPORT"; do
    tries=$((tries + 1))
    if [ "$tries" -ge "$1" ]; then return 1; fi
    echo "demo-hooks: waiting for PostgreSQL at $PGHOST:$PGPORT"
    # Each second: db-setup starts with the database, and every second it waits is the install's.
    sleep 1
  done
}
{{- end }}

{{- define "demo-hooks.sh.schema_version" -}}
# Highest applied migration, or "none" when the migration hook never ran. Needs sql.
schema_version() {
  if [ "$(sql -tA -c "SELECT to_regclass('public.schema_migrations') IS NOT NULL")" = t ]; then
    sql -tA -c "SELECT coalesce(max(version), 'none') FROM schema_migrations"
  else
    echo none
  fi
}
{{- end }}

{{/*
Shell lines shared by the rollback hooks: append a row to rollback_log. Expects $version set.
Call with (dict "ctx" $ "phase" "pre-rollback").
*/}}
{{- define "demo-hooks.rollbackLog" -}}
sql -v phase={{ .phase }} -v release={{ .ctx.Release.Name }} -v revision={{ .ctx.Release.Revision }} -v version="$version" <<'SQL'
CREATE TABLE IF NOT EXISTS rollback_log (
    id              bigserial   PRIMARY KEY,
    phase           text        NOT NULL,
    release         text        NOT NULL,
    target_revision integer     NOT NULL,
    schema_version  text        NOT NULL,
    logged_at       timestamptz NOT NULL DEFAULT now()
);
INSERT INTO rollback_log (phase, release, target_revision, schema_version)
VALUES (:'phase', :'release', :revision, :'version');
SQL
{{- end }}
