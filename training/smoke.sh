#!/usr/bin/env bash
# CI's smoke test of the real training code: a few hundred sentences, one epoch, export, then the engine
# loads the bundle and annotates with it. Checks the pipeline, not the quality.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 -m kazner_train.train --out "$work/train" --limit 400 --epochs 1 --vocab-size 2000
/usr/bin/python3 -m kazner_train.export --work "$work/train" --out "$work/bundle" --name kazner-smoke
out=$(dotnet run --project ../src/KazNer.Stream -c Release -- annotate --model "$work/bundle" --device Cpu \
  "Қасым-Жомарт Тоқаев 2024 жылы Астанада сөз сөйледі.")
echo "$out"
echo "$out" | /usr/bin/python3 -c 'import json,sys; r=json.loads(sys.stdin.readline()); assert r["sentences"], r'
echo "training smoke test: passed"
