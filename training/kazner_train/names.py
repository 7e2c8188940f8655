"""Quoted names mined from unlabelled text, for the classes KazNERD writes between quotes («Тұмар» бәйгесі,
«Wipon» жүйесі, «Алтын дән» мерекесі): what the name is comes from the word after it, but the tagger, having seen
each training name with one type, calls a new quoted name ORGANISATION (the commonest). Names from outside, put
where a training name of each class stood, make it read the context. Only names whose every word is capitalised
(or a number) are taken: a quoted clause with lower-case words is more often speech or a title with a type word of
its own. Only the tagger learns from them; they are not shipped.

python3 -m kazner_train.names FILE... prints the count and a sample."""
import re

from . import mining
from .pretrain import WORD_RE

QUOTED = re.compile(r"«([^«»\n]{1,60})»")
# The classes KazNERD often writes between quotes (each has its own random stream, in this order). ORGANISATION is
# among them so that a new quoted name is not taken for a rare type just for being new.
CLASSES = ["EVENT", "PRODUCT", "FACILITY", "PROJECT", "ART", "ORGANISATION"]


def is_name(tokens):
    return (1 <= len(tokens) <= 4 and all(t[0].isupper() or t[0].isdigit() for t in tokens)
            and any(t[0].isalpha() for t in tokens) and tokens[-1] != "туралы")


def mine(paths):
    """Distinct quoted names of the files, as KazNERD-style tokens."""
    return mining.distinct(paths, lambda line: [tokens for tokens in map(WORD_RE.findall, QUOTED.findall(line))
                                                if is_name(tokens)])


if __name__ == "__main__":
    mining.main(__doc__, "quoted names", mine)
