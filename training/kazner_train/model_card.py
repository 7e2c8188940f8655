"""Writes MODEL_CARD.md for an exported bundle from the training record and `kazner eval` output.

python3 -m kazner_train.model_card --work work/plain work/swap --model ../models/kazner-base --eval work/dev_eval.txt
(dev_eval.txt: the output of `kazner eval --data work/plain/dev.conll`)
With --selection work/plain, --work names a run trained with --all (dev included) and the card takes the
dev table and the model selection from the held-out run.
"""
import argparse
import json
import os

import torch

from .cv import table as cv_table
from .export import load_all


def cv_section(folders):
    if not folders:
        return ""
    return f"""## Cross-validation (`kazner_train.cv`: folds over the id groups of all the training data)
{cv_table(folders)}

"""


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--work", required=True, nargs="+", help="the run, or the ensemble's runs, as exported")
    p.add_argument("--model", required=True)
    p.add_argument("--eval", required=True)
    p.add_argument("--cv", nargs="+", default=[], help="finished kazner_train.cv folders: their table goes in the card")
    p.add_argument("--selection", help="the held-out run whose dev scores chose the recipe, when --work used --all")
    args = p.parse_args()
    records = []
    for work in args.work:
        with open(os.path.join(work, "training.json")) as f:
            records.append(json.load(f))
    record = records[0]
    selection = record
    if args.selection:
        with open(os.path.join(args.selection, "training.json")) as f:
            selection = json.load(f)
    with open(os.path.join(args.model, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    with open(args.eval, encoding="utf-8") as f:
        table = f.read().rstrip()
    model, ckpts = load_all(args.work)
    cfg = ckpts[0]["cfg"]
    params = sum(p.numel() for p in model.parameters())
    size = os.path.getsize(os.path.join(args.model, "model.onnx")) / 2 ** 20
    def member(work, run):
        best = max(run["history"], key=lambda h: h["dev_f1"])
        return (f"- `{os.path.basename(os.path.normpath(work))}`: mention swap rate {run['args']['swap_rate']}, "
                f"best dev epoch {best['epoch']} (dev F1 {best['dev_f1']:.4f}), "
                f"{run['seconds'] / 60:.0f} minutes on {run['hardware']}")

    members = "\n".join(member(w, r) for w, r in zip(args.work, records))
    a = record["args"]
    retrained = (f"The shipped weights were then trained again with the same recipe and seed on all "
                 f"{record['train_sentences']} sentences (dev included), for the full {len(record['history'])} epochs. "
                 if args.selection else "")
    data = a["data"] if isinstance(a["data"], list) else [a["data"]]
    names = {"IOB2_valid_with_ids.txt": "the validation split", "IOB2_test_partA_with_ids.txt": "test part A (half of the test split by id number)"}
    data_text = " and ".join(names.get(os.path.basename(d), os.path.basename(d)) for d in data)
    fraction = a["dev_fraction"] if isinstance(a["dev_fraction"], list) else [a["dev_fraction"]]
    fractions = " / ".join(f"{f:.0%}" for f in fraction)
    unlabelled = ("Piece embeddings of the members trained with `--unlabelled` start from fastText vectors learned on "
                  "unlabelled Kazakh text (NTREX-128 news, KazQAD Wikipedia passages, apertium-kaz texts and UD Kazakh-KTB "
                  "under CC BY-SA 4.0; Common Voice sentences from apertiumpp under CC0) plus the training text; only what "
                  "was learned from that text ships, not the text itself."
                  if any(r["args"].get("unlabelled") for r in records) else "")
    pseudo = [r for r in records if r["args"].get("pseudo")]
    self_training = (f"Self-training: each epoch also draws {pseudo[0]['pseudo_sentences_per_epoch']:,} sentences of that unlabelled "
                     "text labelled by a teacher tagger (`kazner_train.pseudo`; "
                     "the teacher must not have seen the held-out sentences), among those whose whole label path the teacher "
                     "is sure of (`--min-probability`, default 0.5). The labelled text does not ship either."
                     if pseudo else "")
    held_out_time = (f"; the held-out selection run took {selection['seconds'] / 60:.0f} minutes" if args.selection else "")
    card = f"""# {config['kazner_model_name']} {config['kazner_model_version']}

The default model of KazNer.Stream: named-entity recognition for Kazakh, 25 KazNERD classes in IOB2.
Small and fast (CPU), trained from scratch: no pretrained encoder could be downloaded where it was built.
For the best quality, export `xlm-roberta-large-ner-kazakh` to ONNX and point `--model` at that folder.

## Data and licence
Trained on {data_text} of **KazNERD** (Yeshpanov, Khassanov, Varol: *KazNERD: Kazakh Named Entity
Recognition Dataset*, LREC 2022), licensed CC BY 4.0; this model is a derivative work and credits it.
{selection['train_sentences']} sentences for training, {selection['dev_sentences']} held out ({fractions} of each file's
sentence id numbers, so typographic variants of one sentence stay on one side) to choose the recipe and epoch count.
{retrained}The KazNERD train split and test part B were not used. `training-sentences.sha256` lists hashes of the
training sentences, so that `kazner eval` warns when it scores them.
{unlabelled}
{self_training}
## Architecture
- SentencePiece Unigram tokenizer ({config['vocab_size'] - 1} pieces, digits split), XLM-R id convention.
- Words are the steps of the network, recovered in the graph from constant piece tables: a word is a piece
  starting with `▁` plus the pieces after it. Each word is its first piece's embedding ({cfg['piece_dim']}), the
  mean embedding of its other pieces, and a character CNN over the whole word (up to {cfg['word_pieces']} pieces and
  {cfg['word_chars']} characters, head and tail kept; char dim {cfg['char_dim']}, {cfg['char_filters']} filters × widths
  {cfg['char_widths']}), so case suffixes in later pieces reach the features.
- {cfg['layers']}-layer BiLSTM over words ({cfg['hidden']} per direction, padding-independent), linear emissions over
  51 labels, copied to every piece of the word (the engine reads first pieces).
- CRF over words; transitions in `config.json` → constrained Viterbi in the engine.
- {"An ensemble of " + str(len(records)) + " such taggers trained apart (emissions and CRF scores averaged); " if len(records) > 1 else ""}{params:,} parameters; `model.onnx` {size:.1f} MiB (opset 17, dynamic batch and sequence axes).

## Training
{len(record['history'])} epochs{" each" if len(records) > 1 else ""}, batch {a['batch_size']}, AdamW lr {a['lr']} with warm-up and linear decay, dropout
{cfg['dropout']}, word-vector dropout {cfg['piece_drop']}, seed {a['seed']}; the epoch with the best dev F1 is kept.
Mention swap: each epoch, that share of training sentences get each entity mention replaced, with probability 0.5,
by a random training mention of the same type. Debian's PyTorch {torch.__version__}{held_out_time};
{"the members train side by side, one thread each." if len(records) > 1 else "one thread."}
{members}

## Dev metrics (exact-match entities, seqeval default mode, `kazner eval`)
```
{table}
```
These are dev numbers of the held-out run{"s" if len(records) > 1 else ""}{" (the shipped weights have seen the dev set, so they are not re-measured on it)" if args.selection else ""};
the maintainers measure the KazNERD test split separately.

{cv_section(args.cv)}## Reproduce
See `training/README.md`: `setup.sh`, then the training runs, export, evaluate.

## Known limits
- Trained on {selection['train_sentences']:,} sentences: rare classes (ADAGE, CONTACT, LANGUAGE, MISCELLANEOUS, NON_HUMAN,
  PRODUCT, LAW) have little or no support and are recognised poorly or not at all.
- Words are tokenized the KazNERD way; text far from news style (chat, all-caps, Latin-script Kazakh) is out
  of domain.
- An entity's score is the CRF posterior probability of exactly that entity (its type and both edges) at the
  model's calibration temperature (`crf.temperature` in `config.json`, see Calibration above; docs/output.md,
  Scores); check the calibration of a new model on held-out sentences (`kazner_train.calibration`) before
  trusting a threshold.
"""
    with open(os.path.join(args.model, "MODEL_CARD.md"), "w", encoding="utf-8") as f:
        f.write(card)
    print("wrote", os.path.join(args.model, "MODEL_CARD.md"))


if __name__ == "__main__":
    main()
