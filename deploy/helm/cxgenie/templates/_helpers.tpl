{{/*
Chart name, truncated to the 63 characters Kubernetes allows in names.
*/}}
{{- define "cxgenie.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified release name.
*/}}
{{- define "cxgenie.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "cxgenie.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels shared by every object of the release.
*/}}
{{- define "cxgenie.labels" -}}
helm.sh/chart: {{ include "cxgenie.chart" . }}
{{ include "cxgenie.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: cxgenie
cxgenie.io/tenant: {{ .Values.tenant.name | quote }}
{{- end }}

{{- define "cxgenie.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cxgenie.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Per-app helpers take (dict "root" $ "name" $appName).
*/}}
{{- define "cxgenie.appFullname" -}}
{{- printf "%s-%s" (include "cxgenie.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "cxgenie.appLabels" -}}
{{ include "cxgenie.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "cxgenie.appSelectorLabels" -}}
{{ include "cxgenie.selectorLabels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/*
Environment variable prefix of an app: core-ai -> CORE_AI.
*/}}
{{- define "cxgenie.envPrefix" -}}
{{- . | upper | replace "-" "_" }}
{{- end }}

{{- define "cxgenie.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{- define "cxgenie.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "cxgenie.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "cxgenie.configMapName" -}}
{{- printf "%s-config" (include "cxgenie.fullname" .) }}
{{- end }}

{{- define "cxgenie.secretName" -}}
{{- required "externalSecrets.name is required" .Values.externalSecrets.name }}
{{- end }}

{{/*
The app an entry runs (APP): `app` when set (gateway-worker runs gateway-api), else its name.
Takes (dict "name" $name "app" $app).
*/}}
{{- define "cxgenie.appImageName" -}}
{{- .app.app | default .name }}
{{- end }}

{{/*
Public https origin of the webhooks: config.PUBLIC_WEBHOOK_BASE_URL, else the integration ingress.
*/}}
{{- define "cxgenie.publicWebhookBaseUrl" -}}
{{- $integration := .Values.apps.integration | default dict }}
{{- $ing := $integration.ingress | default dict }}
{{- if .Values.config.PUBLIC_WEBHOOK_BASE_URL }}
{{- .Values.config.PUBLIC_WEBHOOK_BASE_URL }}
{{- else if and $integration.enabled $ing.enabled $ing.host }}
{{- printf "https://%s" $ing.host }}
{{- end }}
{{- end }}

{{/*
Non-secret environment as a YAML map: .Values.config (empty values dropped), DATA_DIR,
PUBLIC_WEBHOOK_BASE_URL, and <APP>_PORT / <APP>_URL for every enabled app. Used by the ConfigMap
and, inline, by the migration hook (which runs before the ConfigMap exists).
*/}}
{{- define "cxgenie.configData" -}}
{{- if and (eq (toString .Values.config.NODE_ENV) "production") (not (include "cxgenie.publicWebhookBaseUrl" .)) }}
{{- fail "config.PUBLIC_WEBHOOK_BASE_URL is required in production when the integration ingress has no host: platforms would be given an in-cluster webhook address" }}
{{- end }}
{{- $data := dict "DATA_DIR" .Values.dataVolume.mountPath }}
{{- range $name, $app := .Values.apps }}
{{- if and $app.enabled (not $app.app) }}
{{- $prefix := include "cxgenie.envPrefix" $name }}
{{- $_ := set $data (printf "%s_PORT" $prefix) (toString $app.port) }}
{{- $_ := set $data (printf "%s_URL" $prefix) (printf "http://%s:%v" (include "cxgenie.appFullname" (dict "root" $ "name" $name)) $app.port) }}
{{- end }}
{{- end }}
{{- range $key, $value := .Values.config }}
{{- if not (empty $value) }}
{{- $_ := set $data $key (toString $value) }}
{{- end }}
{{- end }}
{{- with (include "cxgenie.publicWebhookBaseUrl" .) }}
{{- $_ := set $data "PUBLIC_WEBHOOK_BASE_URL" . }}
{{- end }}
{{- toYaml $data }}
{{- end }}

{{/*
nodeSelector / tolerations of a pod: the app's own, else the chart-wide ones, plus the tenant's
node group when `tenant.dedicatedNodes` is on. Takes (dict "root" $ "app" $app).
*/}}
{{- define "cxgenie.scheduling" -}}
{{- $root := .root }}
{{- $app := .app | default dict }}
{{- $selector := merge dict ($app.nodeSelector | default $root.Values.nodeSelector | default dict) }}
{{- $tolerations := $app.tolerations | default $root.Values.tolerations | default list }}
{{- if $root.Values.tenant.dedicatedNodes }}
{{- $_ := set $selector "cxgenie.io/tenant" $root.Values.tenant.name }}
{{- $tolerations = append $tolerations (dict "key" "cxgenie.io/tenant" "operator" "Equal" "value" $root.Values.tenant.name "effect" "NoSchedule") }}
{{- end }}
{{- with $selector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with ($app.affinity | default $root.Values.affinity) }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
