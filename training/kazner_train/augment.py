"""Mention substitution: each epoch, some entity mentions are swapped for another training mention of the
same type. The dev curve of the plain model flattens while its loss keeps falling: it memorises names
and their contexts together, and swapping names breaks that pairing."""
import random
import statistics
from collections import Counter, defaultdict

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


class RareBoost:
    """Class-aware sampling: a sentence whose rarest entity type is rarer than the median type is drawn again
    each epoch, on average strength * (median / count - 1) times (at most 3), so the rare types (ADAGE,
    FACILITY, EVENT...) are not drowned out by PERSON and GPE. With mention swap on, the copies get other names."""

    def __init__(self, examples, strength, seed):
        counts = Counter(kind for _, labels in examples for kind, _, _ in chunks([LABELS[x] for x in labels]))
        median = statistics.median(counts.values())
        self.rng = random.Random(seed + 2)
        self.examples = examples
        self.copies = []
        for _, labels in examples:
            kinds = {kind for kind, _, _ in chunks([LABELS[x] for x in labels])}
            rarest = min((counts[k] for k in kinds), default=median)
            self.copies.append(min(3.0, max(0.0, strength * (median / rarest - 1))))

    def expected(self):
        return round(sum(self.copies))

    def draw(self):
        extra = []
        for example, copies in zip(self.examples, self.copies):
            whole = int(copies)
            extra += [example] * (whole + (self.rng.random() < copies - whole))
        return extra
