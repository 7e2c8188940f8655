"""Mention substitution: each epoch, some entity mentions are swapped for another training mention of the
same type. The dev curve of the plain model flattens while its loss keeps falling: it memorises names
and their contexts together, and swapping names breaks that pairing."""
import random
import statistics
from collections import Counter, defaultdict

from .data import LABELS
from .metrics import chunks


def substitute(words, labels, spans, replacement):
    """The sentence with each entity span replaced by replacement(kind, start, end), a (word_pieces, label_ids) pair."""
    out_words, out_labels, pos = [], [], 0
    for kind, start, end in spans:
        new_words, new_labels = replacement(kind, start, end)
        out_words += words[pos:start] + new_words
        out_labels += labels[pos:start] + new_labels
        pos = end
    return out_words + words[pos:], out_labels + labels[pos:]


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
        return substitute(words, labels, spans, lambda kind, start, end: self.rng.choice(self.pool[kind])
                          if self.rng.random() < 0.5 else (words[start:end], labels[start:end]))


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


class ProverbInsert:
    """ADAGE from mined proverbs (proverbs.py): each epoch, `count` training sentences with a gold ADAGE mention are
    drawn again with each of their ADAGE mentions replaced by a random mined proverb, so the tagger sees proverbs
    in the contexts news quotes them in (« ... » дейді, a proverb as a sentence of its own) instead of the same
    few dozen. As many copies get a short training sentence there instead, with its own gold labels: without them
    the tagger learnt the context, and called any quoted clause before "дейді" a proverb."""

    def __init__(self, examples, proverbs, fillers, count, seed):
        """examples: (word_pieces, label_ids) pairs; proverbs: word_pieces lists; fillers: (word_pieces, label_ids)."""
        self.hosts = [x for x in examples if any(kind == "ADAGE" for kind, _, _ in chunks([LABELS[i] for i in x[1]]))]
        self.proverbs, self.fillers = proverbs, fillers
        self.count = count if self.hosts and proverbs and fillers else 0
        self.rng = random.Random(seed + 3)
        self.begin, self.inside = LABELS.index("B-ADAGE"), LABELS.index("I-ADAGE")

    def expected(self):
        return 2 * self.count

    def draw(self):
        return [self.replace(*self.rng.choice(self.hosts), proverb) for _ in range(self.count)
                for proverb in (True, False)]

    def replace(self, words, labels, proverb):
        def replacement(kind, start, end):
            if kind != "ADAGE":
                return words[start:end], labels[start:end]
            if not proverb:
                return self.rng.choice(self.fillers)
            mention = self.rng.choice(self.proverbs)
            return mention, [self.begin] + [self.inside] * (len(mention) - 1)
        return substitute(words, labels, chunks([LABELS[x] for x in labels]), replacement)
