"""Self-training, first half: a trained tagger (the teacher) labels unlabelled text, and the sentences whose
whole label path it is sure of become extra training data (`train --pseudo`). python3 -m kazner_train.pseudo
--teacher work/ftswap --text ../../shared/data/unlabelled-kk/all.txt --out work/pseudo-ftswap.conll

The teacher must not have seen what the student is scored on: a cross-validation fold's student uses that
fold's own teacher, and the shipped model's student the held-out run's teacher.
"""
import argparse
import os

import sentencepiece as spm
import torch

from .data import LABELS, word_pieces, write_conll
from .export import load
from .pretrain import WORD_RE
from .train import add_threads_option, flatten, predict


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--teacher", required=True, help="training output folder of the teacher (best.pt, tokenizer)")
    p.add_argument("--text", required=True, help="plain text, one sentence or short passage per line")
    p.add_argument("--out", required=True, help="CoNLL file of the kept sentences with the teacher's labels")
    p.add_argument("--min-probability", type=float, default=0.5,
                   help="keep a sentence when the teacher gives its whole Viterbi path at least this probability")
    p.add_argument("--min-words", type=int, default=4)
    p.add_argument("--max-words", type=int, default=60)
    add_threads_option(p)
    return p.parse_args()


def read_lines(path, min_words, max_words):
    with open(path, encoding="utf-8") as f:
        sentences = [WORD_RE.findall(line) for line in f]
    return [words for words in sentences if min_words <= len(words) <= max_words]


def label(model, sp, sentences):
    """(tokens, labels, path probability) for each sentence, in the order given."""
    examples = [flatten(word_pieces(sp, words), [0] * len(words)) for words in sentences]
    out = [None] * len(examples)
    with torch.no_grad():
        for chunk, em, word_mask, paths in predict(model, examples, "cpu"):
            padded = torch.zeros(word_mask.shape, dtype=torch.long)
            for r, path in enumerate(paths):
                padded[r, : len(path)] = torch.tensor(path)
            probability = model.crf.log_likelihood(em, padded, word_mask).exp()
            for r, i in enumerate(chunk):
                out[i] = (sentences[i], [LABELS[x] for x in paths[r]], float(probability[r]))
    return out


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    model, _ = load(args.teacher)
    sp = spm.SentencePieceProcessor(model_file=os.path.join(args.teacher, "sentencepiece.bpe.model"))
    labelled = label(model, sp, read_lines(args.text, args.min_words, args.max_words))
    kept = [(None, words, labels) for words, labels, p in labelled if p >= args.min_probability]
    with_entities = sum(any(x != "O" for x in labels) for _, _, labels in kept)
    write_conll(kept, args.out)
    print(f"{len(kept)} of {len(labelled)} sentences kept (path probability >= {args.min_probability}), "
          f"{with_entities} with entities, {sum(len(w) for _, w, _ in kept)} words -> {args.out}", flush=True)


if __name__ == "__main__":
    main()
