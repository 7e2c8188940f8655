"""Reversing padded rows within their own lengths, so that a backward LSTM never reads padding before a real step."""
import torch


def reversal(lengths, steps):
    """[B] or [B, 1] lengths -> [B, steps] index that reverses each row's first `length` steps and leaves the
    padding after them where it is."""
    lengths = lengths.view(-1, 1)
    at = torch.arange(steps, device=lengths.device).unsqueeze(0)
    return torch.where(at < lengths, lengths - 1 - at, at)


def reorder(x, index):
    """x [B, T, D] with its steps taken in index [B, T] order."""
    return x.gather(1, index.unsqueeze(2).expand(-1, -1, x.shape[2]))
