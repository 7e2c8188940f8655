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
    """Per finished fold: F1 at the last epoch (the fixed count the final run trains for, so nothing is picked
    on the fold's own held-out part), micro and macro, per class, the best epoch's micro F1 for reference, and the
    micro F1 of the last epochs' average weights when the fold ran with --average."""
    folds = sorted(d for d in os.listdir(out) if d.startswith("fold") and os.path.exists(os.path.join(out, d, "training.json")))
    rows = []
    for fold in folds:
        with open(os.path.join(out, fold, "training.json")) as f:
            run = json.load(f)
        last = run["history"][-1]
        rows.append(dict(fold=fold, micro=last["dev_f1"], macro=last.get("dev_macro_f1"),
                         best=max(h["dev_f1"] for h in run["history"]), classes=last.get("dev_classes", {}),
                         averaged=(run.get("averaged") or {}).get("dev_f1"),
                         minutes=run["seconds"] / 60, epochs=len(run["history"])))
    return rows


def mean_spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.4f} ± {spread:.4f}"


def table(outs):
    lines = ["| recipe | folds | epochs | micro F1, last epoch (mean ± sd) | macro F1, last epoch | best-epoch micro F1 "
             "(optimistic) | last-epochs average micro F1 | minutes per fold |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    runs = {os.path.basename(out.rstrip("/")): summary(out) for out in outs}
    for name, rows in runs.items():
        if not rows:
            continue
        lines.append(f"| {name} | {len(rows)} | {rows[0]['epochs']} | {mean_spread([r['micro'] for r in rows])} | "
                     f"{mean_spread([r['macro'] for r in rows])} | {mean_spread([r['best'] for r in rows])} | "
                     f"{mean_spread([r['averaged'] for r in rows])} | {statistics.mean(r['minutes'] for r in rows):.0f} |")
    return "\n".join(lines + ["", per_fold(runs), "", per_class(runs)])


def per_fold(runs):
    """Last-epoch micro / macro F1 of every fold: recipes are compared fold by fold, since folds differ more
    than recipes do."""
    folds = sorted({r["fold"] for rows in runs.values() for r in rows})
    lines = ["| recipe | " + " | ".join(folds) + " |", "| --- |" + " ---: |" * len(folds)]
    for name, rows in runs.items():
        by = {r["fold"]: r for r in rows}
        lines.append(f"| {name} | " + " | ".join(f"{by[f]['micro']:.4f} / {by[f]['macro'] or 0:.4f}" if f in by else "–"
                                                  for f in folds) + " |")
    return "\n".join(lines)


def per_class(runs):
    """Mean last-epoch F1 per class over the folds, one column per recipe."""
    names = [n for n, rows in runs.items() if rows and rows[0]["classes"]]
    classes = sorted({c for n in names for r in runs[n] for c in r["classes"]})
    lines = ["| class | " + " | ".join(names) + " |", "| --- |" + " ---: |" * len(names)]
    for c in classes:
        cells = [statistics.mean(r["classes"].get(c, 0.0) for r in runs[n]) for n in names]
        lines.append(f"| {c} | " + " | ".join(f"{v:.3f}" for v in cells) + " |")
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
