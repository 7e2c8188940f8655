"""Checks whether the engine's entity scores are probabilities: a reliability table and the expected
calibration error of `kazner annotate` scores on held-out gold sentences.

python3 -m kazner_train.calibration --gold work/ft/dev.conll --write work/held_out.jsonl
kazner annotate -f work/held_out.jsonl > work/held_out.annotated.jsonl
python3 -m kazner_train.calibration --gold work/ft/dev.conll --annotated work/held_out.annotated.jsonl

Each gold sentence is one document, its tokens joined by single spaces; an entity counts as correct when a gold
entity has the same type and the same first and last token (an entity whose edges are not gold token edges
counts as wrong).
"""
import argparse
import json

from .data import read_with_ids
from .metrics import chunks

BINS = [0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001]


def gold_entities(tokens, labels):
    starts, ends, pos = [], [], 0
    for t in tokens:
        starts.append(pos)
        ends.append(pos + len(t))
        pos += len(t) + 1
    return {(kind, starts[s], ends[e - 1]) for kind, s, e in chunks(labels)}


def table(pairs):
    """pairs: (score, correct). Returns the reliability rows and the expected calibration error."""
    rows, ece = [], 0.0
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [(s, c) for s, c in pairs if lo <= s < hi]
        if not inside:
            continue
        mean = sum(s for s, _ in inside) / len(inside)
        accuracy = sum(c for _, c in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(mean - accuracy)
        rows.append((lo, min(hi, 1.0), len(inside), mean, accuracy))
    return rows, ece


def auroc(pairs):
    """Probability that a correct entity outscores a wrong one (ties count half)."""
    right = sorted(s for s, c in pairs if c)
    wrong = [s for s, c in pairs if not c]
    if not right or not wrong:
        return float("nan")
    import bisect
    wins = sum(len(right) - bisect.bisect_right(right, w) + 0.5 * (bisect.bisect_right(right, w) - bisect.bisect_left(right, w))
               for w in wrong)
    return wins / (len(right) * len(wrong))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gold", required=True)
    p.add_argument("--write", help="write the gold sentences as annotate input (JSONL) and stop")
    p.add_argument("--annotated", help="kazner annotate's output for that input")
    args = p.parse_args()
    sentences = read_with_ids(args.gold)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            for i, (_, tokens, _) in enumerate(sentences):
                f.write(json.dumps({"id": str(i), "text": " ".join(tokens)}, ensure_ascii=False) + "\n")
        return
    gold = {str(i): gold_entities(tokens, labels) for i, (_, tokens, labels) in enumerate(sentences)}
    pairs = []
    with open(args.annotated, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            for e in record["entities"]:
                pairs.append((e["score"], (e["type"], e["start"], e["end"]) in gold[record["id"]]))
    rows, ece = table(pairs)
    brier = sum((s - c) ** 2 for s, c in pairs) / len(pairs)
    print(f"{len(pairs)} entities, {sum(c for _, c in pairs)} correct; expected calibration error {ece:.4f}, "
          f"Brier score {brier:.4f}, AUROC (score separating right from wrong) {auroc(pairs):.3f}\n")
    print("| score | entities | mean score | share correct |")
    print("| --- | ---: | ---: | ---: |")
    for lo, hi, n, mean, accuracy in rows:
        print(f"| {lo:.2f}–{hi:.2f} | {n} | {mean:.3f} | {accuracy:.3f} |")


if __name__ == "__main__":
    main()
