#!/usr/bin/env bash
# kazner-base 4.6.0 and kazner-base-fast 4.5.0 from one command, about 2 h 50 min on the 2-CPU machine (README.md's
# table has each step): 36 epochs of the cross-validated recipe; six 4-epoch fine-tunes of it, two at a time, with
# mined proverbs as ADAGE (300 or 600 sentences), some also with mined law titles as LAW, made-up hotline numbers as
# CONTACT and quoted names, over two seeds; their weight soup (the element-wise mean, which cross-validation chose
# over each member: README.md), exported alone as kazner-base-fast. Beside the 36 epochs, on the other core, the
# partner: 12 epochs with another seed, fine-tuned as the soup's members were; the soup and the partner in one graph
# are kazner-base (e2 in its model card). Each export has the ADAGE decision bias cross-validation chose for it.
set -euo pipefail
cd "$(dirname "$0")"
U=${UNLABELLED:-../../shared/data/unlabelled-kk}
export OPENBLAS_NUM_THREADS=1
laws=(--law-titles "$U"/*.txt --law-sentences 200 --hotlines 200)
# fine_tune START OUT [options...]: 4 epochs from a finished run, with the mined proverbs as ADAGE.
fine_tune() {
  /usr/bin/python3 -m kazner_train.train --out "$2" --all --epochs 4 --lr 1e-3 --swap-rate 0.5 --rare-boost 1 \
    --init "$1" --threads 1 --proverbs "$U/all.txt" "$U/adam-tatoeba-commonvoice.txt" "${@:3}" > "$2.log" 2>&1
}
partner() {
  /usr/bin/python3 -m kazner_train.train --out work/v10-partner --all --epochs 12 --swap-rate 0.5 --rare-boost 1 \
    --unlabelled "$U/all.txt" --seed 14 --threads 1 > work/v10-partner.log 2>&1
  fine_tune work/v10-partner work/v10-partner-ft --proverb-sentences 300 "${laws[@]}" --seed 13
}
partner & p=$!
/usr/bin/python3 -m kazner_train.train --out work/v6 --all --epochs 36 --swap-rate 0.5 --rare-boost 1 \
  --unlabelled "$U/all.txt" --threads 1
wait $p
# Two at a time; `wait PID` so that a failed member stops the script.
fine_tune work/v6 work/v8 --proverb-sentences 300 "${laws[@]}" --seed 13 & a=$!
fine_tune work/v6 work/v9-r10-s14 --proverb-sentences 300 "${laws[@]}" --seed 14 & b=$!
wait $a; wait $b
fine_tune work/v6 work/v7 --proverb-sentences 300 --seed 13 & a=$!
fine_tune work/v6 work/v9-contrast-s14 --proverb-sentences 300 --seed 14 & b=$!
wait $a; wait $b
fine_tune work/v6 work/v9-contrast600 --proverb-sentences 600 --seed 13 & a=$!
fine_tune work/v6 work/v9-quoted --proverb-sentences 300 "${laws[@]}" --quoted-names "$U"/*.txt --quoted-sentences 100 \
  --seed 13 & b=$!
wait $a; wait $b
/usr/bin/python3 -m kazner_train.soup --out work/v9 work/v8 work/v9-r10-s14 work/v7 work/v9-contrast-s14 \
  work/v9-contrast600 work/v9-quoted
/usr/bin/python3 -m kazner_train.export --work work/v9 --out ../models/kazner-base-fast --name kazner-base-fast \
  --version 4.5.0 --temperature 1.5 --label-bias kazner-base-fast-bias.json
/usr/bin/python3 -m kazner_train.export --work work/v9 work/v10-partner-ft --out ../models/kazner-base --version 4.6.0 \
  --temperature 1.5 --label-bias kazner-base-bias.json --float16-weights \
  --fixture ../tests/KazNer.Core.Tests/Fixtures/parity.json
/usr/bin/python3 make_fixtures.py
