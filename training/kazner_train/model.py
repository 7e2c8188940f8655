"""A word-level BiLSTM-CNN-CRF that reads SentencePiece ids: words, their pieces and their characters are
all recovered inside the graph from constant piece tables, so the ONNX interface stays
input_ids, attention_mask -> logits and the engine needs nothing but the ids.
"""
from typing import NamedTuple

import torch
from torch import nn

from . import lexicon
from .charlm import CharLm
from .sequence import reorder, reversal


class Words(NamedTuple):
    pieces: torch.Tensor  # [B, W, K] the word's first piece and the K - 1 after it
    in_word: torch.Tensor  # [B, W, K] 1 where that piece belongs to the word
    chars: torch.Tensor  # [B, W, C] the word's characters
    mask: torch.Tensor  # [B, W] 1 for real words
    owner: torch.Tensor  # [B, T] the word each piece belongs to


class WordFinder(nn.Module):
    """Finds and spells the words of rows of piece ids, inside the graph, from constant piece tables.

    A word is a piece that starts with "▁" (or a special token) plus the continuation pieces after it; the
    engine encodes words one by one, so that is exactly its word. Kazakh case suffixes often sit in a
    continuation piece ("▁Астана" + "да"), so the characters are the whole word's, not one piece's.
    Long words keep their head and their tail, where the suffixes are.
    """

    def __init__(self, piece_chars, piece_lengths, piece_starts, max_pieces, max_chars):
        super().__init__()
        self.register_buffer("piece_chars", piece_chars.reshape(-1), persistent=True)
        self.register_buffer("piece_lengths", piece_lengths, persistent=True)
        self.register_buffer("piece_starts", piece_starts, persistent=True)
        self.piece_width = piece_chars.shape[1]
        self.max_pieces = max_pieces
        self.max_chars = max_chars

    def following(self, ids):
        """[B, T] -> [B, T, K]: column j holds the piece j places to the right (padding past the end)."""
        b, t = ids.shape
        padded = torch.cat([ids, ids.new_full((b, self.max_pieces - 1), 1)], dim=1)
        return torch.stack([padded[:, j:j + t] for j in range(self.max_pieces)], dim=2)

    def forward(self, ids, attention_mask):
        count = torch.cumsum(self.piece_starts[ids].long() * attention_mask, dim=1)  # words begun so far
        slots = torch.arange(ids.shape[1], device=ids.device)
        # NonZero gives the word axis a data-dependent length, so the exported graph, like training, runs
        # the BiLSTM over the longest row's words rather than over every piece slot.
        word_slots = torch.nonzero(slots < count[:, -1].max()).squeeze(1)
        # Word w starts at the piece index equal to the number of pieces whose count is at most w.
        positions = (count.unsqueeze(1) <= word_slots.view(1, -1, 1)).long().sum(dim=2).clamp(max=ids.shape[1] - 1)
        mask = (word_slots.view(1, -1) < count[:, -1:]).long()
        pieces = self.following(ids).gather(1, positions.unsqueeze(2).expand(-1, -1, self.max_pieces))
        breaks = self.piece_starts[pieces].long()
        breaks = torch.cat([torch.zeros_like(breaks[:, :, :1]), breaks[:, :, 1:]], dim=2)
        in_word = (torch.cumsum(breaks, dim=2) == 0).long()
        lengths = self.piece_lengths[pieces] * in_word
        starts = torch.cumsum(lengths, dim=2) - lengths
        total = lengths.sum(dim=2, keepdim=True)
        # Only as many character slots as the batch's longest word needs.
        chars = torch.arange(self.max_chars, device=ids.device)
        chars = torch.nonzero(chars < total.max()).view(1, 1, -1)
        half = self.max_chars // 2
        source = torch.where((total > self.max_chars) & (chars >= half), chars + total - self.max_chars, chars)
        which = (starts[:, :, 1:].unsqueeze(3) <= source.unsqueeze(2)).long().sum(dim=2)
        within = (source - starts.gather(2, which)).clamp(0, self.piece_width - 1)
        spelled = self.piece_chars[pieces.gather(2, which) * self.piece_width + within] * (source < total).long()
        return Words(pieces, in_word, spelled, mask, (count - 1).clamp(min=0))


class CharCnn(nn.Module):
    """Character CNN with max pooling, computed as lookups: a convolution over embeddings is, per kernel
    offset, a table of (embedding @ weight) rows indexed by character. That makes it gathers and adds
    instead of a GEMM over 48 channels, which cost ONNX Runtime more than the BiLSTM did."""

    def __init__(self, n_chars, char_dim, filters, widths):
        super().__init__()
        self.embed = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.convs = nn.ModuleList(nn.Conv1d(char_dim, filters, w, padding=w // 2) for w in widths)

    def forward(self, chars):
        b, t, c = chars.shape
        flat = chars.reshape(b * t, c)
        outs = []
        for conv in self.convs:
            width, centre = conv.weight.shape[2], conv.weight.shape[2] // 2
            tables = torch.einsum("nd,fdk->knf", self.embed.weight, conv.weight)  # [width, chars, filters]
            # Padding characters (id 0) have a zero embedding, so their rows are zero, as the convolution's
            # zero padding is. Two folds save full-size adds: the bias goes into the first offset's rows, and
            # a sink into the centre offset's padding row keeps positions past the word's end out of the max.
            fold = torch.zeros_like(tables)
            fold[0] += conv.bias
            fold[centre, 0] -= 1e4
            tables = tables + fold
            padded = nn.functional.pad(flat, (centre, width - 1 - centre))
            h = sum(tables[k][padded[:, k:k + c]] for k in range(width))  # [BT, C, F]
            outs.append(torch.relu(h.max(dim=1).values))  # relu(max) = max(relu), on [BT, F] only
        return torch.cat(outs, dim=1).reshape(b, t, -1)


class Crf(nn.Module):
    def __init__(self, n_labels):
        super().__init__()
        self.transitions = nn.Parameter(torch.zeros(n_labels, n_labels))  # [from, to]
        self.start = nn.Parameter(torch.zeros(n_labels))
        self.end = nn.Parameter(torch.zeros(n_labels))

    def nll(self, emissions, labels, mask):
        return -self.log_likelihood(emissions, labels, mask).mean()

    def log_likelihood(self, emissions, labels, mask):
        """Per row log P(labels | words). emissions [B, W, L], labels [B, W], mask [B, W] bool with at least one
        word per row."""
        b, w, _ = emissions.shape
        idx = torch.arange(b, device=emissions.device)
        score = self.start[labels[:, 0]] + emissions[idx, 0, labels[:, 0]]
        alpha = self.start + emissions[:, 0]
        for i in range(1, w):
            m = mask[:, i]
            step = self.transitions[labels[:, i - 1], labels[:, i]] + emissions[idx, i, labels[:, i]]
            score = score + step * m
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.transitions + emissions[:, i].unsqueeze(1), dim=1)
            alpha = torch.where(m.unsqueeze(1), nxt, alpha)
        last = labels[idx, mask.sum(1) - 1]
        score = score + self.end[last]
        return score - torch.logsumexp(alpha + self.end, dim=1)

    def decode(self, emissions, mask):
        b, w, n = emissions.shape
        score = self.start + emissions[:, 0]
        history = []
        for i in range(1, w):
            total = score.unsqueeze(2) + self.transitions + emissions[:, i].unsqueeze(1)
            best, arg = total.max(dim=1)
            m = mask[:, i].unsqueeze(1)
            score = torch.where(m, best, score)
            history.append(torch.where(m, arg, torch.arange(n).expand(b, n)))
        score = score + self.end
        # Padding steps keep each tag (identity history), so one backward pass from the last step serves every row.
        tags = score.argmax(dim=1)
        columns = [tags]
        for step in reversed(history):
            tags = step.gather(1, tags.unsqueeze(1)).squeeze(1)
            columns.append(tags)
        table = torch.stack(columns[::-1], dim=1).tolist()
        return [row[: int(n)] for row, n in zip(table, mask.sum(dim=1))]


class PaddingFreeBiLstm(nn.Module):
    """A BiLSTM whose outputs for real tokens do not depend on how much padding follows them.

    nn.LSTM(bidirectional=True) runs its backward pass through the padding first, so a sentence would
    get different logits in different batches. Each backward layer here runs forward over the sequence
    reversed within its own length, with padding left at the end, where it cannot reach real tokens.
    """

    def __init__(self, in_dim, hidden, layers, dropout):
        super().__init__()
        dims = [in_dim] + [2 * hidden] * (layers - 1)
        self.fwd = nn.ModuleList(nn.LSTM(d, hidden, batch_first=True) for d in dims)
        self.bwd = nn.ModuleList(nn.LSTM(d, hidden, batch_first=True) for d in dims)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, attention_mask):
        rev = reversal(attention_mask.sum(dim=1), x.shape[1])
        for i, (fwd, bwd) in enumerate(zip(self.fwd, self.bwd)):
            if i > 0:
                x = self.dropout(x)
            hf, _ = fwd(x)
            hb, _ = bwd(reorder(x, rev))
            x = torch.cat([hf, reorder(hb, rev)], dim=2)
        return x


class Tagger(nn.Module):
    """Words, not pieces, are the BiLSTM's steps: each word is its first piece's vector, the mean of its
    continuation pieces' vectors and a character CNN over the whole word. The emissions of a word are
    copied to all its pieces, so the interface stays piece-level and the engine reads first pieces."""

    def __init__(self, tables, n_chars, n_labels, cfg):
        super().__init__()
        self.cfg = cfg
        self.words = WordFinder(tables["chars"], tables["lengths"], tables["starts"], cfg["word_pieces"],
                               cfg["word_chars"])
        self.embed = nn.Embedding(tables["chars"].shape[0], cfg["piece_dim"], padding_idx=1)
        self.chars = CharCnn(n_chars, cfg["char_dim"], cfg["char_filters"], cfg["char_widths"])
        in_dim = 2 * cfg["piece_dim"] + cfg["char_filters"] * len(cfg["char_widths"])
        if cfg.get("lexicon_dim"):
            # Filled from the word lists before training (lexicon.build_table); a constant of the graph after.
            self.register_buffer("lexicon_table", torch.zeros(cfg["lexicon_size"], dtype=torch.uint8))
            self.register_buffer("lexicon_multipliers", torch.tensor(lexicon.MULTIPLIERS[:cfg["word_pieces"]]))
            self.lexicon = nn.Embedding(2 ** lexicon.BITS, cfg["lexicon_dim"])
            in_dim += cfg["lexicon_dim"]
        if cfg.get("charlm_hidden"):
            # Pretrained (kazner_train.charlm) and frozen; charlm_map turns the piece tables' character ids into
            # the language model's, "▁" into its space and the special-token marker into its line break.
            self.charlm = CharLm(cfg["charlm_symbols"], cfg["charlm_dim"], cfg["charlm_hidden"]).requires_grad_(False)
            self.register_buffer("charlm_map", torch.zeros(n_chars, dtype=torch.long))
            in_dim += 2 * cfg["charlm_hidden"]
        self.dropout = nn.Dropout(cfg["dropout"])
        self.lstm = PaddingFreeBiLstm(in_dim, cfg["hidden"], cfg["layers"], cfg["lstm_dropout"])
        self.out = nn.Linear(2 * cfg["hidden"], n_labels)
        self.crf = Crf(n_labels)

    def forward(self, input_ids, attention_mask):
        return self.tag(self.words(input_ids, attention_mask))

    def tag(self, words):
        vectors = self.embed(words.pieces)  # [B, W, K, D]
        others = words.in_word[:, :, 1:].unsqueeze(3).float()
        first = vectors[:, :, 0]
        rest = (vectors[:, :, 1:] * others).sum(dim=2) / others.sum(dim=2).clamp(min=1.0)
        if self.training and self.cfg["piece_drop"] > 0:
            # Drop whole piece vectors (keeping characters) so rare words learn to lean on their spelling.
            keep = (torch.rand(first.shape[:2], device=first.device) >= self.cfg["piece_drop"]).unsqueeze(2)
            first, rest = first * keep, rest * keep
        features = [first, rest, self.chars(words.chars)]
        if self.cfg.get("lexicon_dim"):
            slots = lexicon.keys(words.pieces, words.in_word, self.lexicon_multipliers, self.cfg["lexicon_size"])
            features.append(self.lexicon(self.lexicon_table[slots].long()))
        if self.cfg.get("charlm_hidden"):
            with torch.no_grad():
                features.append(self.context(words))
        x = torch.cat(features, dim=2)
        emissions = self.out(self.dropout(self.lstm(self.dropout(x), words.mask)))
        return reorder(emissions, words.owner)

    def context(self, words):
        """The character language model's states around each word: the forward state at the word's last
        character, the backward state at its first."""
        row, starts, lengths, total = spell_sentences(words)
        forward, backward = self.charlm.states(self.charlm_map[row], total)
        last = (starts + lengths - 1).clamp(min=0)
        first = torch.minimum(starts, (total - 1).clamp(min=0).unsqueeze(1))
        return torch.cat([reorder(forward, last), reorder(backward, first)], dim=2)


def spell_sentences(words):
    """Each row's words' characters back to back as one character row [B, T] (each word's "▁" is its space, the
    special tokens' marker its line break), with each word's start and length in it and each row's length."""
    chars = words.chars
    b, w, c = chars.shape
    lengths = (chars != 0).long().sum(dim=2) * words.mask
    starts = torch.cumsum(lengths, dim=1) - lengths
    total = lengths.sum(dim=1)
    flat = chars.reshape(b, w * c)
    slots = torch.arange(flat.shape[1], device=chars.device)
    pos = torch.nonzero(slots < total.max()).view(1, -1)  # [1, T]: as long as the longest row needs
    which = ((starts.unsqueeze(1) <= pos.unsqueeze(2)).long().sum(dim=2) - 1).clamp(min=0)
    within = (pos - starts.gather(1, which)).clamp(0, c - 1)
    row = flat.gather(1, which * c + within) * (pos < total.unsqueeze(1)).long()
    return row, starts, lengths, total


class Ensemble(nn.Module):
    """Taggers trained apart on the same pieces. Their emissions and CRF scores are averaged, so Viterbi
    picks the path with the best total score over the members; members share one set of piece tables."""

    def __init__(self, members):
        super().__init__()
        for member in members[1:]:
            member.words = members[0].words
        self.members = nn.ModuleList(members)
        self.crf = Crf(members[0].crf.transitions.shape[0])
        with torch.no_grad():
            for name in ("transitions", "start", "end"):
                getattr(self.crf, name).copy_(torch.stack([getattr(m.crf, name) for m in members]).mean(dim=0))

    def forward(self, input_ids, attention_mask):
        words = self.members[0].words(input_ids, attention_mask)
        return torch.stack([m.tag(words) for m in self.members]).mean(dim=0)
