"""Builds XLM-R-shaped token classifiers with random weights, in the folder layout that
`optimum-cli export onnx --task token-classification` writes, to measure what a transformer of that size
costs on this engine (docs/performance.md). Nothing here is trained; the weights are random.

    /usr/bin/python3 training/transformer_bundle.py --shape base     # 12 x 768, into training/cache/xlmr-base-random
    /usr/bin/python3 training/transformer_bundle.py --shape large    # 24 x 1024
    /usr/bin/python3 training/transformer_bundle.py --shape tiny     # 2 x 64, for quick checks

The encoder is written out here in plain torch (no transformers library on Debian): RoBERTa embeddings with
position ids counted from padding_idx + 1, post-LayerNorm self-attention blocks with GELU, a linear head.
The vocabulary is a SentencePiece unigram model trained on KazNERD with nmt_nfkc normalization (XLM-R's),
mapped to ids as fairseq does (<s>=0, <pad>=1, </s>=2, <unk>=3, piece = SentencePiece id + 1). It is small
(--vocab, 8,000 by default, against XLM-R's 250,002): the embedding table is a lookup whose size does not
change the per-token compute, and it keeps large under ONNX's 2 GB single-file limit (no external data).
"""
import argparse
import json
import math
import os

import sentencepiece as spm
import torch
from torch import nn

from kazner_train.export import TORCHSCRIPT_EXPORTER

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHAPES = {  # layers, hidden, heads, intermediate
    "tiny": (2, 64, 2, 256),
    "base": (12, 768, 12, 3072),
    "large": (24, 1024, 16, 4096),
}
PAD = 1
MAX_POSITIONS = 514


class Layer(nn.Module):
    def __init__(self, hidden, heads, intermediate):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.attention_out = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=1e-5)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=1e-5)

    def forward(self, x, bias):
        batch, length, hidden = x.shape
        size = hidden // self.heads
        q, k, v = self.qkv(x).view(batch, length, 3, self.heads, size).permute(2, 0, 3, 1, 4)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(size) + bias
        context = torch.matmul(scores.softmax(-1), v).transpose(1, 2).reshape(batch, length, hidden)
        x = self.attention_norm(x + self.attention_out(context))
        return self.output_norm(x + self.output(nn.functional.gelu(self.intermediate(x))))


class TokenClassifier(nn.Module):
    def __init__(self, vocab, layers, hidden, heads, intermediate, labels):
        super().__init__()
        self.words = nn.Embedding(vocab, hidden, padding_idx=PAD)
        self.positions = nn.Embedding(MAX_POSITIONS, hidden, padding_idx=PAD)
        self.token_type = nn.Parameter(torch.zeros(hidden))
        self.norm = nn.LayerNorm(hidden, eps=1e-5)
        self.layers = nn.ModuleList(Layer(hidden, heads, intermediate) for _ in range(layers))
        self.classifier = nn.Linear(hidden, labels)
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, std=0.02)

    def forward(self, input_ids, attention_mask):
        # RoBERTa: real tokens are numbered from padding_idx + 1, padding keeps padding_idx.
        real = input_ids.ne(PAD).long()
        positions = torch.cumsum(real, dim=1) * real + PAD
        x = self.norm(self.words(input_ids) + self.positions(positions) + self.token_type)
        bias = (1.0 - attention_mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in self.layers:
            x = layer(x, bias)
        return self.classifier(x)


def train_tokenizer(out, vocab):
    text = os.path.join(out, "spm_train.txt")
    with open(os.path.join(ROOT, "data", "kaznerd", "IOB2_valid.txt"), encoding="utf-8") as f, \
            open(text, "w", encoding="utf-8") as w:
        words = []
        for line in f:
            parts = line.split()
            if parts:
                words.append(parts[0])
            elif words:
                w.write(" ".join(words) + "\n")
                words = []
    spm.SentencePieceTrainer.train(
        input=text, model_prefix=os.path.join(out, "sentencepiece.bpe"), model_type="unigram",
        vocab_size=vocab, hard_vocab_limit=False, character_coverage=1.0,
        normalization_rule_name="nmt_nfkc", num_threads=2, minloglevel=2)
    os.remove(text)
    return spm.SentencePieceProcessor(model_file=os.path.join(out, "sentencepiece.bpe.model"))


def write_config(out, shape, vocab, id2label):
    layers, hidden, heads, intermediate = SHAPES[shape]
    config = {
        "_name_or_path": f"xlmr-{shape}-random",
        "architectures": ["XLMRobertaForTokenClassification"],
        "model_type": "xlm-roberta",
        "attention_probs_dropout_prob": 0.1, "hidden_dropout_prob": 0.1, "classifier_dropout": None,
        "bos_token_id": 0, "pad_token_id": PAD, "eos_token_id": 2,
        "hidden_act": "gelu", "hidden_size": hidden, "initializer_range": 0.02,
        "intermediate_size": intermediate, "layer_norm_eps": 1e-5,
        "max_position_embeddings": MAX_POSITIONS, "num_attention_heads": heads, "num_hidden_layers": layers,
        "position_embedding_type": "absolute", "type_vocab_size": 1, "use_cache": True,
        "vocab_size": vocab, "torch_dtype": "float32",
        "id2label": id2label, "label2id": {label: int(i) for i, label in id2label.items()},
        "kazner_model_name": f"xlmr-{shape}-random", "kazner_model_version": "0.0.0-random",
    }
    with open(os.path.join(out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
    specials = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
                "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>"}
    with open(os.path.join(out, "special_tokens_map.json"), "w", encoding="utf-8") as f:
        json.dump(specials, f, indent=2)
    with open(os.path.join(out, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump({**specials, "tokenizer_class": "XLMRobertaTokenizer", "model_max_length": 512}, f, indent=2)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", choices=sorted(SHAPES), required=True)
    parser.add_argument("--vocab", type=int, default=8000)
    parser.add_argument("--out", help="bundle folder (default training/cache/xlmr-SHAPE-random)")
    args = parser.parse_args()
    out = args.out or os.path.join(ROOT, "training", "cache", f"xlmr-{args.shape}-random")
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(12)

    sp = train_tokenizer(out, args.vocab)
    vocab = sp.get_piece_size() + 2  # fairseq's offset of one, and <mask> at the end
    with open(os.path.join(ROOT, "models", "kazner-base", "config.json"), encoding="utf-8") as f:
        id2label = json.load(f)["id2label"]  # KazNERD's labels, in the shipped model's order
    write_config(out, args.shape, vocab, id2label)

    layers, hidden, heads, intermediate = SHAPES[args.shape]
    model = TokenClassifier(vocab, layers, hidden, heads, intermediate, len(id2label)).eval()
    params = sum(p.numel() for p in model.parameters())
    ids = torch.tensor([[0, 100, 200, 2, PAD], [0, 300, 400, 500, 2]])
    mask = ids.ne(PAD).long()
    with torch.no_grad():
        torch.onnx.export(
            model, (ids, mask), os.path.join(out, "model.onnx"), opset_version=14, **TORCHSCRIPT_EXPORTER,
            input_names=["input_ids", "attention_mask"], output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch_size", 1: "sequence_length"},
                          "attention_mask": {0: "batch_size", 1: "sequence_length"},
                          "logits": {0: "batch_size", 1: "sequence_length"}})
    size = os.path.getsize(os.path.join(out, "model.onnx")) / 2**20
    print(f"{out}: {args.shape} {layers} x {hidden}, {params / 1e6:.0f}M parameters "
          f"({(params - vocab * hidden) / 1e6:.0f}M without the {vocab}-piece embedding), model.onnx {size:.0f} MiB")


if __name__ == "__main__":
    main()
