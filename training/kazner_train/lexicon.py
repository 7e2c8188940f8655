"""Lexicon features: what a word list and name lists say about a word, as a constant table inside the graph.

A word is keyed by a hash of its piece ids (the engine encodes words one by one, so a form always has the same
pieces) into a table of feature bits; the model embeds the bits. Unknown words land on an empty slot or, rarely,
on another word's bits: a noisy hint the model learns how far to trust. Nothing changes at the ONNX interface.
"""
import os
from collections import defaultdict

import torch

from .data import word_pieces

BITS = 4
COMMON = 1  # the form itself is a lower-case word of the list
LISTED_NAME = 2  # the form itself is a capitalised entry of the list (many are names)
CAPITALISED_COMMON = 4  # a capitalised form whose lower-case form is a word of the list
PLACE_OR_LANGUAGE = 8  # a country, territory, language or currency name, or such a name with a suffix
# Per piece slot of a word (up to 8 pieces); odd, below 2**20, so ids below 2**14 keep sums far below 2**63.
MULTIPLIERS = [1, 92821, 370261, 513319, 689477, 825161, 918083, 1013387]
MAX_SUFFIX = 6


def read_forms(folder):
    """Word forms and their bits from folder's tesseract_kaz_wordlist.txt, cldr_kk_names.tsv, isocodes_*.tsv."""
    with open(os.path.join(folder, "tesseract_kaz_wordlist.txt"), encoding="utf-8") as f:
        words = {line.strip() for line in f if line.strip()}
    bits = defaultdict(int)
    for word in words:
        if word.islower():
            bits[word] |= COMMON
            bits[word[0].upper() + word[1:]] |= CAPITALISED_COMMON
        elif word[0].isupper() and word[1:].islower():
            bits[word] |= LISTED_NAME
    place_names = {n for n in names(folder) if n.lower() not in words}  # not "Орталық" of "Орталық Африка"
    by_prefix = defaultdict(list)
    for word in words:
        if word[:1].isupper():
            by_prefix[word[:4]].append(word)
    for name in place_names:
        bits[name] |= PLACE_OR_LANGUAGE
        # Kazakh adds case and possessive endings: the list's capitalised forms that extend a name by a few
        # letters are its inflections ("Қазақстанда", "Қазақстанның").
        for word in by_prefix[name[:4]]:
            if word.startswith(name) and len(word) - len(name) <= MAX_SUFFIX:
                bits[word] |= PLACE_OR_LANGUAGE
    return dict(bits)


def names(folder):
    """Single capitalised words of Kazakh place, language and currency names (multi-word names give each word)."""
    def capitalised_words(name):
        return {w for w in name.split() if w[:1].isupper() and len(w) > 2}

    found = set()
    with open(os.path.join(folder, "cldr_kk_names.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[0] in ("territory", "language", "currency"):
                found |= capitalised_words(parts[2])
    for path in sorted(os.listdir(folder)):
        if path.startswith("isocodes_"):
            with open(os.path.join(folder, path), encoding="utf-8") as f:
                for line in f:
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) == 2:
                        found |= capitalised_words(parts[1])
    return found


def word_key(pieces, size):
    """The table slot of a word given as XLM-R piece ids; the graph computes the same from its piece rows."""
    return sum(p * m for p, m in zip(pieces, MULTIPLIERS)) % size


def build_table(sp, folder, size):
    table = torch.zeros(size, dtype=torch.uint8)
    bits = read_forms(folder)
    for form, value in bits.items():
        pieces = word_pieces(sp, [form])[0]
        if len(pieces) <= len(MULTIPLIERS):
            key = word_key(pieces, size)
            table[key] = table[key] | value
    print(f"lexicon: {len(bits)} forms, {int((table > 0).sum())} of {size} slots set", flush=True)
    return table


def keys(pieces, in_word, multipliers, size):
    """[B, W, K] piece ids of words -> [B, W] table slots, as word_key does."""
    h = (pieces * in_word * multipliers).sum(dim=2)
    return h - torch.div(h, size, rounding_mode="floor") * size
