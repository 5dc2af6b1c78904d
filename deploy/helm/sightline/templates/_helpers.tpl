{{/* Names, labels and the checks every template relies on. */}}

{{- define "sightline.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sightline.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sightline.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "sightline.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component: server (embedded), web or worker. */}}
{{- define "sightline.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sightline.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "sightline.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "sightline.secretName" -}}
{{- default (include "sightline.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* Stops the render with a message naming the value to set. */}}
{{- define "sightline.validate" -}}
{{- if not (has .Values.mode (list "embedded" "scale")) -}}
{{- fail (printf "mode: '%s' is not a mode; set embedded or scale" .Values.mode) -}}
{{- end -}}
{{- if eq .Values.mode "scale" -}}
{{- $_ := required "postgresql.host is required in scale mode" .Values.postgresql.host -}}
{{- $_ := required "clickhouse.url is required in scale mode" .Values.clickhouse.url -}}
{{- $_ := required "redis.host is required in scale mode" .Values.redis.host -}}
{{- $_ := required "s3.eventBucket is required in scale mode" .Values.s3.eventBucket -}}
{{- $_ := required "s3.mediaBucket is required in scale mode (web pods take media uploads)" .Values.s3.mediaBucket -}}
{{- $_ := required "s3.region is required in scale mode" .Values.s3.region -}}
{{- if not .Values.secrets.existingSecret -}}
{{- $_ := required "secrets.salt is required in scale mode (or secrets.existingSecret)" .Values.secrets.salt -}}
{{- $_ := required "secrets.encryptionKey is required in scale mode (or secrets.existingSecret): openssl rand -hex 32" .Values.secrets.encryptionKey -}}
{{- end -}}
{{- end -}}
{{- if and .Values.secrets.encryptionKey (not (regexMatch "^[0-9a-fA-F]{64}$" .Values.secrets.encryptionKey)) -}}
{{- fail "secrets.encryptionKey must be 64 hex characters: openssl rand -hex 32" -}}
{{- end -}}
{{- end -}}

{{/* What every Sightline container shares: the ConfigMap, the Secret and extraEnv. */}}
{{- define "sightline.envFrom" -}}
- configMapRef:
    name: {{ include "sightline.fullname" . }}
- secretRef:
    name: {{ include "sightline.secretName" . }}
{{- end -}}

{{- define "sightline.probes" -}}
livenessProbe:
  httpGet:
    path: /api/public/health
    port: http
  initialDelaySeconds: {{ .Values.probes.initialDelaySeconds }}
  periodSeconds: {{ .Values.probes.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.failureThreshold }}
readinessProbe:
  httpGet:
    path: /api/public/ready
    port: http
  periodSeconds: 5
  timeoutSeconds: {{ .Values.probes.timeoutSeconds }}
{{- end -}}

{{- define "sightline.podExtras" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
