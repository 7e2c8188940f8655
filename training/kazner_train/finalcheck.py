"""The final check: a fixed fifth of test part A's id groups (data.is_final_check) that no training run, fold or
choice ever reads. Each shipped candidate is scored on it once, with a bootstrap 95 % interval over sentences.

  python3 -m kazner_train.finalcheck write --out work/final_check.conll
  kazner eval --model BUNDLE --data work/final_check.conll --predictions work/final_check.pred
  python3 -m kazner_train.finalcheck score --predictions work/final_check.pred
"""
import argparse
import json
import random

from .data import is_final_check, read_with_ids, write_conll
from .metrics import report, sentence_counts

PART_A = "../data/kaznerd/IOB2_test_partA_with_ids.txt"


def read_predictions(path):
    """`token gold predicted` lines (kazner eval --predictions), a blank line between sentences."""
    sentences, gold, pred = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if gold:
                    sentences.append((gold, pred))
                gold, pred = [], []
                continue
            gold.append(parts[-2])
            pred.append(parts[-1])
    if gold:
        sentences.append((gold, pred))
    return sentences


def bootstrap(sentences, rounds, seed):
    """Percentile interval: sentences drawn with replacement, scored like the whole set."""
    counts = [sentence_counts(g, p) for g, p in sentences]
    rng = random.Random(seed)
    micro, macro = [], []
    for _ in range(rounds):
        scores = report(rng.choices(counts, k=len(counts)))
        micro.append(scores["f1"])
        macro.append(scores["macro_f1"])
    micro.sort()
    macro.sort()
    lo, hi = int(0.025 * rounds), int(0.975 * rounds) - 1
    point = report(counts)
    return dict(sentences=len(sentences), entities=sum(sum(g.values()) for _, g, _ in counts),
                micro=point["f1"], micro_ci=[micro[lo], micro[hi]], macro=point["macro_f1"],
                macro_ci=[macro[lo], macro[hi]],
                rounds=rounds)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write the final-check sentences as CoNLL")
    w.add_argument("--data", default=PART_A)
    w.add_argument("--out", required=True)
    s = sub.add_parser("score", help="micro and macro F1 with bootstrap 95 %% intervals")
    s.add_argument("--predictions", required=True)
    s.add_argument("--rounds", type=int, default=2000)
    s.add_argument("--seed", type=int, default=13)
    args = p.parse_args()
    if args.command == "write":
        sentences = [x for x in read_with_ids(args.data) if is_final_check(args.data, x[0])]
        write_conll(sentences, args.out)
        print(f"{len(sentences)} final-check sentences ({len({x[0] for x in sentences})} id groups) in {args.out}")
    else:
        result = bootstrap(read_predictions(args.predictions), args.rounds, args.seed)
        print(json.dumps(result))
        print(f"micro F1 {result['micro']:.4f} (95 % CI {result['micro_ci'][0]:.4f}-{result['micro_ci'][1]:.4f}), "
              f"macro F1 {result['macro']:.4f} ({result['macro_ci'][0]:.4f}-{result['macro_ci'][1]:.4f}); "
              f"{result['sentences']} sentences, {result['entities']} entities")


if __name__ == "__main__":
    main()
