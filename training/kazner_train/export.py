"""Exports a trained checkpoint as a model bundle: python3 -m kazner_train.export --work work/ --out ../models/kazner-base"""
import argparse
import inspect
import json
import os
import shutil

import numpy as np
import torch

from .data import LABEL2ID, LABELS, encode_words, read_with_ids
from .model import Ensemble, Tagger

MAX_POSITIONS = 512
# Newer PyTorch defaults to the dynamo exporter; the TorchScript one writes the graph the engine was checked on,
# the one Optimum's export writes.
TORCHSCRIPT_EXPORTER = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--work", required=True, nargs="+",
                   help="training output folders (best.pt, sentencepiece.bpe.model); several make an ensemble")
    p.add_argument("--out", required=True)
    p.add_argument("--name", default="kazner-base")
    p.add_argument("--version", default="3.0.0")
    p.add_argument("--temperature", type=float, default=1.0,
                   help="crf.temperature: divides the CRF scores for posteriors; fit it on held-out data (README)")
    p.add_argument("--label-bias", help="per-class decision biases (kazner_train.bias), folded into the CRF scores")
    p.add_argument("--fixture", help="also write a parity fixture (ids, mask, PyTorch logits) to this JSON file")
    p.add_argument("--float16-weights", action="store_true",
                   help="store large weight tensors as float16, cast to float32 when the session loads: half the file")
    return p.parse_args()


def load(work, checkpoint="best.pt"):
    # Our own checkpoint holds plain Python values beside the tensors; PyTorch 2.6+ refuses those by default.
    ckpt = torch.load(os.path.join(work, checkpoint), map_location="cpu", weights_only=False)
    state = ckpt["state"]
    tables = dict(chars=state["words.piece_chars"].reshape(ckpt["vocab"], -1), lengths=state["words.piece_lengths"],
                  starts=state["words.piece_starts"])
    model = Tagger(tables, ckpt["n_chars"], len(LABELS), ckpt["cfg"])
    model.load_state_dict(ckpt["state"])
    return model.eval(), ckpt


def one_tokenizer(works, tool):
    """SystemExit unless the runs were trained with one SentencePiece model, so that their piece ids mean the same."""
    vocabs = set()
    for work in works:
        with open(os.path.join(work, "sentencepiece.bpe.vocab"), encoding="utf-8") as f:
            vocabs.add(f.read())
    if len(vocabs) > 1:
        raise SystemExit(f"{tool}: the runs were trained with different SentencePiece models")


def load_all(works, checkpoint="best.pt", tool="export"):
    """One tagger, or the ensemble of several trained with one tokenizer (same data, split and seed)."""
    one_tokenizer(works, tool)
    loaded = [load(work, checkpoint) for work in works]
    if len(loaded) == 1:
        return loaded[0][0], [loaded[0][1]]
    return Ensemble([model for model, _ in loaded]).eval(), [ckpt for _, ckpt in loaded]


def fixture_batch(work):
    """Three dev sentences of different lengths, padded together, so parity covers padding too."""
    import sentencepiece as spm
    sp = spm.SentencePieceProcessor(model_file=os.path.join(work, "sentencepiece.bpe.model"))
    sentences = read_with_ids(os.path.join(work, "dev.conll"))[:3]
    return padded([encode_words(sp, tokens)[0] for _, tokens, _ in sentences])


def padded(seqs):
    """Rows of piece ids -> input_ids (padding id 1) and attention_mask, as the engine batches them."""
    t = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), t), 1, dtype=torch.long)
    mask = torch.zeros((len(seqs), t), dtype=torch.long)
    for r, s in enumerate(seqs):
        ids[r, : len(s)] = torch.tensor(s)
        mask[r, : len(s)] = 1
    return ids, mask


def write_training_hashes(works, path):
    """The union of the members' training-sentence hashes, for `kazner eval`'s overlap warning."""
    hashes = set()
    for work in works:
        with open(os.path.join(work, "training-sentences.sha256")) as f:
            hashes.update(line.strip() for line in f if line.strip())
    with open(path, "w") as f:
        f.write("\n".join(sorted(hashes)) + "\n")


def label_bias(biases):
    """[len(LABELS)] vector of per-class biases {type: value}, on both the B- and the I- label."""
    vector = torch.zeros(len(LABELS))
    for kind, value in biases.items():
        vector[LABEL2ID[f"B-{kind}"]] = vector[LABEL2ID[f"I-{kind}"]] = value
    return vector


def fold_bias(crf, biases):
    """A bias b added to every word's score for label y equals b added to the start score of y and to every
    transition into y, so Viterbi and the posteriors in the engine see it without a change to the graph."""
    vector = label_bias(biases)
    with torch.no_grad():
        crf.start += vector
        crf.transitions += vector.unsqueeze(0)


def round_to_float16(model):
    """Rounds the graph's weights to float16 values in place, before the export, so that storing them as float16
    loses nothing more and the parity fixture's PyTorch logits are those of the weights that ship."""
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "crf" not in name:
                parameter.copy_(parameter.half().float())


def store_float16(path, min_elements=4096):
    """Rewrites model.onnx with each large float32 initializer stored as float16 behind a Cast back to float32.
    ONNX Runtime folds the Casts when it loads the session, so inference still computes in float32 (same speed;
    round_to_float16 did the rounding). Small tensors stay float32: they save nothing."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    graph_model = onnx.load(path)
    graph = graph_model.graph
    initializers, casts = [], []
    for tensor in graph.initializer:
        if tensor.data_type != TensorProto.FLOAT or int(np.prod(tensor.dims)) < min_elements:
            initializers.append(tensor)
            continue
        half = numpy_helper.from_array(numpy_helper.to_array(tensor).astype(np.float16), tensor.name + ".float16")
        initializers.append(half)
        casts.append(helper.make_node("Cast", [half.name], [tensor.name], to=TensorProto.FLOAT))
    nodes = list(graph.node)
    del graph.initializer[:], graph.node[:]
    graph.initializer.extend(initializers)
    graph.node.extend(casts + nodes)
    onnx.checker.check_model(graph_model)
    onnx.save(graph_model, path)
    return len(casts)


def main():
    args = parse_args()
    model, ckpts = load_all(args.work)
    os.makedirs(args.out, exist_ok=True)
    ids, mask = fixture_batch(args.work[0])
    if args.float16_weights:
        round_to_float16(model)
    torch.onnx.export(
        model, (ids, mask), os.path.join(args.out, "model.onnx"), opset_version=17, **TORCHSCRIPT_EXPORTER,
        input_names=["input_ids", "attention_mask"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                      "logits": {0: "batch", 1: "sequence"}})
    if args.float16_weights:
        print(f"{store_float16(os.path.join(args.out, 'model.onnx'))} weight tensors stored as float16")
    shutil.copy(os.path.join(args.work[0], "sentencepiece.bpe.model"), args.out)
    write_training_hashes(args.work, os.path.join(args.out, "training-sentences.sha256"))
    crf = model.crf
    biases = {}
    if args.label_bias:
        with open(args.label_bias) as f:
            biases = json.load(f)
        fold_bias(crf, biases)
    config = {
        "architectures": ["KazNerBiLstmCnnCrf"],
        "model_type": "kazner-bilstm-cnn-crf",
        "name_or_path": args.name,
        "kazner_model_name": args.name,
        "kazner_model_version": args.version,
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "label2id": LABEL2ID,
        "max_position_embeddings": MAX_POSITIONS,
        "vocab_size": ckpts[0]["vocab"],
        # Our extension: CRF scores for constrained Viterbi decoding over first pieces of words.
        "crf": {
            "transitions": crf.transitions.detach().numpy().round(6).tolist(),
            "start": crf.start.detach().numpy().round(6).tolist(),
            "end": crf.end.detach().numpy().round(6).tolist(),
            "temperature": args.temperature,
        },
        "training": [{"epoch": c["epoch"], "dev": {k: v for k, v in c["dev"].items() if k != "classes"}}
                     for c in ckpts],
    }
    if biases:
        # Already in crf.start and crf.transitions; recorded so that a reader sees what was added.
        config["kazner_decision_bias"] = biases
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=1)
    if args.fixture:
        with torch.no_grad():
            logits = model(ids, mask)
        with open(args.fixture, "w") as f:
            json.dump({"input_ids": ids.tolist(), "attention_mask": mask.tolist(),
                       "logits": np.round(logits.numpy().astype(np.float64), 7).tolist()}, f)
    print(f"exported {args.name} {args.version} to {args.out}")


if __name__ == "__main__":
    main()
