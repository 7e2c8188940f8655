#!/usr/bin/env bash
# kazner-base 4.5.0 from one command, about 2 h 40 min on the 2-CPU machine (README.md's table has each step):
# 36 epochs of the cross-validated recipe; six 4-epoch fine-tunes of it, two at a time, with mined proverbs as ADAGE
# (300 or 600 sentences), some also with mined law titles as LAW, made-up hotline numbers as CONTACT and quoted names,
# over two seeds; their weight soup (the element-wise mean, which cross-validation chose over each member: README.md);
# then the export with the ADAGE decision bias that cross-validation chose (kazner-base-bias.json).
set -euo pipefail
cd "$(dirname "$0")"
U=${UNLABELLED:-../../shared/data/unlabelled-kk}
export OPENBLAS_NUM_THREADS=1
/usr/bin/python3 -m kazner_train.train --out work/v6 --all --epochs 36 --swap-rate 0.5 --rare-boost 1 \
  --unlabelled "$U/all.txt" --threads 1
fine_tune() {
  /usr/bin/python3 -m kazner_train.train --out "$1" --all --epochs 4 --lr 1e-3 --swap-rate 0.5 --rare-boost 1 \
    --init work/v6 --threads 1 --proverbs "$U/all.txt" "$U/adam-tatoeba-commonvoice.txt" "${@:2}" > "$1.log" 2>&1
}
laws=(--law-titles "$U"/*.txt --law-sentences 200 --hotlines 200)
# Two at a time; `wait PID` so that a failed member stops the script.
fine_tune work/v8 --proverb-sentences 300 "${laws[@]}" --seed 13 & a=$!
fine_tune work/v9-r10-s14 --proverb-sentences 300 "${laws[@]}" --seed 14 & b=$!
wait $a; wait $b
fine_tune work/v7 --proverb-sentences 300 --seed 13 & a=$!
fine_tune work/v9-contrast-s14 --proverb-sentences 300 --seed 14 & b=$!
wait $a; wait $b
fine_tune work/v9-contrast600 --proverb-sentences 600 --seed 13 & a=$!
fine_tune work/v9-quoted --proverb-sentences 300 "${laws[@]}" --quoted-names "$U"/*.txt --quoted-sentences 100 \
  --seed 13 & b=$!
wait $a; wait $b
/usr/bin/python3 -m kazner_train.soup --out work/v9 work/v8 work/v9-r10-s14 work/v7 work/v9-contrast-s14 \
  work/v9-contrast600 work/v9-quoted
/usr/bin/python3 -m kazner_train.export --work work/v9 --out ../models/kazner-base --version 4.5.0 --temperature 1.5 \
  --label-bias kazner-base-bias.json --fixture ../tests/KazNer.Core.Tests/Fixtures/parity.json
/usr/bin/python3 make_fixtures.py
