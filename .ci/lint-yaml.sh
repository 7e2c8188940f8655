#!/usr/bin/env bash
# Lints the YAML that is plain YAML: the chart's Chart.yaml and values.yaml (its templates only
# become YAML once rendered by helm), the alert rules (helm/kazner-stream/files), the compose stack, the rules'
# unit tests and the monitoring config.
set -euo pipefail
cd "$(dirname "$0")/.."

# A fresh CI machine lacks it; Debian packages it.
if ! command -v yamllint >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq yamllint >/dev/null
  else
    echo "yamllint is missing: apt-get install -y yamllint" >&2
    exit 1
  fi
fi

yamllint --strict -c .yamllint \
  .yamllint \
  helm/kazner-stream/Chart.yaml \
  helm/kazner-stream/values.yaml \
  helm/kazner-stream/files/ \
  deploy/
echo "yamllint: ok"
