"""Generated hotline numbers, for CONTACT: KazNERD's training data holds 24 CONTACT mentions, nearly all short
service numbers quoted in a sentence («109» нөмірі, «1406» телефон нөміріне), in digits or, in its typographic
variants, in words ("жүз тоғыз", "он төрт нөл алты"). The tagger learnt those few numbers, and tags a new one in the
same place as PRODUCT or CARDINAL. These are made up, so no text is read.

python3 -m kazner_train.hotlines prints a sample."""
import argparse
import random

ONES = ["нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
TENS = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]


def two_digits(n):
    """A number below 100 read out."""
    if n < 10:
        return [ONES[n]]
    return [TENS[n // 10]] + ([ONES[n % 10]] if n % 10 else [])


def three_digits(n):
    hundreds, rest = divmod(n, 100)
    head = ["жүз"] if hundreds == 1 else [ONES[hundreds], "жүз"]
    return head + (two_digits(rest) if rest else [])


def in_words(number):
    """Three digits as a number ("жүз тоғыз"), four as two pairs ("он төрт нөл алты"), a pair's leading zero read
    as "нөл", as phone numbers are."""
    if len(number) == 3:
        return three_digits(int(number))
    return [word for pair in (number[:2], number[2:]) for word in
            (["нөл", ONES[int(pair[1])]] if pair[0] == "0" else two_digits(int(pair)))]


def generate(count, seed):
    """count made-up hotline numbers (a number may come twice), half in digits and half in words, as token lists."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        number = str(rng.randint(100, 199)) if rng.random() < 0.5 else str(rng.randint(1000, 1999))
        out.append([number] if rng.random() < 0.5 else in_words(number))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sample", type=int, default=20)
    for tokens in generate(p.parse_args().sample, 0):
        print(" ".join(tokens))


if __name__ == "__main__":
    main()
