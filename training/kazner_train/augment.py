"""Mention substitution: each epoch, some entity mentions are swapped for another training mention of the
same type. The dev curve of the plain model flattens while its loss keeps falling: it memorises names
and their contexts together, and swapping names breaks that pairing."""
import random
from collections import defaultdict

from .data import LABELS
from .metrics import chunks


class MentionSwap:
    def __init__(self, examples, rate, seed):
        """examples: (word_pieces, label_ids) pairs; rate: share of sentences touched per epoch."""
        self.rate = rate
        self.rng = random.Random(seed)
        self.pool = defaultdict(list)
        for words, labels in examples:
            for kind, start, end in chunks([LABELS[x] for x in labels]):
                self.pool[kind].append((words[start:end], labels[start:end]))

    def __call__(self, words, labels):
        spans = chunks([LABELS[x] for x in labels])
        if not spans or self.rng.random() >= self.rate:
            return words, labels
        out_words, out_labels, pos = [], [], 0
        for kind, start, end in spans:
            out_words += words[pos:start]
            out_labels += labels[pos:start]
            mention = self.rng.choice(self.pool[kind]) if self.rng.random() < 0.5 else (words[start:end],
                                                                                        labels[start:end])
            out_words += mention[0]
            out_labels += mention[1]
            pos = end
        return out_words + words[pos:], out_labels + labels[pos:]
