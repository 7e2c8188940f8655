"""Checks the engine on a transformer bundle from transformer_bundle.py through `kazner annotate`:
512-piece windows, offsets after text that NFKC normalization changes, and the same output for a document
annotated alone and in a batch with others. Exits non-zero on the first failure.

    /usr/bin/python3 training/check_transformer.py training/cache/xlmr-tiny-random [--kazner CMD]

CMD defaults to `dotnet src/KazNer.Stream/bin/Release/net10.0/kazner.dll` (build it first).
"""
import argparse
import json
import os
import shlex
import subprocess
import sys

import sentencepiece as spm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Each changes under NFKC: a ligature, full-width digits, the numero sign, no-break spaces, a combining acute.
NFKC_TEXT = ("Қазақстанның ﬁнал кезеңі ２０２３ жылы №５ мектепте өтті.\u00a0Алматы\u00a0қаласында "
             "Е\u0301рлан Тоқаев ﬂагманды ұсынды, ол １２ пайызға өсті.")


def annotate(kazner, model, documents, tokens=True, device="Cpu"):
    lines = "".join(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n" for i, text in enumerate(documents))
    command = kazner + ["annotate", "--model", model, "--device", device, "--input-format", "Jsonl"] + (["--tokens"] if tokens else [])
    result = subprocess.run(command, input=lines.encode("utf-8"), capture_output=True, check=False)
    if result.returncode != 0:
        sys.exit(f"kazner annotate failed ({result.returncode}): {result.stderr.decode('utf-8', 'replace')}")
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines() if line.strip()]


def check(condition, message):
    if not condition:
        sys.exit("FAIL: " + message)
    print("ok:", message)


def check_offsets(text, record):
    previous = 0
    for token in record["tokens"]:
        # Offsets count UTF-16 units; every character here is in the BMP, so Python indexes agree.
        check_quiet(token["text"] == text[token["start"]:token["end"]], f"token {token} is text[start:end]")
        check_quiet(token["start"] >= previous, f"token {token} starts after the previous one")
        previous = token["end"]
    for entity in record["entities"]:
        check_quiet(entity["text"] == text[entity["start"]:entity["end"]], f"entity {entity} is text[start:end]")


def check_quiet(condition, message):
    if not condition:
        sys.exit("FAIL: " + message)


def kaznerd_sentences(count):
    sentences, words = [], []
    with open(os.path.join(ROOT, "data", "kaznerd", "IOB2_valid.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts:
                words.append(parts[0])
            elif words:
                sentences.append(" ".join(words))
                words = []
                if len(sentences) == count:
                    break
    return sentences


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--kazner", default="dotnet " + os.path.join(ROOT, "src/KazNer.Stream/bin/Release/net10.0/kazner.dll"))
    parser.add_argument("--alone", type=int, default=6, help="documents also annotated one process each")
    parser.add_argument("--device", default="Cpu", choices=["Cpu", "Cuda", "Auto"])
    args = parser.parse_args()
    kazner = shlex.split(args.kazner)
    sp = spm.SentencePieceProcessor(model_file=os.path.join(args.model, "sentencepiece.bpe.model"))

    # One sentence (no full stop inside) far over 510 pieces: the engine must cut it into windows.
    sentences = kaznerd_sentences(400)
    long_words = " ".join(s.rstrip(" .!?") for s in sentences[:90]).replace(" .", "").split()
    long_text = " ".join(w for w in long_words if w not in {".", "!", "?"})
    pieces = len(sp.encode(long_text))
    check(pieces > 2 * 512, f"the long sentence has {pieces} pieces (over two 512-piece windows)")
    [long_record] = annotate(kazner, args.model, device=args.device, documents=[long_text])
    check(len(long_record["sentences"]) == 1, "it stays one sentence")
    check(len(long_record["tokens"]) == len(long_text.split()), f"every one of its {len(long_text.split())} words has a label")
    check_offsets(long_text, long_record)
    print("ok: its tokens and entities are text[start:end], in order")

    [nfkc_record] = annotate(kazner, args.model, device=args.device, documents=[NFKC_TEXT])
    normalized = "".join(sp.encode("ﬁнал ２０２３ №５", out_type=str))
    check("fi" in normalized and "2023" in normalized and "No" in normalized, f"the tokenizer normalizes with NFKC ({normalized})")
    check_offsets(NFKC_TEXT, nfkc_record)
    words = [t["text"] for t in nfkc_record["tokens"]]
    for expected in ["ﬁнал", "２０２３", "№５", "Е\u0301рлан", "ﬂагманды", "１２"]:
        check(any(expected in w or w in expected for w in words), f"a token covers the original {expected!r}")
    print("ok: after NFKC-changing characters every token and entity is text[start:end] of the original")

    documents = [long_text, NFKC_TEXT] + [" ".join(sentences[i:i + 8]) for i in range(100, 300, 8)]
    batched = annotate(kazner, args.model, device=args.device, documents=documents)
    for i in range(min(args.alone, len(documents))):
        [alone] = annotate(kazner, args.model, device=args.device, documents=[documents[i]])
        alone["id"] = str(i)
        check(json.dumps(alone, sort_keys=True) == json.dumps(batched[i], sort_keys=True),
              f"document {i} ({len(documents[i])} characters) comes out the same alone and among {len(documents)}")


if __name__ == "__main__":
    main()
