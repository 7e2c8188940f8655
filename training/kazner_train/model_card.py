"""Writes MODEL_CARD.md for an exported bundle: what can be read from the training record, the final check and
the cross-validation folders. Sections measured by hand (speed, levers not shipped) are added below it.

python3 -m kazner_train.model_card --work work/v4 --model ../models/kazner-base \
    --eval work/final_check.eval.txt --final-check work/final_check.score.txt --cv work/cv/r3-base-rare
(final_check.eval.txt: `kazner eval --data work/final_check.conll`; final_check.score.txt: `finalcheck score`)
"""
import argparse
import json
import os

import torch

from .cv import table as cv_table
from .export import load_all

# Every text a model can learn from here, with its licence, so the card credits what was actually read.
KAZNERD = ("**KazNERD** (Yeshpanov, Khassanov, Varol: *KazNERD: Kazakh Named Entity Recognition Dataset*, LREC 2022, "
           "https://github.com/IS2AI/KazNERD), CC BY 4.0")
UNLABELLED = {
    "all.txt": "NTREX-128 news (CC BY-SA 4.0), KazQAD Wikipedia passages and questions (CC BY-SA 4.0), apertium-kaz "
               "texts (CC BY-SA 4.0), UD Kazakh-KTB (CC BY-SA 4.0), Common Voice sentences from apertiumpp (CC0)",
    "apertium-kaz-rus-corpus.txt": "apertium-kaz-rus corpus, Kazakh side: official press releases (GPL-3.0)",
    "apertium-kaz-tat-corpus.txt": "apertium-kaz-tat corpus, Kazakh side (GPL-3.0)",
    "til-xwmt-test.txt": "X-WMT test sets of turkic-interlingua/til-mt (MIT)",
    "opus-mt-testsets-flores-tatoeba.txt": "FLORES-200 devtest (CC BY-SA 4.0) and Tatoeba (CC BY 2.0 FR)",
    "adam-wikipedia-wikisource.txt": "Kazakh Wikipedia (CC BY-SA 4.0) and Wikisource classics (public domain)",
    "adam-tatoeba-commonvoice.txt": "Tatoeba (CC BY 2.0 FR) and Common Voice sentences (CC0)",
    "adam-military-law-kk.txt": "laws and regulations on military service (official documents, not subject to copyright)",
}


def sources(path):
    name = os.path.basename(path)
    return UNLABELLED.get(name, f"`{name}` (licence not recorded here: add it to kazner_train.model_card)")


def final_check_section(score_path, eval_path):
    with open(score_path, encoding="utf-8") as f:
        score = json.loads(f.readline())
    with open(eval_path, encoding="utf-8") as f:
        table = f.read().rstrip()
    lo, hi = score["micro_ci"]
    mlo, mhi = score["macro_ci"]
    return f"""## Final check (scored once; no choice saw these sentences)
A fixed fifth of test part A's id groups (`kazner_train.finalcheck`, {score['sentences']:,} sentences, {score['entities']:,}
entities), left out of training and of every cross-validation fold and choice. Bootstrap over sentences,
{score['rounds']:,} rounds, 95 % percentile interval:

| micro F1 | 95 % interval | macro F1 | 95 % interval |
| ---: | ---: | ---: | ---: |
| **{score['micro']:.4f}** | {lo:.4f}–{hi:.4f} | **{score['macro']:.4f}** | {mlo:.4f}–{mhi:.4f} |

Per class (exact-match entities, seqeval default mode, `kazner eval`):
```
{table}
```
The maintainers measure the model on KazNERD test part B, which was never read here: quote that figure as the
model's test score, and this one as the final check.
"""


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", required=True, nargs="+", help="the run (trained with --all), or an ensemble's runs")
    p.add_argument("--model", required=True)
    p.add_argument("--eval", required=True, help="`kazner eval` output on the final-check sentences")
    p.add_argument("--final-check", required=True, help="`kazner_train.finalcheck score` output")
    p.add_argument("--cv", nargs="+", default=[], help="finished kazner_train.cv folders: their table goes in the card")
    args = p.parse_args()
    records = []
    for work in args.work:
        with open(os.path.join(work, "training.json")) as f:
            records.append(json.load(f))
    record = records[0]
    with open(os.path.join(args.model, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    model, ckpts = load_all(args.work)
    cfg = ckpts[0]["cfg"]
    params = sum(p.numel() for p in model.parameters())
    size = os.path.getsize(os.path.join(args.model, "model.onnx")) / 2 ** 20
    a = record["args"]
    epochs = len(record["history"])
    minutes = " and ".join(f"{r['seconds'] / 60:.0f}" for r in records)
    files = [a["unlabelled"]] if isinstance(a.get("unlabelled"), str) else a.get("unlabelled") or []  # str before 4.0
    weights = a.get("unlabelled_weights")
    shares = f"; share of each file's lines read: {', '.join(f'{w:g}' for w in weights)}" if weights else ""
    unlabelled = (f"Piece embeddings start from fastText vectors learned on unlabelled Kazakh text ({'; '.join(sources(u) for u in files)}{shares}) "
                  "plus the training text; only the vectors were used, and only what was learned from them ships, "
                  "not the text." if a.get("unlabelled") else "")
    charlm = ""
    if a.get("charlm"):
        with open(os.path.join(os.path.dirname(a["charlm"]), "charlm.json")) as f:
            texts = json.load(f)["args"]["text"]
        charlm = ("A character language model, read frozen inside the graph, was pretrained (`kazner_train.charlm`) on: "
                  + "; ".join(sources(t) for t in texts) + ". Only its weights ship.")
    rare = (f"Class-aware sampling (`--rare-boost {a['rare_boost']:g}`): each epoch, a sentence whose rarest entity type "
            "is below the median type count is drawn again, (median / count − 1) × that factor times, at most 3."
            if a.get("rare_boost") else "")
    cv = f"## Cross-validation (`kazner_train.cv`, folds over id groups, final check left out)\n{cv_table(args.cv)}\n\n" if args.cv else ""
    card = f"""# {config['kazner_model_name']} {config['kazner_model_version']}

The default model of KazNer.Stream: named-entity recognition for Kazakh, 25 KazNERD classes in IOB2.
Small and fast (CPU), trained from scratch: no pretrained encoder could be downloaded where it was built.
For the best quality, export `xlm-roberta-large-ner-kazakh` to ONNX and point `--model` at that folder.

## Data and licence
Trained on {record['train_sentences']:,} sentences of the validation split and test part A (half of the test split by id
number) of {KAZNERD}; this model is a derivative work and credits it. Changes were made: it was learned from
those sentences, cut into SentencePiece pieces, and does not contain them; KazNERD's creators do not endorse it.
The final check (below) was left out. The KazNERD train split and test part B were not used.
`training-sentences.sha256` lists hashes of the training sentences, so that `kazner eval` warns when it scores them.
{unlabelled}
{charlm}
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
- {"An ensemble of " + str(len(records)) + " such taggers (emissions and CRF scores averaged); " if len(records) > 1 else ""}{params:,} parameters; `model.onnx` {size:.1f} MiB (opset 17, dynamic batch and sequence axes).

## Training
{epochs} epochs (the count cross-validation was run with; the last epoch ships, none is picked), batch {a['batch_size']},
AdamW lr {a['lr']} with warm-up and linear decay, dropout {cfg['dropout']}, word-vector dropout {cfg['piece_drop']}, seed {a['seed']}.
Mention swap (`--swap-rate {a['swap_rate']:g}`): each epoch, that share of training sentences get each entity mention
replaced, with probability 0.5, by a random training mention of the same type.
{rare}
Debian's PyTorch {torch.__version__}, {record['hardware']}: {minutes} minutes of epochs (tokenizer and fastText before them not counted).

{final_check_section(args.final_check, args.eval)}
{cv}## Reproduce
See `training/README.md`: `setup.sh`, then the training run, export, final check.

## Known limits
- Trained on {record['train_sentences']:,} sentences: rare classes (ADAGE, CONTACT, MISCELLANEOUS, NON_HUMAN, PRODUCT,
  EVENT, FACILITY) have little support and are recognised poorly or not at all (per-class table above).
- Words are tokenized the KazNERD way; text far from news style (chat, all-caps, Latin-script Kazakh) is out
  of domain.
- An entity's score is the CRF posterior probability of exactly that entity (its type and both edges) at the
  model's calibration temperature (`crf.temperature` in `config.json`; docs/output.md, Scores); check the
  calibration of a new model on held-out sentences (`kazner_train.calibration`) before trusting a threshold.
"""
    with open(os.path.join(args.model, "MODEL_CARD.md"), "w", encoding="utf-8") as f:
        f.write(card)
    print("wrote", os.path.join(args.model, "MODEL_CARD.md"))


if __name__ == "__main__":
    main()
