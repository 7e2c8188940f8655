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


class MentionInsert:
    """Mentions of one class from outside KazNERD (mined proverbs for ADAGE, law titles for LAW, generated hotline
    numbers for CONTACT): each epoch, `count` training sentences with a gold mention of that class are drawn again
    with those mentions replaced by a random outside one, so the tagger sees new names in the contexts news uses them
    in, instead of the same few dozen. `accepts(words, start, end)` limits which gold mentions may be replaced (a
    title ending in "туралы" can only stand where one did, a quoted name only between quotes). With `fillers` each
    copy has a twin with a short training sentence (with its own gold labels) there instead: for ADAGE, without them
    the tagger learnt the context, and called any quoted clause before "дейді" a proverb."""

    def __init__(self, kind, examples, mentions, count, seed, fillers=(), accepts=lambda words, start, end: True):
        """examples, fillers: (word_pieces, label_ids) pairs; mentions: word_pieces lists."""
        self.kind, self.mentions, self.fillers, self.accepts = kind, mentions, fillers, accepts
        self.hosts = [x for x in examples if self.replaceable(x[0], x[1])]
        self.count = count if self.hosts and mentions else 0
        self.rng = random.Random(seed)
        self.begin, self.inside = LABELS.index(f"B-{kind}"), LABELS.index(f"I-{kind}")

    def replaceable(self, words, labels):
        return any(kind == self.kind and self.accepts(words, start, end)
                   for kind, start, end in chunks([LABELS[x] for x in labels]))

    def expected(self):
        return self.count * (2 if self.fillers else 1)

    def draw(self):
        return [self.replace(*self.rng.choice(self.hosts), outside) for _ in range(self.count)
                for outside in ((True, False) if self.fillers else (True,))]

    def replace(self, words, labels, outside):
        def replacement(kind, start, end):
            if kind != self.kind or not self.accepts(words, start, end):
                return words[start:end], labels[start:end]
            if not outside:
                return self.rng.choice(self.fillers)
            mention = self.rng.choice(self.mentions)
            return mention, [self.begin] + [self.inside] * (len(mention) - 1)
        return substitute(words, labels, chunks([LABELS[x] for x in labels]), replacement)
