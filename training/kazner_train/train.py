"""Trains the default model: python3 -m kazner_train.train --out work/ (see training/README.md)."""
import argparse
import hashlib
import json
import math
import os
import random
import shutil
import time

import numpy as np
import sentencepiece as spm
import torch

from . import charlm, export, hotlines, laws, lexicon, names, proverbs
from .augment import MentionInsert, MentionSwap, RareBoost
from .data import (LABEL2ID, LABELS, is_final_check, join_words, read_with_ids, split_by_group, without_final_check,
                   word_pieces, write_conll)
from .model import Tagger
from .pretrain import piece_vectors, train_vectors
from .sequence import reorder
from .metrics import entity_f1

DEFAULTS = dict(piece_dim=128, char_dim=48, char_filters=128, char_widths=[3, 5], hidden=256, layers=2,
                dropout=0.5, lstm_dropout=0.3, piece_drop=0.1, word_pieces=8, word_chars=28)


def add_threads_option(parser):
    parser.add_argument("--threads", type=int, default=1,
                        help="PyTorch threads; the ops are small, and on the 2-CPU machine 2 threads made a step 4x slower than 1")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", nargs="+", default=["../data/kaznerd/IOB2_valid_with_ids.txt",
                                                 "../data/kaznerd/IOB2_test_partA_with_ids.txt"])
    p.add_argument("--out", required=True)
    p.add_argument("--epochs", type=int, default=24)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--vocab-size", type=int, default=12000)
    p.add_argument("--dev-fraction", type=float, nargs="+", default=[0.08, 0.15],
                   help="share of each data file's id numbers held out (one value, or one per file)")
    p.add_argument("--unlabelled", nargs="+", help="plain Kazakh text files: fastText vectors from them and the "
                                                     "training text start the piece embeddings")
    p.add_argument("--unlabelled-weights", nargs="+", type=float,
                   help="share of each --unlabelled file's lines to read (default all), drawn with --seed")
    p.add_argument("--folds", type=int, default=0,
                   help="k-fold cross-validation over id groups: hold out fold --fold of this many (not --dev-fraction)")
    p.add_argument("--fold", type=int, default=0)
    p.add_argument("--average", type=int, default=0,
                   help="also score the average of the last N epochs' weights (checkpoint averaging)")
    p.add_argument("--lexicons", help="folder of word and name lists (lexicon.py): their features go into the graph")
    p.add_argument("--lexicon-size", type=int, default=2 ** 22, help="slots of the lexicon table (one byte each)")
    p.add_argument("--hidden", type=int, default=DEFAULTS["hidden"], help="BiLSTM units per direction (3.0.0 had 160)")
    p.add_argument("--limit", type=int, default=0, help="use only the first N sentences (smoke tests)")
    p.add_argument("--all", action="store_true", help="train on the dev groups too, for the fixed epoch count")
    p.add_argument("--swap-rate", type=float, default=0.0,
                   help="share of training sentences whose entity mentions may be swapped each epoch")
    p.add_argument("--pseudo", help="teacher-labelled sentences (kazner_train.pseudo) to train on beside the gold ones")
    p.add_argument("--pseudo-share", type=float, default=0.5,
                   help="pseudo-labelled sentences drawn afresh each epoch, as a share of the gold training sentences")
    p.add_argument("--charlm", help="pretrained character language model (kazner_train.charlm's charlm.pt): its "
                                    "states around each word feed the tagger, frozen")
    p.add_argument("--rare-boost", type=float, default=0.0,
                   help="class-aware sampling: each epoch, a sentence with an entity of a rare type is drawn again, on "
                        "average this * (median type count / count of its rarest type - 1) times, at most 3")
    p.add_argument("--init", help="fine-tune this finished run (its weights, tokenizer and features) instead of starting "
                                  "afresh; it must have trained on exactly this run's sentences")
    p.add_argument("--proverbs", nargs="+", help="plain text files to mine proverbs from (proverbs.py): ADAGE mentions")
    p.add_argument("--proverb-sentences", type=int, default=300,
                   help="with --proverbs: training sentences drawn each epoch with their ADAGE replaced by a proverb, "
                        "and as many with a short training sentence there")
    p.add_argument("--law-titles", nargs="+", help="plain text files to mine law titles from (laws.py): LAW mentions")
    p.add_argument("--law-sentences", type=int, default=200,
                   help="with --law-titles: training sentences drawn each epoch with a LAW title ending in \"туралы\" "
                        "replaced by a mined one")
    p.add_argument("--quoted-names", nargs="+", help="plain text files to mine quoted names from (names.py): each of "
                                                    "names.CLASSES gets them in place of its own quoted mentions")
    p.add_argument("--quoted-sentences", type=int, default=100,
                   help="with --quoted-names: training sentences drawn each epoch for each class")
    p.add_argument("--hotlines", type=int, default=0,
                   help="training sentences drawn each epoch with their CONTACT replaced by a generated hotline number "
                        "(hotlines.py)")
    p.add_argument("--seed", type=int, default=13, help="weights, batch order, mention swap and fastText")
    p.add_argument("--split-seed", type=int, default=13,
                   help="which id groups are held out (13: 2.0.0's dev groups), kept apart from --seed so that runs "
                        "with other seeds are scored on the same sentences")
    add_threads_option(p)
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    return p.parse_args()


def train_tokenizer(train, out, vocab_size):
    text = os.path.join(out, "spm_train.txt")
    with open(text, "w", encoding="utf-8") as f:
        for _, tokens, _ in train:
            f.write(" ".join(tokens) + "\n")
    # Digits one by one: numbers are read by the character path, and runs of digits would otherwise have
    # equally scored segmentations that SentencePiece and Microsoft.ML.Tokenizers break differently.
    spm.SentencePieceTrainer.train(
        input=text, model_prefix=os.path.join(out, "sentencepiece.bpe"), model_type="unigram",
        vocab_size=vocab_size, hard_vocab_limit=False, character_coverage=1.0,
        normalization_rule_name="identity", split_digits=True, num_threads=1,
        minloglevel=2)
    return spm.SentencePieceProcessor(model_file=os.path.join(out, "sentencepiece.bpe.model"))


def piece_tables(sp):
    """Per XLM-R id: the piece's characters, their count, and whether the piece starts a word."""
    pieces = ["<s>", "<pad>", "</s>", "<unk>"] + [sp.id_to_piece(i) for i in range(3, sp.get_piece_size())]
    chars = sorted({c for p in pieces[4:] for c in p})
    char_ids = {c: i + 2 for i, c in enumerate(chars)}  # 0 = padding, 1 = special-token marker
    width = max(len(p) for p in pieces[4:])
    table = np.zeros((len(pieces), width), dtype=np.int64)
    lengths = np.ones(len(pieces), dtype=np.int64)
    starts = np.array([p.startswith("\u2581") for p in pieces])
    table[[0, 2, 3], 0] = 1
    lengths[1] = 0
    starts[[0, 1, 2]] = True  # <s>, padding and </s> are words of their own; <unk> continues one
    for r, piece in enumerate(pieces[4:], start=4):
        table[r, : len(piece)] = [char_ids[c] for c in piece]
        lengths[r] = len(piece)
    tables = dict(chars=torch.from_numpy(table), lengths=torch.from_numpy(lengths), starts=torch.from_numpy(starts))
    return tables, ["", "\n"] + chars


def held_out_split(args):
    """Per data file, a share of its id numbers is held out (variants of one sentence stay together); the
    validation file's share and seed give 2.0.0's dev groups, so 2.0.0 can be measured on them too. A held-out
    sentence whose text also occurs elsewhere (KazNERD repeats a few across splits) is dropped from training.
    With --all the dev groups are trained on too."""
    fractions = args.dev_fraction * len(args.data) if len(args.dev_fraction) == 1 else args.dev_fraction
    if len(fractions) != len(args.data):
        raise SystemExit("--dev-fraction: give one value or one per --data file")
    train, dev, final_check = [], [], set()
    for path, fraction in zip(args.data, fractions):
        sentences = read_with_ids(path)
        final_check |= {" ".join(tokens) for group, tokens, _ in sentences if is_final_check(path, group)}
        sentences = without_final_check(path, sentences)
        if args.limit:
            sentences = sentences[: args.limit]
        t, d = split_by_group(sentences, fraction, args.split_seed, (args.fold, args.folds) if args.folds else None)
        name = os.path.basename(path).replace("_with_ids.txt", "")
        write_conll(d, os.path.join(args.out, f"dev_{name}.conll"))
        train += t
        dev += d
    write_conll(dev, os.path.join(args.out, "dev.conll"))
    held = {" ".join(tokens) for _, tokens, _ in dev} | final_check
    kept = [s for s in train if " ".join(s[1]) not in held]
    print(f"{len(train) - len(kept)} training sentences dropped: same text as a held-out or final-check one",
          flush=True)
    if args.all:
        # The dev groups join training, less the few sentences whose text is also a final-check one.
        kept += [s for s in dev if " ".join(s[1]) not in final_check]
    return kept, dev


def write_training_hashes(train, path):
    """SHA-256 of each training sentence's tokens joined by single spaces (first 16 hex digits), sorted:
    the export ships them so `kazner eval` can say when a scored file overlaps the training data."""
    hashes = sorted({hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()[:16] for _, tokens, _ in train})
    with open(path, "w") as f:
        f.write("\n".join(hashes) + "\n")


def start_from_vectors(model, sp, train, args):
    pieces = [sp.id_to_piece(i) for i in range(3, sp.get_piece_size())]  # XLM-R rows 4 and on
    weights = args.unlabelled_weights or [1.0] * len(args.unlabelled)
    if len(weights) != len(args.unlabelled):
        raise SystemExit("--unlabelled-weights: one per --unlabelled file")
    vectors = piece_vectors(train_vectors(args.unlabelled, weights, train, args.out, model.cfg["piece_dim"], args.seed),
                            pieces, model.cfg["piece_dim"])
    with torch.no_grad():
        for r, v in enumerate(vectors, start=4):
            if v is not None:
                model.embed.weight[r] = v
    print(f"piece embeddings: {sum(v is not None for v in vectors)} of {len(vectors)} from fastText", flush=True)


def encode(sp, sentences):
    return [(word_pieces(sp, tokens), [LABEL2ID[x] for x in labels]) for _, tokens, labels in sentences]


def flatten(words, labels):
    return join_words(words) + (labels,)


def batches(examples, size, rng, shuffle):
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]) + (rng.random() * 4 if shuffle else 0))
    chunks = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(chunks)
    for chunk in chunks:
        rows = [examples[i] for i in chunk]
        t = max(len(r[0]) for r in rows)
        w = max(len(r[2]) for r in rows)
        ids = torch.full((len(rows), t), 1, dtype=torch.long)
        mask = torch.zeros((len(rows), t), dtype=torch.long)
        word_pos = torch.zeros((len(rows), w), dtype=torch.long)
        labels = torch.zeros((len(rows), w), dtype=torch.long)
        word_mask = torch.zeros((len(rows), w), dtype=torch.bool)
        for r, (i, first, lab) in enumerate(rows):
            ids[r, : len(i)] = torch.tensor(i)
            mask[r, : len(i)] = 1
            pos = [k for k, f in enumerate(first) if f]
            word_pos[r, : len(pos)] = torch.tensor(pos)
            labels[r, : len(lab)] = torch.tensor(lab)
            word_mask[r, : len(lab)] = True
        yield chunk, ids, mask, word_pos, labels, word_mask


def word_emissions(logits, word_pos):
    return reorder(logits, word_pos)


def predict(model, examples, device):
    """Yields (example indices, word emissions, word mask, Viterbi paths) batch by batch, on the CPU."""
    model.eval()
    with torch.no_grad():
        for chunk, ids, mask, word_pos, _, word_mask in batches(examples, 64, random.Random(0), False):
            em = word_emissions(model(ids.to(device), mask.to(device)), word_pos.to(device)).cpu()
            paths = model.crf.cpu().decode(em, word_mask)
            model.crf.to(device)
            yield chunk, em, word_mask, paths


def evaluate(model, examples, device):
    gold, pred = [None] * len(examples), [None] * len(examples)
    for chunk, _, _, paths in predict(model, examples, device):
        for r, path in zip(chunk, paths):
            gold[r] = [LABELS[x] for x in examples[r][2]]
            pred[r] = [LABELS[x] for x in path]
    return entity_f1(gold, pred)


def average_last(model, states, dev_ex, args, save):
    """Scores the mean of the last epochs' weights: a second model for free when the epochs' F1 wobbles."""
    model.load_state_dict({k: torch.stack([s[k].float() for s in states]).mean(dim=0).to(states[-1][k].dtype)
                           for k in states[-1]})
    scores = evaluate(model, dev_ex, args.device) if dev_ex else {"f1": 0.0}
    print(f"average of the last {len(states)} epochs: dev f1 {scores['f1']:.4f}", flush=True)
    save("averaged.pt", -len(states), scores)
    return dict(epochs=len(states), dev_f1=scores["f1"])


def build(args, train):
    """A new tagger: its tokenizer trained on the training text, the optional features, fastText's start."""
    sp = train_tokenizer(train, args.out, args.vocab_size)
    cfg = dict(DEFAULTS, hidden=args.hidden)
    tables, alphabet = piece_tables(sp)
    n_chars = len(alphabet)
    lm = None
    if args.charlm:
        lm, lm_vocab = charlm.load(args.charlm)
        cfg.update(charlm_symbols=len(lm_vocab), charlm_dim=lm.embed.embedding_dim, charlm_hidden=lm.fwd.hidden_size)
        print(f"character language model: {cfg['charlm_hidden']} units each way, {len(lm_vocab)} symbols, frozen",
              flush=True)
    vocab = tables["chars"].shape[0]
    if args.lexicons:
        cfg.update(lexicon_dim=16, lexicon_size=args.lexicon_size)
    model = Tagger(tables, n_chars, len(LABELS), cfg)
    if args.lexicons:
        with torch.no_grad():
            model.lexicon_table.copy_(lexicon.build_table(sp, args.lexicons, args.lexicon_size))
    if lm is not None:
        model.charlm.load_state_dict(lm.state_dict())
        with torch.no_grad():
            model.charlm_map.copy_(torch.tensor([lm_vocab.get(" " if ch == "\u2581" else ch, charlm.UNK)
                                                 for ch in alphabet]))
            model.charlm_map[0] = charlm.PAD
    if args.unlabelled:
        start_from_vectors(model, sp, train, args)
    return sp, model, cfg, n_chars, vocab


def proverb_fillers(train, train_words):
    """Short training sentences without ADAGE, less their closing mark, with their gold labels: what replaces a
    proverb in the copies that teach that a quoted clause is not one. train_words: train, already encoded."""
    fillers = []
    for (_, tokens, labels), (words, label_ids) in zip(train, train_words):
        if tokens and tokens[-1] in (".", "!", "?"):
            tokens, labels, words, label_ids = tokens[:-1], labels[:-1], words[:-1], label_ids[:-1]
        if 3 <= len(tokens) <= 14 and not any(label.endswith("ADAGE") for label in labels):
            fillers.append((words, label_ids))
    return fillers


def outside_mentions(args, sp, train, train_words):
    """The MentionInsert of each class given mentions from outside KazNERD, each with its own random stream."""
    inserts = []
    if args.proverbs:
        mined = [word_pieces(sp, tokens) for tokens in proverbs.mine(args.proverbs)]
        inserts.append(MentionInsert("ADAGE", train_words, mined, args.proverb_sentences, args.seed + 3,
                                     fillers=proverb_fillers(train, train_words)))
        print(f"proverbs: {len(mined)} mined, {inserts[-1].count} sentences each epoch with one as their ADAGE and as "
              f"many with a training sentence there", flush=True)
    if args.law_titles:
        mined = [word_pieces(sp, tokens) for tokens in laws.mine(args.law_titles)]
        turaly = word_pieces(sp, [laws.TURALY])[0]
        inserts.append(MentionInsert("LAW", train_words, mined, args.law_sentences, args.seed + 4,
                                     accepts=lambda words, start, end: words[end - 1] == turaly))
        print(f"law titles: {len(mined)} mined, {inserts[-1].count} sentences each epoch with one in place of a "
              f"title of their own ({len(inserts[-1].hosts)} hosts)", flush=True)
    if args.quoted_names:
        mined = [word_pieces(sp, tokens) for tokens in names.mine(args.quoted_names)]
        left, right = (word_pieces(sp, [mark])[0] for mark in "«»")
        for k, kind in enumerate(names.CLASSES):
            inserts.append(MentionInsert(kind, train_words, mined, args.quoted_sentences, args.seed + 6 + k,
                                         accepts=lambda words, start, end: start > 0 and end < len(words)
                                         and words[start - 1] == left and words[end] == right))
        print(f"quoted names: {len(mined)} mined, {args.quoted_sentences} sentences each epoch for each of "
              f"{', '.join(names.CLASSES)} ({', '.join(str(len(x.hosts)) for x in inserts[-len(names.CLASSES):])} "
              f"hosts)", flush=True)
    if args.hotlines:
        numbers = [word_pieces(sp, tokens) for tokens in hotlines.generate(2000, args.seed)]
        inserts.append(MentionInsert("CONTACT", train_words, numbers, args.hotlines, args.seed + 5))
        print(f"hotlines: {inserts[-1].count} sentences each epoch with a generated number as their CONTACT "
              f"({len(inserts[-1].hosts)} hosts)", flush=True)
    return inserts


def resume(args):
    """The --init run's tagger and tokenizer, to fine-tune. Its training sentences must be this run's, or a fold's
    held-out sentences could have been trained on."""
    if args.unlabelled or args.lexicons or args.charlm:
        raise SystemExit("--init keeps its run's embeddings and features: drop --unlabelled, --lexicons and --charlm")
    hashes = "training-sentences.sha256"
    with open(os.path.join(args.init, hashes)) as a, open(os.path.join(args.out, hashes)) as b:
        if a.read() != b.read():
            raise SystemExit(f"--init {args.init} trained on other sentences than this run (compare {hashes})")
    for name in ("sentencepiece.bpe.model", "sentencepiece.bpe.vocab"):
        shutil.copy(os.path.join(args.init, name), args.out)
    sp = spm.SentencePieceProcessor(model_file=os.path.join(args.out, "sentencepiece.bpe.model"))
    model, ckpt = export.load(args.init)
    print(f"fine-tuning {args.init} (its epoch {ckpt['epoch']})", flush=True)
    return sp, model, ckpt["cfg"], ckpt["n_chars"], ckpt["vocab"]


def main():
    args = parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)

    train, dev = held_out_split(args)
    write_training_hashes(train, os.path.join(args.out, "training-sentences.sha256"))
    print(f"train {len(train)} sentences, dev {len(dev)} sentences", flush=True)

    sp, model, cfg, n_chars, vocab = resume(args) if args.init else build(args, train)
    model = model.to(args.device)
    print(f"parameters {sum(p.numel() for p in model.parameters()):,}, vocab {vocab}", flush=True)

    train_words = encode(sp, train)
    train_ex, dev_ex = [flatten(*x) for x in train_words], [flatten(*x) for x in encode(sp, dev)]
    swap = MentionSwap(train_words, args.swap_rate, args.seed) if args.swap_rate > 0 else None
    boost = RareBoost(train_words, args.rare_boost, args.seed) if args.rare_boost > 0 else None
    inserts = outside_mentions(args, sp, train, train_words)
    rng = random.Random(args.seed)
    pseudo = [flatten(*x) for x in encode(sp, read_with_ids(args.pseudo))] if args.pseudo else []
    n_pseudo = min(len(pseudo), round(args.pseudo_share * len(train_ex)))
    pseudo_rng = random.Random(args.seed + 1)
    if args.pseudo:
        print(f"pseudo-labelled: {n_pseudo} of {len(pseudo)} sentences each epoch", flush=True)
    n_boost = boost.expected() if boost else 0
    if boost:
        print(f"rare-class sampling: about {n_boost} extra sentences each epoch", flush=True)
    n_insert = sum(insert.expected() for insert in inserts)
    steps_per_epoch = math.ceil((len(train_ex) + n_pseudo + n_boost + n_insert) / args.batch_size)
    total = steps_per_epoch * args.epochs
    warmup = min(steps_per_epoch, total // 10)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(1, warmup)) * max(0.02, 1 - s / total))

    def save(name, epoch, scores):
        torch.save(dict(state=model.state_dict(), cfg=cfg, n_chars=n_chars, vocab=vocab, epoch=epoch, dev=scores),
                   os.path.join(args.out, name))

    best, history, start, recent = -1.0, [], time.time(), []
    for epoch in range(1, args.epochs + 1):
        model.train()
        loss_sum = 0.0
        extra = (boost.draw() if boost else []) + [x for insert in inserts for x in insert.draw()]
        epoch_ex = ([flatten(*swap(*x)) for x in train_words + extra] if swap
                    else train_ex + [flatten(*x) for x in extra])
        epoch_ex = epoch_ex + pseudo_rng.sample(pseudo, n_pseudo)
        for _, ids, mask, word_pos, labels, word_mask in batches(epoch_ex, args.batch_size, rng, True):
            ids, mask, word_pos = ids.to(args.device), mask.to(args.device), word_pos.to(args.device)
            em = word_emissions(model(ids, mask), word_pos)
            loss = model.crf.nll(em, labels.to(args.device), word_mask.to(args.device))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            sched.step()
            loss_sum += loss.item()
        # With --all the dev sentences are training sentences: scoring them would say nothing and cost minutes.
        scores = evaluate(model, dev_ex, args.device) if dev_ex and not args.all else {"f1": 0.0}
        elapsed = time.time() - start
        history.append(dict(epoch=epoch, loss=loss_sum / steps_per_epoch, dev_f1=scores["f1"],
                            dev_macro_f1=scores.get("macro_f1", 0.0), seconds=elapsed,
                            dev_classes={k: v["f1"] for k, v in scores.get("classes", {}).items()}))
        print(f"epoch {epoch} loss {loss_sum / steps_per_epoch:.3f} dev f1 {scores['f1']:.4f} "
              f"macro {scores.get('macro_f1', 0.0):.4f} ({elapsed:.0f}s)",
              flush=True)
        if args.average:
            recent = (recent + [{k: v.detach().clone() for k, v in model.state_dict().items()}])[-args.average:]
        # With --all the dev set is in training, so keep the last epoch rather than the "best" one.
        if args.all or scores["f1"] > best:
            best = scores["f1"]
            save("best.pt", epoch, scores)
        if not args.all and epoch == args.epochs:
            # Cross-validation scores the last epoch, the one a final run ships; the bias search must read it too.
            save("last.pt", epoch, scores)
    averaged = average_last(model, recent, dev_ex, args, save) if len(recent) > 1 else None
    with open(os.path.join(args.out, "training.json"), "w") as f:
        json.dump(dict(args=vars(args), history=history, averaged=averaged, seconds=time.time() - start,
                       hardware=f"{args.device}, {args.threads} thread{'' if args.threads == 1 else 's'}", train_sentences=len(train),
                       pseudo_sentences_per_epoch=n_pseudo,
                       dev_sentences=len(dev)), f, indent=1)


if __name__ == "__main__":
    main()
