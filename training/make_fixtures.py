"""Writes the test fixtures that must come from outside the C# code under test.

python3 training/make_fixtures.py  (from the repository root, after exporting models/kazner-base)
- spm_reference_ids.txt: spm_encode ids for every sentence of the KazNERD validation text
- wrong-signature.onnx: a valid ONNX graph whose inputs are not a token classifier's
"""
import os
import subprocess

import onnx
from onnx import TensorProto, helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "KazNer.Core.Tests", "Fixtures")
DATA = os.path.join(ROOT, "data", "kaznerd", "IOB2_valid.txt")
MODEL = os.path.join(ROOT, "models", "kazner-base", "sentencepiece.bpe.model")


def sentences():
    tokens = []
    with open(DATA, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip():
                tokens.append(line.rsplit(" ", 1)[0])
            elif tokens:
                yield " ".join(tokens)
                tokens = []
    if tokens:
        yield " ".join(tokens)


def spm_reference():
    text = "\n".join(sentences()) + "\n"
    ids = subprocess.run(["spm_encode", f"--model={MODEL}", "--output_format=id"], input=text.encode("utf-8"),
                         capture_output=True, check=True).stdout
    with open(os.path.join(FIXTURES, "spm_reference_ids.txt"), "wb") as f:
        f.write(ids)


def wrong_signature():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 4])
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "not-a-tagger", [x], [y])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]),
              os.path.join(FIXTURES, "wrong-signature.onnx"))


if __name__ == "__main__":
    os.makedirs(FIXTURES, exist_ok=True)
    spm_reference()
    wrong_signature()
