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
Non-secret environment as a YAML map: .Values.config (empty values dropped),
DATA_DIR, and <APP>_PORT / <APP>_URL for every enabled app. Used by the ConfigMap and,
inline, by the migration hook (which runs before the ConfigMap exists).
*/}}
{{- define "cxgenie.configData" -}}
{{- if and (eq (toString .Values.config.VECTOR_STORE) "milvus") (empty .Values.config.MILVUS_ADDRESS) }}
{{- fail "config.MILVUS_ADDRESS is required when config.VECTOR_STORE is milvus" }}
{{- end }}
{{- $data := dict "DATA_DIR" .Values.dataVolume.mountPath }}
{{- range $name, $app := .Values.apps }}
{{- if $app.enabled }}
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
{{- toYaml $data }}
{{- end }}
