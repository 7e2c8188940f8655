"""Exact-match entity scores, read the way seqeval's default mode and conlleval read IOB2."""
from collections import Counter


def chunks(labels):
    """(type, start, end) spans; an I- that does not continue the open entity starts a new one."""
    spans, kind, start = [], None, 0
    for i, label in enumerate(labels + ["O"]):
        prefix, _, t = label.partition("-")
        if kind is not None and (prefix != "I" or t != kind):
            spans.append((kind, start, i))
            kind = None
        if prefix == "B" or (prefix == "I" and kind is None):
            kind, start = t, i
    return spans


def sentence_counts(gold, pred):
    """Per type: entities right, in gold and predicted, for one sentence's label lists."""
    g, p = set(chunks(gold)), set(chunks(pred))
    return Counter(s[0] for s in g & p), Counter(s[0] for s in g), Counter(s[0] for s in p)


def report(counts):
    """Micro (with precision and recall), macro and per-class F1 from sentence_counts of many sentences."""
    tp, n_gold, n_pred = Counter(), Counter(), Counter()
    for t, g, p in counts:
        tp.update(t)
        n_gold.update(g)
        n_pred.update(p)

    def prf(t, g, p):
        pr = t / p if p else 0.0
        rc = t / g if g else 0.0
        return dict(precision=pr, recall=rc, f1=2 * pr * rc / (pr + rc) if pr + rc else 0.0, support=g)
    classes = {k: prf(tp[k], n_gold[k], n_pred[k]) for k in sorted(n_gold | n_pred)}
    micro = prf(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))
    # Macro as seqeval and `kazner eval` take it: the unweighted mean over the classes in gold or predictions.
    macro = sum(c["f1"] for c in classes.values()) / len(classes) if classes else 0.0
    # Over the classes with gold entities only: one false entity of a class the sentences lack adds a class at F1 0
    # to seqeval's mean, which says more about the sample than the model (the final check has no CONTACT).
    gold_f1 = [c["f1"] for c in classes.values() if c["support"]]
    macro_gold = sum(gold_f1) / len(gold_f1) if gold_f1 else 0.0
    return dict(micro, macro_f1=macro, macro_gold_f1=macro_gold, classes=classes)


def entity_f1(gold, pred):
    return report(sentence_counts(g, p) for g, p in zip(gold, pred))
