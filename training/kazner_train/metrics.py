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


def entity_f1(gold, pred):
    tp, n_gold, n_pred = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        gs, ps = set(chunks(g)), set(chunks(p))
        for s in gs:
            n_gold[s[0]] += 1
        for s in ps:
            n_pred[s[0]] += 1
        for s in gs & ps:
            tp[s[0]] += 1
    def prf(t, g, p):
        pr = t / p if p else 0.0
        rc = t / g if g else 0.0
        return dict(precision=pr, recall=rc, f1=2 * pr * rc / (pr + rc) if pr + rc else 0.0, support=g)
    classes = {k: prf(tp[k], n_gold[k], n_pred[k]) for k in sorted(n_gold | n_pred)}
    micro = prf(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))
    # Macro as seqeval and `kazner eval` take it: the unweighted mean over the classes in gold or predictions.
    macro = sum(c["f1"] for c in classes.values()) / len(classes) if classes else 0.0
    return dict(micro, macro_f1=macro, classes=classes)
