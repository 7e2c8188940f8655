"""What the miners of outside mentions (proverbs.py, laws.py, names.py) share: distinct candidates over the files'
lines, in file order (the training draws index into that order), and a command that prints a sample."""
import argparse
import random


def distinct(paths, candidates):
    """The token lists candidates(line) yields over the files' lines, each once (case ignored), in file order."""
    seen, out = set(), []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                for tokens in candidates(line):
                    key = " ".join(tokens).lower()
                    if key not in seen:
                        seen.add(key)
                        out.append(tokens)
    return out


def main(doc, noun, mine):
    p = argparse.ArgumentParser(description=doc)
    p.add_argument("files", nargs="+")
    p.add_argument("--sample", type=int, default=20)
    args = p.parse_args()
    found = mine(args.files)
    print(f"{len(found)} {noun}")
    for tokens in random.Random(0).sample(found, min(args.sample, len(found))):
        print(" ".join(tokens))
