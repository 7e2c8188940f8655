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
# What each draw scores, by the name it is reported under: report()'s key for it.
SCORES = {"micro": "f1", "macro": "macro_f1", "macro_gold": "macro_gold_f1"}


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


def percentile_interval(values):
    values = sorted(values)
    return [values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]]


def bootstrap(sentences, rounds, seed, against=None):
    """Percentile interval: sentences drawn with replacement, scored like the whole set. With `against` (another
    model's predictions on the same sentences) also the paired interval of the difference, both scored on each draw,
    which is far narrower than two separate intervals suggest."""
    counts = [sentence_counts(g, p) for g, p in sentences]
    other = [sentence_counts(g, p) for g, p in against] if against else None
    if other and [g for g, _ in sentences] != [g for g, _ in against]:
        raise SystemExit("the two prediction files do not hold the same gold sentences")
    rng = random.Random(seed)
    draws = {name: [] for name in SCORES} | {f"{name}_gain": [] for name in SCORES}
    for _ in range(rounds):
        picks = rng.choices(range(len(counts)), k=len(counts))
        scores = report([counts[i] for i in picks])
        base = report([other[i] for i in picks]) if other else None
        for name, key in SCORES.items():
            draws[name].append(scores[key])
            if base:
                draws[f"{name}_gain"].append(scores[key] - base[key])
    point = report(counts)
    result = dict(sentences=len(sentences), entities=sum(sum(g.values()) for _, g, _ in counts))
    for name, key in SCORES.items():
        result.update({name: point[key], f"{name}_ci": percentile_interval(draws[name])})
    result["rounds"] = rounds
    if other:
        base = report(other)
        for name, key in SCORES.items():
            result.update({f"{name}_gain": point[key] - base[key],
                           f"{name}_gain_ci": percentile_interval(draws[f"{name}_gain"])})
    return result


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
    s.add_argument("--against", help="another model's predictions on the same sentences: paired interval of the gain")
    args = p.parse_args()
    if args.command == "write":
        sentences = [x for x in read_with_ids(args.data) if is_final_check(args.data, x[0])]
        write_conll(sentences, args.out)
        print(f"{len(sentences)} final-check sentences ({len({x[0] for x in sentences})} id groups) in {args.out}")
    else:
        against = read_predictions(args.against) if args.against else None
        result = bootstrap(read_predictions(args.predictions), args.rounds, args.seed, against)
        print(json.dumps(result))
        print(f"micro F1 {result['micro']:.4f} (95 % CI {result['micro_ci'][0]:.4f}-{result['micro_ci'][1]:.4f}), "
              f"macro F1 {result['macro']:.4f} ({result['macro_ci'][0]:.4f}-{result['macro_ci'][1]:.4f}), "
              f"over the classes with gold entities {result['macro_gold']:.4f} "
              f"({result['macro_gold_ci'][0]:.4f}-{result['macro_gold_ci'][1]:.4f}); "
              f"{result['sentences']} sentences, {result['entities']} entities")
        if against:
            print(f"against {args.against}: micro {result['micro_gain']:+.4f} (95 % CI {result['micro_gain_ci'][0]:+.4f}"
                  f" to {result['micro_gain_ci'][1]:+.4f}), macro {result['macro_gain']:+.4f} "
                  f"({result['macro_gain_ci'][0]:+.4f} to {result['macro_gain_ci'][1]:+.4f}), "
                  f"over the classes with gold entities {result['macro_gold_gain']:+.4f} "
                  f"({result['macro_gold_gain_ci'][0]:+.4f} to {result['macro_gold_gain_ci'][1]:+.4f}), paired draws")


if __name__ == "__main__":
    main()
