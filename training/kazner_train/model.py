"""Piece embeddings + an in-graph character CNN per piece + BiLSTM + linear emissions, trained with a CRF.

The ONNX interface stays input_ids, attention_mask -> logits: characters come from a constant
piece-to-characters table, so the engine needs nothing but the SentencePiece ids.
"""
import torch
from torch import nn


class CharCnn(nn.Module):
    def __init__(self, piece_chars, n_chars, char_dim, filters, widths):
        super().__init__()
        self.register_buffer("piece_chars", piece_chars, persistent=True)
        self.embed = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.convs = nn.ModuleList(nn.Conv1d(char_dim, filters, w, padding=w // 2) for w in widths)

    def forward(self, ids):
        chars = self.piece_chars[ids]  # [B, T, C]
        b, t, c = chars.shape
        x = self.embed(chars.reshape(b * t, c)).transpose(1, 2)  # [BT, D, C]
        mask = (chars.reshape(b * t, 1, c) > 0)
        outs = []
        for conv in self.convs:
            h = torch.relu(conv(x))[:, :, :c]
            h = h.masked_fill(~mask, 0.0)  # relu output is >= 0, so 0 is a neutral filler for max
            outs.append(h.max(dim=2).values)
        return torch.cat(outs, dim=1).reshape(b, t, -1)


class Crf(nn.Module):
    def __init__(self, n_labels):
        super().__init__()
        self.transitions = nn.Parameter(torch.zeros(n_labels, n_labels))  # [from, to]
        self.start = nn.Parameter(torch.zeros(n_labels))
        self.end = nn.Parameter(torch.zeros(n_labels))

    def nll(self, emissions, labels, mask):
        """emissions [B, W, L], labels [B, W], mask [B, W] bool with at least one word per row."""
        b, w, _ = emissions.shape
        idx = torch.arange(b)
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
        log_z = torch.logsumexp(alpha + self.end, dim=1)
        return (log_z - score).mean()

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
        paths = []
        for r in range(b):
            length = int(mask[r].sum())
            tag = int(score[r].argmax())
            path = [tag]
            for i in range(length - 2, -1, -1):
                tag = int(history[i][r, tag])
                path.append(tag)
            paths.append(path[::-1])
        return paths


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
        lengths = attention_mask.sum(dim=1, keepdim=True)
        steps = torch.arange(x.shape[1], device=x.device).unsqueeze(0)
        rev = torch.where(steps < lengths, lengths - 1 - steps, steps)

        def reverse(t):
            return t.gather(1, rev.unsqueeze(2).expand(-1, -1, t.shape[2]))

        for i, (fwd, bwd) in enumerate(zip(self.fwd, self.bwd)):
            if i > 0:
                x = self.dropout(x)
            hf, _ = fwd(x)
            hb, _ = bwd(reverse(x))
            x = torch.cat([hf, reverse(hb)], dim=2)
        return x


class Tagger(nn.Module):
    def __init__(self, vocab_size, piece_chars, n_chars, n_labels, cfg):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(vocab_size, cfg["piece_dim"], padding_idx=1)
        self.chars = CharCnn(piece_chars, n_chars, cfg["char_dim"], cfg["char_filters"], cfg["char_widths"])
        in_dim = cfg["piece_dim"] + cfg["char_filters"] * len(cfg["char_widths"])
        self.dropout = nn.Dropout(cfg["dropout"])
        self.lstm = PaddingFreeBiLstm(in_dim, cfg["hidden"], cfg["layers"], cfg["lstm_dropout"])
        self.out = nn.Linear(2 * cfg["hidden"], n_labels)
        self.crf = Crf(n_labels)

    def forward(self, input_ids, attention_mask):
        emb = self.embed(input_ids)
        if self.training and self.cfg["piece_drop"] > 0:
            # Drop whole piece vectors (keeping characters) so rare pieces learn to lean on their spelling.
            keep = (torch.rand(input_ids.shape, device=input_ids.device) >= self.cfg["piece_drop"]).unsqueeze(2)
            emb = emb * keep
        x = torch.cat([emb, self.chars(input_ids)], dim=2)
        x = self.dropout(x)
        return self.out(self.dropout(self.lstm(x, attention_mask)))
