"""Contextual character language model: a forward and a backward character LSTM trained on unlabelled Kazakh
text to predict the next (previous) character. The tagger reads the forward state at each word's last character
and the backward state at its first, so a word is seen in the light of the whole sentence's spelling.

Text is seen the way the tagger's graph spells a sentence: "\\n", then " " + word for each word (the "▁" of the
word's first piece is the space), then "\\n". Training: python3 -m kazner_train.charlm --out charlm/ (README).
"""
import argparse
import json
import math
import os
import random
import time
from collections import Counter

import torch
from torch import nn

from .pretrain import unlabelled_sentences
from .sequence import reorder, reversal

PAD, UNK, BOUNDARY = 0, 1, 2  # BOUNDARY is "\n": the <s> and </s> of a sentence


def sentence_text(words):
    return "\n" + "".join(" " + w for w in words) + "\n"


class CharLm(nn.Module):
    def __init__(self, n_chars, dim, hidden):
        super().__init__()
        self.embed = nn.Embedding(n_chars, dim, padding_idx=PAD)
        self.fwd = nn.LSTM(dim, hidden, batch_first=True)
        self.bwd = nn.LSTM(dim, hidden, batch_first=True)
        self.fwd_out = nn.Linear(hidden, n_chars)
        self.bwd_out = nn.Linear(hidden, n_chars)

    def states(self, seq, lengths):
        """seq [B, T] with padding at the end of each row -> forward and backward states [B, T, H]; the
        backward LSTM runs over each row reversed within its own length, so padding never reaches a real state."""
        rev = reversal(lengths, seq.shape[1])
        x = self.embed(seq)
        hf, _ = self.fwd(x)
        hb, _ = self.bwd(reorder(x, rev))
        return hf, reorder(hb, rev)

    def loss(self, chunk):
        """chunk [B, T+1] of running text: forward predicts position t+1 from 0..t, backward t from t+1..T."""
        x = self.embed(chunk)
        hf, _ = self.fwd(x[:, :-1])
        hb, _ = self.bwd(x.flip(1)[:, :-1])
        n = self.fwd_out.out_features
        forward = nn.functional.cross_entropy(self.fwd_out(hf).reshape(-1, n), chunk[:, 1:].reshape(-1))
        backward = nn.functional.cross_entropy(self.bwd_out(hb).reshape(-1, n), chunk.flip(1)[:, 1:].reshape(-1))
        return forward, backward


def build_vocab(sentences, min_count):
    counts = Counter(c for words in sentences for w in words for c in w)
    chars = sorted(c for c, n in counts.items() if n >= min_count)
    return {"<pad>": PAD, "<unk>": UNK, "\n": BOUNDARY, " ": 3, **{c: i + 4 for i, c in enumerate(chars)}}


def encode(text, vocab):
    return [vocab.get(c, UNK) for c in text]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--text", nargs="+", required=True, help="plain text files, one sentence or passage per line")
    p.add_argument("--weights", nargs="+", type=float, help="share of each file's lines to use (default all)")
    p.add_argument("--out", required=True)
    p.add_argument("--dim", type=int, default=32)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--chunk", type=int, default=250)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--min-count", type=int, default=20, help="rarer characters are <unk>")
    p.add_argument("--limit", type=int, default=0, help="use only the first N sentences (smoke tests)")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=1)
    return p.parse_args()


def main():
    args = parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    weights = args.weights or [1.0] * len(args.text)
    if len(weights) != len(args.text):
        raise SystemExit("--weights: one per --text file")
    sentences = list(unlabelled_sentences(args.text, weights, args.seed, min_words=2))
    random.Random(args.seed).shuffle(sentences)
    if args.limit:
        sentences = sentences[: args.limit]
    vocab = build_vocab(sentences, args.min_count)
    held = max(1, len(sentences) // 100)  # 1 % of the sentences measure bits per character
    stream = [encode(sentence_text(s)[:-1], vocab) for s in sentences]
    dev = torch.tensor([c for s in stream[:held] for c in s] + [BOUNDARY])
    train = torch.tensor([c for s in stream[held:] for c in s] + [BOUNDARY])
    model = CharLm(len(vocab), args.dim, args.hidden)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    n_chunks = (len(train) - 1) // args.chunk
    steps = args.epochs * math.ceil(n_chunks / args.batch_size)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.05, 1 - s / steps))
    print(f"{len(sentences)} sentences, {len(train):,} training characters, {len(vocab)} symbols", flush=True)
    start, history = time.time(), []
    for epoch in range(1, args.epochs + 1):
        model.train()
        offset = random.Random(args.seed + epoch).randrange(args.chunk)  # chunks start elsewhere each epoch
        n = (len(train) - 1 - offset) // args.chunk
        chunks = torch.stack([train[offset + i * args.chunk: offset + (i + 1) * args.chunk + 1] for i in range(n)])
        order = torch.randperm(n, generator=torch.Generator().manual_seed(args.seed + epoch))
        for b in range(0, n, args.batch_size):
            forward, backward = model.loss(chunks[order[b:b + args.batch_size]])
            opt.zero_grad()
            (forward + backward).backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
        bits = dev_bits(model, dev, args.chunk)
        history.append(dict(epoch=epoch, dev_bits_forward=bits[0], dev_bits_backward=bits[1],
                            seconds=time.time() - start))
        print(f"epoch {epoch}: dev bits per character forward {bits[0]:.3f} backward {bits[1]:.3f} "
              f"({time.time() - start:.0f}s)", flush=True)
    torch.save(dict(state=model.state_dict(), vocab=vocab, dim=args.dim, hidden=args.hidden),
               os.path.join(args.out, "charlm.pt"))
    with open(os.path.join(args.out, "charlm.json"), "w") as f:
        json.dump(dict(args=vars(args), history=history, sentences=len(sentences), characters=len(train)), f,
                  indent=1)


def dev_bits(model, dev, chunk):
    model.eval()
    n = (len(dev) - 1) // chunk
    with torch.no_grad():
        forward, backward = model.loss(torch.stack([dev[i * chunk: (i + 1) * chunk + 1] for i in range(max(1, n))]))
    return forward.item() / math.log(2), backward.item() / math.log(2)


def load(path):
    ckpt = torch.load(path, map_location="cpu")
    model = CharLm(len(ckpt["vocab"]), ckpt["dim"], ckpt["hidden"])
    model.load_state_dict(ckpt["state"])
    return model, ckpt["vocab"]


if __name__ == "__main__":
    main()
