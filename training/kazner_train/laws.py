"""Law titles mined from unlabelled text, for LAW: KazNERD writes a law by its title without the word "заң"
("Педагог мәртебесі туралы заң", LAW = "Педагог мәртебесі туралы"), and its training data holds 17 such titles, too
few for the tagger to learn that any "... туралы" before "заң" is one. Official texts quote titles the same way
(«Білім туралы» Заңы), so a quoted clause ending in "туралы" is taken when a law, code, decree, resolution,
convention or agreement follows it (a quoted "... туралы" alone is as often a book or an article). Only the tagger
learns from them; they are not shipped.

python3 -m kazner_train.laws FILE... prints the count and a sample."""
import re

from . import mining
from .pretrain import WORD_RE

TITLE = re.compile(r"[«\"“]([А-ЯӘҒҚҢӨҰҮҺІЁ][^«»\"“”\n]{2,150}?\sтуралы)[»\"”]\s+(?:Қазақстан Республикасының\s+)?"
                   r"(?:[Зз]аң|[Кк]одек|[Жж]арлы|[Ққ]аулы|[Кк]онвенц|[Кк]елісім)")
TURALY = "туралы"


def mine(paths, max_words=16):
    """Distinct quoted titles ending in "туралы", as KazNERD-style tokens."""
    return mining.distinct(paths, lambda line: [tokens for tokens in map(WORD_RE.findall, TITLE.findall(line))
                                                if len(tokens) <= max_words])


if __name__ == "__main__":
    mining.main(__doc__, "law titles", mine)
