"""Subword skip-gram vectors (fastText) from unlabelled Kazakh text plus the training text, used to start the
piece embeddings somewhere better than noise. Only the vectors are kept; the unlabelled text is not shipped."""
import os
import random
import re
import subprocess

import numpy as np
import torch

WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def unlabelled_sentences(paths, weights, seed, min_words=1):
    """The files' lines of at least min_words words, split into words and punctuation roughly as KazNERD tokenizes.
    A weight below 1 keeps that seeded share of a file's lines (the legal and official registers are a large share
    of the text; the tagger reads news). One random draw per line long enough, so the fastText corpus and the
    character LM's sentences are the same draws for one seed."""
    rng = random.Random(seed)
    for path, weight in zip(paths, weights):
        with open(path, encoding="utf-8") as f:
            for line in f:
                words = WORD_RE.findall(line)
                if len(words) >= min_words and rng.random() < weight:
                    yield words


def corpus(unlabelled, weights, seed, train, path):
    """One sentence per line: the unlabelled text, then the training sentences."""
    with open(path, "w", encoding="utf-8") as out:
        for words in unlabelled_sentences(unlabelled, weights, seed):
            out.write(" ".join(words) + "\n")
        for _, tokens, _ in train:
            out.write(" ".join(tokens) + "\n")


def train_vectors(unlabelled, weights, train, out, dim, seed):
    text = os.path.join(out, "fasttext_corpus.txt")
    corpus(unlabelled, weights, seed, train, text)
    prefix = os.path.join(out, "fasttext")
    # One thread keeps fastText reproducible; 200k buckets keep the binary small (the default makes 800 MB).
    subprocess.run(["fasttext", "skipgram", "-input", text, "-output", prefix, "-dim", str(dim), "-minn", "2",
                    "-maxn", "5", "-minCount", "2", "-epoch", "5", "-bucket", "200000", "-thread", "1",
                    "-seed", str(seed), "-verbose", "0"], check=True)
    os.remove(text)
    os.remove(prefix + ".vec")  # the same vectors in text form; only the binary is read
    return prefix + ".bin"


def piece_vectors(model_bin, pieces, dim):
    """[len(pieces), dim] vectors, rows standardised to the scale of nn.Embedding's N(0, 1) start; pieces
    with no letters of their own (specials, a lone "▁") get None and keep their random start."""
    words = [p.lstrip("\u2581") for p in pieces]
    query = [w for w in words if w]
    result = subprocess.run(["fasttext", "print-word-vectors", model_bin], input="\n".join(query) + "\n",
                            capture_output=True, text=True, check=True).stdout.splitlines()
    if len(result) != len(query):
        raise SystemExit(f"fasttext returned {len(result)} vectors for {len(query)} pieces")
    vectors = iter(np.array(line.rstrip().rsplit(" ", dim)[1:], dtype=np.float32) for line in result)
    rows = [next(vectors) if w else None for w in words]
    known = np.stack([r for r in rows if r is not None])
    mean, std = known.mean(axis=0), known.std()
    return [None if r is None else torch.from_numpy((r - mean) / std) for r in rows]
