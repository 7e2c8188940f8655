"""Proverbs mined from unlabelled text, for ADAGE: KazNERD's training data holds 27 proverb mentions, too few for
the tagger to learn what a proverb looks like rather than those 27. Kazakh proverbs have a regular shape: two
parallel halves split by a comma whose last words rhyme ("Алдын аңла, кейін таңла."), or two "A — B" clauses
("Ақыл — сөзде, мейір — көзде."). Only lines of that shape are taken, and only in lower case after the first letter
(no names), without digits, Latin letters or quotes: news sentences rarely pass. Only the tagger learns from them;
they are not shipped.

python3 -m kazner_train.proverbs FILE... prints the count and a sample."""
import re

from . import mining
from .pretrain import WORD_RE

DASH = re.compile(r"\s[–—-]\s")
EXCLUDED = re.compile(r"[0-9A-Za-z«»\"“”():;?]")


def rhymes(a, b):
    return len(a) > 3 and a[-3:] == b[-3:]


def is_proverb(line):
    line = line.strip()
    if EXCLUDED.search(line) or any(c.isupper() for c in line[1:]):
        return False
    words = line.split()
    if not 3 <= len(words) <= 14:
        return False
    halves = [h.split() for h in line.rstrip(".!").split(",")]
    if len(halves) != 2 or not all(halves):
        return False
    dashes = len(DASH.findall(line))
    return dashes == 2 or (dashes == 0 and len(words) <= 10 and rhymes(halves[0][-1], halves[1][-1]))


def mine(paths):
    """Distinct proverb lines of the files, as KazNERD-style tokens without the closing full stop."""
    return mining.distinct(paths, lambda line: [WORD_RE.findall(line.strip().rstrip(".!"))] if is_proverb(line) else [])


if __name__ == "__main__":
    mining.main(__doc__, "proverbs", mine)
