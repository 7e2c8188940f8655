{{/* Resource names, trimmed to the 63 characters of a DNS label. */}}
{{- define "kazner-stream.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kazner-stream.fullname" -}}
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

{{- define "kazner-stream.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kazner-stream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "kazner-stream.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "kazner-stream.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: worker
{{- end }}

{{- define "kazner-stream.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kazner-stream.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "kazner-stream.image" -}}
{{- $tag := .Values.image.tag | default (printf "%s%s" .Chart.AppVersion (ternary "-cuda" "" .Values.gpu.enabled)) }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}

{{/*
One env entry, or nothing when the value is unset, so the worker's own default applies.
Whole numbers are printed as integers: Helm reads numbers as float64, which would render
67108864 as 6.7108864e+07.
Usage: include "kazner-stream.envVar" (list "KAZNER_Section__Key" .Values.section.key)
*/}}
{{- define "kazner-stream.envVar" -}}
{{- $name := index . 0 -}}
{{- $value := index . 1 -}}
{{- if and (kindIs "float64" $value) (eq $value (float64 (int64 $value))) -}}
{{- $value = int64 $value -}}
{{- end -}}
{{- if not (or (kindIs "invalid" $value) (eq (toString $value) "")) -}}
{{- printf "- name: %s\n  value: %s" $name (toString $value | quote) | nindent 12 -}}
{{- end -}}
{{- end }}

{{- define "kazner-stream.modelPath" -}}
{{- $v := .Values.model.volume -}}
{{- if $v.subPath }}{{ printf "%s/%s" (trimSuffix "/" $v.mountPath) $v.subPath }}{{ else }}{{ $v.mountPath }}{{ end -}}
{{- end }}

{{- define "kazner-stream.drainTimeout" -}}
{{- .Values.pipeline.drainTimeoutSeconds | default 30 | int -}}
{{- end }}

{{- define "kazner-stream.terminationGracePeriodSeconds" -}}
{{- $drain := include "kazner-stream.drainTimeout" . | int -}}
{{- $grace := .Values.terminationGracePeriodSeconds | default (add $drain 10) | int -}}
{{- if le $grace $drain -}}
{{- fail (printf "terminationGracePeriodSeconds (%d) must exceed pipeline.drainTimeoutSeconds (%d), or the pod is killed mid-drain" $grace $drain) -}}
{{- end -}}
{{- $grace -}}
{{- end }}

{{/*
"true" when the release scales with KEDA: autoscaling on and keda.enabled true, or "auto" on a
cluster that serves KEDA's API. Empty otherwise (the HorizontalPodAutoscaler is used instead).
*/}}
{{- define "kazner-stream.keda" -}}
{{- $keda := .Values.autoscaling.keda.enabled | toString | lower -}}
{{- if and .Values.autoscaling.enabled (or (eq $keda "true") (and (eq $keda "auto") (.Capabilities.APIVersions.Has "keda.sh/v1alpha1"))) -}}
true
{{- end -}}
{{- end }}

{{/*
The Secret keys the worker reads as files from /etc/kazner/secrets (WorkerApplication.DefaultSecretsDirectory):
each file is named after the configuration key it sets, "__" for ":", so Kafka__SaslPassword is Kafka:SaslPassword.
Projected volume sources; empty when no credential is configured.
*/}}
{{- define "kazner-stream.secretFiles" -}}
{{- $auth := .Values.kafka.auth -}}
{{- with $auth.existingSecret }}
- secret:
    name: {{ . }}
    items:
      {{- if $auth.oauthbearer.tokenEndpointUrl }}
      - key: {{ $auth.oauthbearer.clientIdKey }}
        path: Kafka__Properties__sasl.oauthbearer.client.id
      - key: {{ $auth.oauthbearer.clientSecretKey }}
        path: Kafka__Properties__sasl.oauthbearer.client.secret
      {{- else }}
      - key: {{ $auth.usernameKey }}
        path: Kafka__SaslUsername
      - key: {{ $auth.passwordKey }}
        path: Kafka__SaslPassword
      {{- end }}
{{- end }}
{{- $tls := .Values.kafka.tls -}}
{{- if and $tls.clientCertSecret $tls.clientKeyPasswordKey }}
- secret:
    name: {{ $tls.clientCertSecret }}
    items:
      - key: {{ $tls.clientKeyPasswordKey }}
        path: Kafka__Properties__ssl.key.password
{{- end }}
{{- end }}

{{/* Checks that render nothing and stop the release with a readable message. */}}
{{- define "kazner-stream.validate" -}}
{{- $partitions := .Values.autoscaling.partitions -}}
{{- if $partitions -}}
{{- $max := ternary .Values.autoscaling.maxReplicas .Values.replicaCount .Values.autoscaling.enabled | int -}}
{{- if gt $max (int $partitions) -}}
{{- fail (printf "%d replicas for %d partitions of %s: the extra consumers would get no partition and idle; lower autoscaling.maxReplicas/replicaCount or add partitions" $max (int $partitions) .Values.kafka.inputTopic) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas" -}}
{{- end -}}
{{- if not (has (.Values.autoscaling.keda.enabled | toString | lower) (list "auto" "true" "false")) -}}
{{- fail (printf "autoscaling.keda.enabled must be auto, true or false, not %q" (.Values.autoscaling.keda.enabled | toString)) -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (not (include "kazner-stream.keda" .)) (lt (int .Values.autoscaling.minReplicas) 1) -}}
{{- fail "a CPU HorizontalPodAutoscaler cannot scale to zero: set autoscaling.minReplicas >= 1 or enable KEDA" -}}
{{- end -}}
{{- if not (has .Values.model.volume.type (list "none" "pvc" "image")) -}}
{{- fail (printf "model.volume.type must be none, pvc or image, not %q" .Values.model.volume.type) -}}
{{- end -}}
{{- if and (eq .Values.model.volume.type "pvc") (not .Values.model.volume.pvc.claimName) -}}
{{- fail "model.volume.type=pvc needs model.volume.pvc.claimName" -}}
{{- end -}}
{{- if and (eq .Values.model.volume.type "image") (not .Values.model.volume.image.repository) -}}
{{- fail "model.volume.type=image needs model.volume.image.repository" -}}
{{- end -}}
{{- if and .Values.kafka.saslMechanism (not .Values.kafka.auth.existingSecret) -}}
{{- fail "kafka.saslMechanism is set but kafka.auth.existingSecret names no Secret with the credentials" -}}
{{- end -}}
{{- if and .Values.kafka.auth.oauthbearer.tokenEndpointUrl (ne (.Values.kafka.saslMechanism | default "" | replace "_" "" | replace "-" "" | lower) "oauthbearer") -}}
{{- fail "kafka.auth.oauthbearer.tokenEndpointUrl (OIDC) needs kafka.saslMechanism OAuthBearer" -}}
{{- end -}}
{{- if and .Values.kafka.tls.clientCertSecret (not (has (.Values.kafka.securityProtocol | default "" | replace "_" "" | lower) (list "ssl" "saslssl"))) -}}
{{- fail "kafka.tls.clientCertSecret (mTLS) needs kafka.securityProtocol Ssl or SaslSsl" -}}
{{- end -}}
{{- if and .Values.serviceMonitor.enabled (not .Values.service.enabled) -}}
{{- fail "serviceMonitor.enabled needs service.enabled" -}}
{{- end -}}
{{- end }}
