"""Smoke check: the graph spells a sentence for the character language model exactly as charlm.sentence_text
spells its training text. python3 -m kazner_train.check_spelling --work RUN (a run trained with --charlm)"""
import argparse

import sentencepiece as spm

from . import charlm
from .charlm import BOUNDARY, PAD, UNK, sentence_text
from .data import encode_words, read_with_ids, word_pieces
from .export import load, padded
from .model import spell_sentences


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--work", required=True)
    p.add_argument("--lm", required=True, help="the charlm.pt the run read")
    args = p.parse_args()
    model, ckpt = load(args.work)
    sp = spm.SentencePieceProcessor(model_file=f"{args.work}/sentencepiece.bpe.model")
    _, vocab = charlm.load(args.lm)
    names = {i: c for c, i in vocab.items()}
    names.update({PAD: "", UNK: "\ufffd", BOUNDARY: "\n"})
    sentences = [tokens for _, tokens, _ in read_with_ids(f"{args.work}/dev.conll")[:16]]
    ids, mask = padded([encode_words(sp, tokens)[0] for tokens in sentences])
    spelled, _, _, _ = spell_sentences(model.words(ids, mask))
    spelled = model.charlm_map[spelled]
    checked = 0
    for tokens, row in zip(sentences, spelled):
        expected = "".join(c if c in vocab else "\ufffd" for c in sentence_text(tokens))
        got = "".join(names[int(x)] for x in row)
        # A word of more pieces than the graph follows, or of more characters than its slots, is cut short.
        whole = all(len(t) < ckpt["cfg"]["word_chars"] for t in tokens) and all(
            len(w) <= ckpt["cfg"]["word_pieces"] for w in word_pieces(sp, tokens))
        checked += whole
        if got != expected and whole:
            raise SystemExit(f"spelled {got!r}, expected {expected!r}")
    if checked == 0:
        raise SystemExit("check_spelling: no sentence without a cut word to check")
    print(f"check_spelling: {checked} of {len(sentences)} sentences spelled as the language model was trained")


if __name__ == "__main__":
    main()
