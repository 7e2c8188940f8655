#!/usr/bin/env bash
# kazner-base 4.4.0 from one command, about 2 h 10 min on the 2-CPU machine (README.md's table has each step):
# 36 epochs of the cross-validated recipe, 4 epochs of fine-tuning with mined proverbs as ADAGE, mined law titles as
# LAW and made-up hotline numbers as CONTACT, then the export with the ADAGE decision bias that cross-validation
# chose (kazner-base-bias.json; how: README.md).
set -euo pipefail
cd "$(dirname "$0")"
U=${UNLABELLED:-../../shared/data/unlabelled-kk}
export OPENBLAS_NUM_THREADS=1
/usr/bin/python3 -m kazner_train.train --out work/v6 --all --epochs 36 --swap-rate 0.5 --rare-boost 1 \
  --unlabelled "$U/all.txt" --threads 1
/usr/bin/python3 -m kazner_train.train --out work/v8 --all --epochs 4 --lr 1e-3 --swap-rate 0.5 --rare-boost 1 \
  --init work/v6 --proverbs "$U/all.txt" "$U/adam-tatoeba-commonvoice.txt" --proverb-sentences 300 \
  --law-titles "$U"/*.txt --law-sentences 200 --hotlines 200 --threads 1
/usr/bin/python3 -m kazner_train.export --work work/v8 --out ../models/kazner-base --version 4.4.0 --temperature 1.5 \
  --label-bias kazner-base-bias.json --fixture ../tests/KazNer.Core.Tests/Fixtures/parity.json
/usr/bin/python3 make_fixtures.py
