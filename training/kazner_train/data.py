"""KazNERD reading, the grouped dev split, and XLM-R style piece ids."""
import hashlib
import random
import re

ENTITY_TYPES = [
    "ADAGE", "ART", "CARDINAL", "CONTACT", "DATE", "DISEASE", "EVENT", "FACILITY", "GPE",
    "LANGUAGE", "LAW", "LOCATION", "MISCELLANEOUS", "MONEY", "NON_HUMAN", "NORP", "ORDINAL",
    "ORGANISATION", "PERCENTAGE", "PERSON", "POSITION", "PRODUCT", "PROJECT", "QUANTITY", "TIME",
]
LABELS = ["O"] + [f"{p}-{t}" for t in ENTITY_TYPES for p in ("B", "I")]
LABEL2ID = {label: i for i, label in enumerate(LABELS)}

# XLM-R convention: fairseq specials first, then every SentencePiece id shifted by one.
BOS, PAD, EOS, UNK = 0, 1, 2, 3
ID_RE = re.compile(r"^[A-Z]ID(\d+)$")


def read_with_ids(path):
    """Yields (group, tokens, labels); group is the id number shared by typographic variants."""
    sentences, group, tokens, labels = [], None, [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    sentences.append((group, tokens, labels))
                group, tokens, labels = None, [], []
                continue
            token, label = line.rsplit(" ", 1)
            m = ID_RE.match(token) if group is None and not tokens else None
            if m:
                group = m.group(1)
                continue
            tokens.append(token)
            labels.append(label)
    if tokens:
        sentences.append((group, tokens, labels))
    return sentences


# One fifth of test part A's id groups, chosen by a hash of the id number so that it never moves: the final check.
# No choice (recipe, epoch count, seed, feature) may look at it; each shipped candidate is scored on it once.
FINAL_CHECK_SOURCE = "IOB2_test_partA"


def is_final_check(path, group):
    return FINAL_CHECK_SOURCE in path and int(hashlib.sha256(group.encode()).hexdigest(), 16) % 5 == 0


def without_final_check(path, sentences):
    return [s for s in sentences if not is_final_check(path, s[0])]


def split_by_group(sentences, dev_fraction, seed, fold=None):
    """Holds out the first dev_fraction of the shuffled id groups, or with fold=(i, k) the i-th of k equal
    slices of them: k-fold cross-validation where typographic variants of one sentence stay on one side."""
    groups = sorted({g for g, _, _ in sentences})
    random.Random(seed).shuffle(groups)
    if fold is None:
        dev_groups = set(groups[: int(len(groups) * dev_fraction)])
    else:
        i, k = fold
        dev_groups = set(groups[len(groups) * i // k: len(groups) * (i + 1) // k])
    train = [s for s in sentences if s[0] not in dev_groups]
    dev = [s for s in sentences if s[0] in dev_groups]
    return train, dev


def write_conll(sentences, path):
    with open(path, "w", encoding="utf-8") as f:
        for _, tokens, labels in sentences:
            for t, l in zip(tokens, labels):
                f.write(f"{t} {l}\n")
            f.write("\n")


def word_pieces(sp, tokens):
    """Encodes each word on its own (as is_split_into_words does), with XLM-R ids."""
    return [[UNK if p == sp.unk_id() else p + 1 for p in sp.encode(word)] or [UNK] for word in tokens]


def join_words(words):
    """Word pieces -> the sentence's ids and first-piece flags, between <s> and </s>."""
    ids, first = [BOS], [0]
    for pieces in words:
        ids.extend(pieces)
        first.extend([1] + [0] * (len(pieces) - 1))
    ids.append(EOS)
    first.append(0)
    return ids, first


def encode_words(sp, tokens):
    return join_words(word_pieces(sp, tokens))
