"""Per-class decision bias: a constant added to a class's B- and I- scores before Viterbi, so that a rare class
the tagger under-predicts is found more often. Macro F1 weighs every class alike, and the rare classes' recall is
where it is lost. The bias is chosen on cross-validation folds' held-out predictions, never on the final check:

  python3 -m kazner_train.bias --cv work/cv/r6-base-rare-24ep --out work/bias.json

prints the cross-fitted effect (biases chosen on the other folds, scored on each fold in turn) and writes the
biases chosen on all folds together; `export --label-bias work/bias.json` folds them into the CRF's start and
transition scores, so the graph and the engine are unchanged. By default it reads each fold's best.pt, the epoch
that scored best on those same held-out sentences: a little optimistic, but the same weights before and after the
bias; `--checkpoint last.pt` reads the last epoch, the one a final run ships. Over all classes on r6's folds it
lowered macro F1 (model card): not shipped. For ADAGE alone (`--classes ADAGE`), on the folds fine-tuned with
proverbs, it raised both: 4.3.0 ships it. `--fixed FILE` scores biases set beforehand on every fold instead of
choosing them. Several `--cv` folders score the ensemble of their fold runs (fold I of each, one graph as
`export --work A B` builds it), so a prediction ensemble is cross-validated the same way.
"""
import argparse
import json
import os

import sentencepiece as spm
import torch

from .data import ENTITY_TYPES, LABELS, read_with_ids
from .export import label_bias, load_all
from .metrics import entity_f1
from .train import add_threads_option, encode, flatten, predict

GRID = [-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--cv", required=True, nargs="+",
                   help="finished kazner_train.cv folders (fold*/best.pt, fold*/dev.conll); several: their ensemble")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--out", help="JSON file of the biases chosen on all folds")
    what.add_argument("--fixed", help="JSON file of biases set beforehand: score them on every fold, choose nothing")
    p.add_argument("--passes", type=int, default=1, help="rounds of one-class-at-a-time search")
    p.add_argument("--classes", nargs="+", choices=ENTITY_TYPES, default=ENTITY_TYPES,
                   help="search biases for these classes only (the others stay at 0)")
    p.add_argument("--grid", nargs="+", type=float, default=GRID, help="bias values tried for each class")
    p.add_argument("--checkpoint", default="best.pt",
                   help="each fold's weights to read: best.pt (the best held-out epoch) or last.pt (the last epoch)")
    add_threads_option(p)
    return p.parse_args()


def held_out_scores(fold, checkpoint, partners=()):
    """(emissions [W, L], gold labels) of each held-out sentence of one fold, from that fold's tagger (or its
    ensemble with the partners' runs of the same fold), and its CRF."""
    model, _ = load_all([fold, *same_fold(fold, partners)], checkpoint, tool="bias")
    sp = spm.SentencePieceProcessor(model_file=os.path.join(fold, "sentencepiece.bpe.model"))
    examples = [flatten(*x) for x in encode(sp, read_with_ids(os.path.join(fold, "dev.conll")))]
    rows = [None] * len(examples)
    for chunk, em, word_mask, _ in predict(model, examples, "cpu"):
        for r, i in enumerate(chunk):
            rows[i] = (em[r, : int(word_mask[r].sum())], [LABELS[x] for x in examples[i][2]])
    return rows, model.crf


def same_fold(fold, partners):
    """The partners' runs of this fold, which must have held out the same sentences (load_all checks the pieces)."""
    runs = [os.path.join(p, os.path.basename(fold)) for p in partners]
    with open(os.path.join(fold, "dev.conll"), "rb") as f:
        held_out = f.read()
    for run in runs:
        with open(os.path.join(run, "dev.conll"), "rb") as f:
            if f.read() != held_out:
                raise SystemExit(f"bias: {run}/dev.conll differs from {fold}'s: not an ensemble of one fold")
    return runs


def decode(rows, crf, biases):
    """Viterbi paths with the biases added, in batches of similar length."""
    vector = label_bias(biases)
    order = sorted(range(len(rows)), key=lambda i: len(rows[i][1]))
    pred = [None] * len(rows)
    with torch.no_grad():
        for k in range(0, len(order), 256):
            chunk = order[k:k + 256]
            width = max(len(rows[i][1]) for i in chunk)
            em = torch.zeros(len(chunk), width, len(LABELS))
            mask = torch.zeros(len(chunk), width, dtype=torch.bool)
            for r, i in enumerate(chunk):
                n = len(rows[i][1])
                em[r, :n] = rows[i][0] + vector
                mask[r, :n] = True
            for r, path in zip(chunk, crf.decode(em, mask)):
                pred[r] = [LABELS[x] for x in path]
    return pred


def score(folds, biases):
    """Micro and macro F1 over the held-out sentences of the given folds, each decoded with its own CRF."""
    gold, pred = [], []
    for rows, crf in folds:
        gold += [g for _, g in rows]
        pred += decode(rows, crf, biases)
    return entity_f1(gold, pred)


def objective(report):
    # Macro is the aim; micro in the sum keeps a rare class from being bought with the common ones.
    return report["macro_f1"] + report["f1"]


def choose(folds, passes, classes, grid):
    """One class at a time, the grid value that most raises macro + micro F1 of the given folds."""
    biases = {kind: 0.0 for kind in classes}
    best = objective(score(folds, biases))
    for _ in range(passes):
        for kind in classes:
            for value in grid:
                if value == biases[kind]:
                    continue
                trial = {**biases, kind: value}
                got = objective(score(folds, trial))
                if got > best + 1e-9:
                    best, biases = got, trial
    return {k: v for k, v in biases.items() if v}


def print_header(biases_column):
    print(f"| fold | micro before | micro after | macro before | macro after | {biases_column} |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")


def print_row(name, folds, biases, biases_cell=""):
    """One table row: the given folds' micro and macro F1 without and with the biases."""
    before, after = score(folds, {}), score(folds, biases)
    print(f"| {name} | {before['f1']:.4f} | {after['f1']:.4f} | {before['macro_f1']:.4f} | "
          f"{after['macro_f1']:.4f} | {biases_cell} |", flush=True)


def report_fixed(names, folds, biases):
    print_header(f"biases {json.dumps(biases)}")
    for name, fold in zip(names + ["all folds"], [[f] for f in folds] + [folds]):
        print_row(name, fold, biases)


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    names = sorted(d for d in os.listdir(args.cv[0]) if d.startswith("fold"))
    folds = [held_out_scores(os.path.join(args.cv[0], name), args.checkpoint, args.cv[1:]) for name in names]
    if args.fixed:
        with open(args.fixed) as f:
            report_fixed(names, folds, json.load(f))
        return
    print_header("biases (chosen on the other folds)")
    for k, name in enumerate(names):
        chosen = choose(folds[:k] + folds[k + 1:], args.passes, args.classes, args.grid)
        print_row(name, [folds[k]], chosen, json.dumps(chosen))
    chosen = choose(folds, args.passes, args.classes, args.grid)
    with open(args.out, "w") as f:
        json.dump(chosen, f, indent=1)
    print(f"chosen on all folds: {json.dumps(chosen)} -> {args.out}")


if __name__ == "__main__":
    main()
