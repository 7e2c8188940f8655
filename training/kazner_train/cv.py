"""k-fold cross-validation of one training recipe over id groups, and the table for the model card:
python3 -m kazner_train.cv --out work/cv/ftswap --folds 3 --jobs 2 -- --epochs 12 --swap-rate 0.5 ...

Every fold is a full `kazner_train.train` run (one thread each) holding out one slice of every file's id groups,
so variants of one sentence stay together. `--table A B ...` only prints the table of finished runs.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", help="folder for the fold runs (fold0, fold1, ...)")
    p.add_argument("--folds", type=int, default=3)
    p.add_argument("--jobs", type=int, default=1, help="folds trained at once, one thread each")
    p.add_argument("--teachers", help="self-training: the cross-validation folder whose fold I labels --pseudo-text for "
                                      "fold I here (kazner_train.pseudo), so no fold's teacher saw its held-out third")
    p.add_argument("--pseudo-text", help="unlabelled text for the teachers to label")
    p.add_argument("--table", nargs="+", help="print the table of these finished cross-validation folders")
    p.add_argument("train_args", nargs=argparse.REMAINDER, help="after --: arguments for kazner_train.train")
    return p.parse_args()


def run_fold(out, fold, folds, train_args, teachers, pseudo_text):
    work = os.path.join(out, f"fold{fold}")
    os.makedirs(work, exist_ok=True)
    steps = []
    if teachers:
        pseudo = os.path.join(work, "pseudo.conll")
        steps.append([sys.executable, "-m", "kazner_train.pseudo", "--teacher", os.path.join(teachers, f"fold{fold}"),
                      "--text", pseudo_text, "--out", pseudo, "--threads", "1"])
        train_args = [*train_args, "--pseudo", pseudo]
    steps.append([sys.executable, "-m", "kazner_train.train", "--out", work, "--folds", str(folds), "--fold", str(fold),
                  "--threads", "1", *train_args])
    with open(os.path.join(work, "train.log"), "w") as log:
        for command in steps:
            code = subprocess.call(command, stdout=log, stderr=subprocess.STDOUT)
            if code != 0:
                raise SystemExit(f"fold {fold} failed with exit code {code}: see {work}/train.log")


def summary(out):
    # Folds still training have no training.json yet; the table counts the finished ones.
    folds = sorted(d for d in os.listdir(out) if d.startswith("fold") and os.path.exists(os.path.join(out, d, "training.json")))
    rows = []
    for fold in folds:
        with open(os.path.join(out, fold, "training.json")) as f:
            run = json.load(f)
        best = max(run["history"], key=lambda h: h["dev_f1"])
        last = run["history"][-1]
        averaged = (run.get("averaged") or {}).get("dev_f1")
        rows.append(dict(fold=fold, best=best["dev_f1"], epoch=best["epoch"], last=last["dev_f1"], averaged=averaged,
                         minutes=run["seconds"] / 60, dev=run["dev_sentences"]))
    return rows


def mean_spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.4f} ± {spread:.4f}"


def table(outs):
    lines = ["| recipe | folds | best epoch F1 (mean ± sd) | last epoch F1 | last-epochs average F1 | minutes per fold |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    runs = {os.path.basename(out.rstrip("/")): summary(out) for out in outs}
    for name, rows in runs.items():
        minutes = statistics.mean(r["minutes"] for r in rows)
        lines.append(f"| {name} | {len(rows)} | {mean_spread([r['best'] for r in rows])} | "
                     f"{mean_spread([r['last'] for r in rows])} | {mean_spread([r['averaged'] for r in rows])} | "
                     f"{minutes:.0f} |")
    return "\n".join(lines + ["", per_fold(runs)])


def per_fold(rows_by_recipe):
    """Best-epoch F1 of every fold: recipes are compared fold by fold, since the folds differ more than they do."""
    runs = {name: {r["fold"]: r["best"] for r in rows} for name, rows in rows_by_recipe.items()}
    folds = sorted({f for run in runs.values() for f in run})
    lines = ["| recipe | " + " | ".join(folds) + " |", "| --- |" + " ---: |" * len(folds)]
    for name, run in runs.items():
        lines.append(f"| {name} | " + " | ".join(f"{run[f]:.4f}" if f in run else "–" for f in folds) + " |")
    return "\n".join(lines)


def main():
    args = parse_args()
    if args.table:
        print(table(args.table))
        return
    if not args.out:
        raise SystemExit("--out is required unless --table is given")
    train_args = [a for a in args.train_args if a != "--"]
    if bool(args.teachers) != bool(args.pseudo_text):
        raise SystemExit("--teachers and --pseudo-text go together")
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        list(pool.map(lambda fold: run_fold(args.out, fold, args.folds, train_args, args.teachers, args.pseudo_text),
                      range(args.folds)))
    print(table([args.out]))


if __name__ == "__main__":
    main()
