"""Weight soup: the element-wise mean of several fine-tunes' weights, one tagger at the cost of one.

Averaging weights only works for runs in one basin, so every member must have started from the same weights
(`train --init`) with the same tokenizer; that is checked, not assumed. Different seeds of one fine-tune differ
mostly in which rare-class copies they drew, and the mean keeps what they agree on (model card: CV rows "soup").

  python3 -m kazner_train.soup --out work/v9 work/v7 work/v8 work/v9-r10-s14 ...

writes best.pt and last.pt (both the soup, so `export` and `bias --checkpoint last.pt` read it), the members'
tokenizer and held-out file, if any, and soup.json (the members; not training.json, which `cv --table` reads
as one run's epochs).
"""
import argparse
import json
import os
import shutil

import torch

from .export import load, one_tokenizer, write_training_hashes

SHARED_FILES = ("sentencepiece.bpe.model", "sentencepiece.bpe.vocab", "dev.conll")  # equal across members


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", required=True)
    p.add_argument("--checkpoint", help="each member's weights to read; default last.pt, or best.pt where there is "
                   "none (an --all run keeps its last epoch there)")
    p.add_argument("members", nargs="+", help="training output folders fine-tuned from the same --init")
    return p.parse_args()


def same_start(members):
    """The --init and the tokenizer every member shares, or SystemExit naming what differs."""
    inits = set()
    for member in members:
        with open(os.path.join(member, "training.json"), encoding="utf-8") as f:
            inits.add(json.load(f)["args"].get("init"))
    if len(inits) != 1 or None in inits:
        raise SystemExit(f"soup: the members must be fine-tuned from one --init, got {sorted(map(str, inits))}")
    one_tokenizer(members, "soup")
    return inits.pop()


def mean_state(states):
    # Integer buffers (the piece tables) are equal across members; averaging them as floats gives them back.
    return {k: torch.stack([s[k].float() for s in states]).mean(dim=0).to(states[0][k].dtype) for k in states[0]}


def last_weights(member, checkpoint):
    if checkpoint is None:
        checkpoint = "last.pt" if os.path.exists(os.path.join(member, "last.pt")) else "best.pt"
    return load(member, checkpoint)[1]  # through the tagger, so a state that does not fit its settings fails here


def main():
    args = parse_args()
    init = same_start(args.members)
    ckpts = [last_weights(m, args.checkpoint) for m in args.members]
    if any(c["cfg"] != ckpts[0]["cfg"] for c in ckpts):
        raise SystemExit("soup: the members have different network settings")
    # The bundle's config records each checkpoint's epoch and held-out scores; a soup was scored on nothing.
    soup = dict(ckpts[0], state=mean_state([c["state"] for c in ckpts]), epoch=max(c["epoch"] for c in ckpts), dev={})
    os.makedirs(args.out, exist_ok=True)
    for name in ("best.pt", "last.pt"):
        torch.save(soup, os.path.join(args.out, name))
    for name in SHARED_FILES:
        if os.path.exists(os.path.join(args.members[0], name)):
            shutil.copy(os.path.join(args.members[0], name), args.out)
    write_training_hashes(args.members, os.path.join(args.out, "training-sentences.sha256"))
    with open(os.path.join(args.out, "soup.json"), "w", encoding="utf-8") as f:
        json.dump(dict(members=args.members, checkpoint=args.checkpoint or "last.pt, else best.pt", init=init),
                  f, indent=1)
    print(f"soup of {len(args.members)} runs fine-tuned from {init} -> {args.out}")


if __name__ == "__main__":
    main()
