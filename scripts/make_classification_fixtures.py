#!/usr/bin/env python3
"""Reference values for the classification metrics, from scikit-learn (TorchMetrics as a cross-check).

Run with the reference environment:  ~/refenv/bin/python scripts/make_classification_fixtures.py
Writes Tests/ObjectivesTests/Fixtures/classification_{binary,multiclass,multilabel,curves}.json and
classification_rank_exact.json (AUROC and average precision on float64 scores that differ below
float32 precision; written alone with `--rank-exact`).

Every value is computed by a library call on the case's data. Where the package's documented
definition differs from a library's default (macro averages skip undefined per-class values;
AUROC/AP are NaN with one class present; multilabel ignore_index masks single decisions), the
per-class values still come from scikit-learn calls and only the documented averaging is applied
here. TorchMetrics (float32 internally) cross-checks the definitions TorchMetrics owns (multiclass
and multilabel accuracy and specificity) to 1e-5.

Case fields: task, num_classes, input_kind, threshold, ignore_index, average, metrics (keys),
scores (flat row-major), targets (flat), batches (sizes, for streaming cases), expected
(key -> number | list | {"rows", "columns", "values"}; NaN as "nan").
"""

import json
import math
import os
import warnings

import numpy as np
import torch
import torchmetrics.classification as tmc
from sklearn import metrics as skm

warnings.filterwarnings("ignore")
rng = np.random.default_rng(20240611)
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "ObjectivesTests", "Fixtures")
EPS = np.finfo(np.float64).eps


def enc(v):
    """JSON-encode a float, list or matrix, NaN as "nan"."""
    if isinstance(v, dict):
        return {"rows": v["rows"], "columns": v["columns"], "values": [enc(x) for x in v["values"]]}
    if isinstance(v, (list, tuple, np.ndarray)):
        return [enc(x) for x in v]
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x):
    z = x - x.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def logit(t):
    return math.log(t / (1 - t))


def average_values(values, present, weights, micro, average):
    """The package's documented averaging of per-class values (NaN values left out)."""
    values = np.asarray(values, dtype=float)
    if average == "none":
        return list(values)
    if average == "micro":
        return micro()
    ok = ~np.isnan(values)
    if len(values) and not ok.any():
        return float("nan")
    if average == "macro":
        sel = ok & np.asarray(present, dtype=bool)
        return float(values[sel].mean()) if sel.any() else 0.0
    w = np.asarray(weights, dtype=float)[ok]
    return float((w * values[ok]).sum() / w.sum()) if w.sum() > 0 else 0.0


def rank_or_nan(fn, y, s):
    y = np.asarray(y)
    if len(y) == 0 or y.min() == y.max():
        return float("nan")
    return float(fn(y, s))


# ---------------------------------------------------------------------------------------------
# Binary


def binary_expected(scores, targets, kind, threshold, ignore, metrics):
    scores = np.asarray(scores, dtype=float)
    targets = np.asarray(targets)
    keep = targets != ignore if ignore is not None else np.ones(len(targets), bool)
    s, y = scores[keep], targets[keep]
    if kind == "logits":
        p = sigmoid(s)
        yhat = (p > threshold).astype(int)
    elif kind == "labels":
        p = s
        yhat = s.astype(int)
    else:
        p = s
        yhat = (s > threshold).astype(int)
    out = {}
    n = len(y)
    for m in metrics:
        if m == "confmat":
            cm = skm.confusion_matrix(y, yhat, labels=[0, 1]) if n else np.zeros((2, 2))
            out[m] = {"rows": 2, "columns": 2, "values": cm.ravel().tolist()}
            continue
        if n == 0:
            out[m] = float("nan")
            continue
        if m == "acc":
            v = skm.accuracy_score(y, yhat)
        elif m == "precision":
            v = skm.precision_score(y, yhat, zero_division=0)
        elif m == "recall":
            v = skm.recall_score(y, yhat, zero_division=0)
        elif m == "f1":
            v = skm.f1_score(y, yhat, zero_division=0)
        elif m.startswith("f") and m[1:].replace("_", "").isdigit():
            beta = float(m[1:].replace("_", "."))
            v = skm.fbeta_score(y, yhat, beta=beta, zero_division=0)
        elif m == "specificity":
            v = skm.recall_score(y, yhat, pos_label=0, zero_division=0)
        elif m == "balanced_accuracy":
            v = skm.balanced_accuracy_score(y, yhat)
        elif m == "mcc":
            v = skm.matthews_corrcoef(y, yhat)
        elif m == "kappa":
            v = skm.cohen_kappa_score(y, yhat)
        elif m == "auroc":
            v = rank_or_nan(skm.roc_auc_score, y, s)
        elif m == "auprc":
            v = rank_or_nan(skm.average_precision_score, y, s)
        elif m == "log_loss":
            v = skm.log_loss(y, p, labels=[0, 1])
        elif m == "hamming_loss":
            v = skm.hamming_loss(y, yhat)
        else:
            raise ValueError(m)
        out[m] = float(v)
    return out


def binary_scores(n, style, kind):
    if style == "ties":
        base = rng.integers(0, 11, n) / 10.0
    elif style == "fewties":
        base = rng.integers(0, 3, n) / 2.0
    else:
        base = rng.random(n)
    if kind == "logits":
        return np.round((base - 0.5) * 12, 3 if style == "continuous" else 0) if style != "continuous" else (base - 0.5) * 12
    if kind == "labels":
        return (base > 0.5).astype(float)
    return base


def binary_cases():
    cases = []
    binary_all = ["acc", "precision", "recall", "f1", "f2", "f0_5", "specificity", "balanced_accuracy",
                  "mcc", "kappa", "confmat", "auroc", "auprc", "log_loss", "hamming_loss"]
    sizes = [1, 2, 3, 5, 8, 20, 50, 100, 300, 700, 1500]
    for i in range(100):
        kind = ["probabilities", "logits", "labels"][i % 3] if i % 7 else "probabilities"
        style = ["continuous", "ties", "fewties"][i % 3]
        n = sizes[i % len(sizes)]
        rate = [0.5, 0.3, 0.05, 0.01, 0.9][i % 5]
        y = (rng.random(n) < rate).astype(int)
        if i % 17 == 0:
            y[:] = 0  # one class only
        if i % 19 == 0:
            y[:] = 1
        s = binary_scores(n, style, kind)
        # informative scores: shift the positives up
        if kind == "probabilities" and style == "continuous":
            s = np.clip(s + 0.3 * y * rng.random(n), 0, 1)
        threshold = [0.5, 0.3, 0.7, 0.5][i % 4]
        ignore = None
        if i % 5 == 1:
            ignore = -100
            y = np.where(rng.random(n) < 0.2, -100, y)
        if i == 95:
            ignore = -100
            y[:] = -100  # everything ignored: empty state
        metrics = binary_all
        exp = binary_expected(s, y, kind, threshold, ignore, metrics)
        batches = None
        if i % 10 == 3 and n >= 8:
            batches = split_sizes(n)
        cases.append(dict(id=f"binary-{i}", task="binary", num_classes=1, input_kind=kind,
                          threshold=threshold, ignore_index=ignore, average="macro", metrics=metrics,
                          scores=s.tolist(), targets=y.tolist(), expected=exp))
        if batches:
            cases[-1]["batches"] = batches
            cases[-1]["expected_streaming"] = streaming_expected(
                lambda a, b: binary_expected(s[a:b], y[a:b], kind, threshold, ignore, metrics),
                batches, y, ignore, metrics)
    return cases


def split_sizes(n):
    cuts = sorted(set(rng.integers(1, n, size=3).tolist()))
    bounds = [0] + cuts + [n]
    return [bounds[k + 1] - bounds[k] for k in range(len(bounds) - 1)]


def streaming_expected(batch_fn, batches, y_rows, ignore, metrics, row_weight=None):
    """Sample-weighted mean of per-batch values, skipping undefined (NaN) batch values."""
    sums = {}
    weights = {}
    start = 0
    for b in batches:
        if row_weight is not None:
            w = row_weight(start, start + b)
        else:
            yy = np.asarray(y_rows[start:start + b])
            w = int((yy != ignore).sum()) if ignore is not None else len(yy)
        vals = batch_fn(start, start + b)
        start += b
        if w == 0:
            continue
        for m in metrics:
            if m == "confmat":
                continue
            v = np.atleast_1d(np.asarray(vals[m], dtype=float))
            if m not in sums:
                sums[m] = np.zeros_like(v)
                weights[m] = np.zeros_like(v)
            ok = ~np.isnan(v)
            sums[m][ok] += w * v[ok]
            weights[m][ok] += w
    out = {}
    for m in metrics:
        if m == "confmat":
            continue
        if m not in sums:
            out[m] = float("nan")
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            r = np.where(weights[m] > 0, sums[m] / np.where(weights[m] > 0, weights[m], 1), np.nan)
        out[m] = float(r[0]) if np.ndim(vals[m]) == 0 else r.tolist()
    return out


# ---------------------------------------------------------------------------------------------
# Multiclass


def multiclass_expected(scores, targets, C, kind, ignore, average, metrics):
    targets = np.asarray(targets)
    keep = targets != ignore if ignore is not None else np.ones(len(targets), bool)
    y = targets[keep]
    if kind == "labels":
        pred = np.asarray(scores, dtype=float)[keep].astype(int)
        P = np.eye(C)[pred] if len(pred) else np.zeros((0, C))
        yhat = pred
    else:
        S = np.asarray(scores, dtype=float).reshape(-1, C)[keep]
        P = softmax(S) if kind == "logits" else S
        yhat = S.argmax(axis=1) if len(S) else np.zeros(0, int)
    n = len(y)
    labels = list(range(C))
    onehot = np.eye(C)[y] if n else np.zeros((0, C))
    cm = skm.confusion_matrix(y, yhat, labels=labels) if n else np.zeros((C, C), int)
    tp = np.diag(cm)
    fp = cm.sum(0) - tp
    fn = cm.sum(1) - tp
    present = (tp + fp + fn) > 0
    support = cm.sum(1)
    out = {}
    for m in metrics:
        if m == "confmat":
            out[m] = {"rows": C, "columns": C, "values": cm.ravel().tolist()}
            continue
        if n == 0:
            out[m] = [float("nan")] * C if (average == "none" and m not in (
                "mcc", "kappa", "balanced_accuracy", "cross_entropy", "hamming_loss")) else float("nan")
            continue
        if m in ("acc", "precision", "recall", "f1") or (m.startswith("f") and m[1:].replace("_", "").isdigit()):
            if m == "acc":
                fn_ = lambda avg, lab: skm.recall_score(y, yhat, average=avg, labels=lab, zero_division=0)
            elif m == "precision":
                fn_ = lambda avg, lab: skm.precision_score(y, yhat, average=avg, labels=lab, zero_division=0)
            elif m == "recall":
                fn_ = lambda avg, lab: skm.recall_score(y, yhat, average=avg, labels=lab, zero_division=0)
            elif m == "f1":
                fn_ = lambda avg, lab: skm.f1_score(y, yhat, average=avg, labels=lab, zero_division=0)
            else:
                beta = float(m[1:].replace("_", "."))
                fn_ = lambda avg, lab: skm.fbeta_score(y, yhat, beta=beta, average=avg, labels=lab,
                                                       zero_division=0)
            if m == "acc" and average == "micro":
                v = skm.accuracy_score(y, yhat)
            elif average == "none":
                v = list(fn_(None, labels))
            else:
                v = fn_(average, None)
            out[m] = v
        elif m == "specificity":
            per = [skm.recall_score(y != c, yhat != c, zero_division=0) for c in labels]
            micro = lambda: float((cm.sum() - tp - fp - fn).sum() / ((cm.sum() - tp - fp - fn).sum() + fp.sum()))
            out[m] = average_values(per, present, support, micro, average)
        elif m == "balanced_accuracy":
            out[m] = skm.balanced_accuracy_score(y, yhat)
        elif m == "mcc":
            out[m] = skm.matthews_corrcoef(y, yhat)
        elif m == "kappa":
            out[m] = skm.cohen_kappa_score(y, yhat, labels=labels)
        elif m == "cross_entropy":
            out[m] = skm.log_loss(y, P, labels=labels)
        elif m == "hamming_loss":
            out[m] = skm.hamming_loss(y, yhat)
        elif m.startswith("acc@"):
            k = int(m[4:])
            Sx = P
            per = [skm.top_k_accuracy_score(y, Sx, k=k, labels=labels, sample_weight=(y == c).astype(float))
                   if (y == c).any() else 0.0 for c in labels]
            micro = lambda: skm.top_k_accuracy_score(y, Sx, k=k, labels=labels)
            out[m] = average_values(per, support > 0, support, micro, average)
        elif m in ("auroc", "auprc"):
            fn_ = skm.roc_auc_score if m == "auroc" else skm.average_precision_score
            per = [rank_or_nan(fn_, onehot[:, c], P[:, c]) for c in labels]
            micro = lambda: rank_or_nan(fn_, onehot.ravel(), P.ravel())
            v = average_values(per, [True] * C, support, micro, average)
            # cross-check against scikit-learn's own multiclass averaging when it is defined
            if m == "auroc" and average in ("macro", "weighted", "micro") and not np.isnan(per).any() \
                    and kind == "probabilities" and C > 2 and np.allclose(P.sum(1), 1):
                ref = skm.roc_auc_score(y, P, multi_class="ovr", average=average, labels=labels)
                assert abs(ref - v) <= 1e-12 * max(1, abs(ref)), (m, ref, v)
            out[m] = v
        else:
            raise ValueError(m)
    return {k: (float(v) if not isinstance(v, (list, dict)) else v) for k, v in out.items()}


def tm_crosscheck_multiclass(scores, targets, C, kind, ignore, average, exp):
    if kind != "probabilities" or not len(targets):
        return
    P = torch.tensor(np.asarray(scores, dtype=np.float64).reshape(-1, C))
    y = torch.tensor(np.asarray(targets))
    kw = dict(num_classes=C, average=average, ignore_index=ignore)
    for key, metric in (("acc", tmc.MulticlassAccuracy), ("specificity", tmc.MulticlassSpecificity)):
        if key not in exp:
            continue
        ref = metric(**kw)(P, y).double().numpy()
        mine = np.asarray(exp[key], dtype=float)
        if np.isnan(mine).any():
            continue
        assert np.allclose(ref, mine, atol=1e-5), (key, average, ref, mine)


def multiclass_cases():
    cases = []
    sizes = [1, 2, 4, 7, 15, 40, 100, 250, 600]
    averages = ["macro", "micro", "weighted", "none"]
    for i in range(80):
        C = [2, 3, 5, 10, 4][i % 5]
        n = sizes[i % len(sizes)]
        kind = ["probabilities", "logits", "labels"][i % 3] if i % 11 else "probabilities"
        average = averages[i % 4]
        ties = i % 4 == 1
        prior = rng.dirichlet(np.ones(C) * (0.3 if i % 6 == 0 else 3.0))
        y = rng.choice(C, size=n, p=prior)
        logits = rng.normal(size=(n, C)) * 2
        logits[np.arange(n), y] += rng.random(n) * 2  # informative
        if ties and kind == "logits":
            # tied rows: every row is one of a few distinct rows (rounding the logits would make rows
            # that are permutations of each other, whose softmax ties depend on summation order)
            pool = rng.normal(size=(4, C)) * 2
            logits = pool[rng.integers(0, 4, n)]
        elif ties:
            logits = np.round(logits)
        if kind == "logits":
            s = logits.ravel()
        elif kind == "probabilities":
            pr = softmax(logits)
            if ties:
                pr = np.round(pr * 4) / 4
            s = pr.ravel()
        else:
            s = logits.argmax(axis=1).astype(float)
        ignore = None
        if i % 5 == 2:
            ignore = -100
            y = np.where(rng.random(n) < 0.2, -100, y)
        if i == 77:
            ignore = -100
            y[:] = -100
        metrics = ["acc", "precision", "recall", "f1", "f2", "specificity", "balanced_accuracy", "mcc",
                   "kappa", "confmat", "auroc", "auprc", "cross_entropy", "hamming_loss"]
        if C >= 4 and kind != "labels" and not ties and len(set(y[y >= 0].tolist())) >= 3:
            metrics = metrics + ["acc@2", "acc@3"]
        exp = multiclass_expected(s, y, C, kind, ignore, average, metrics)
        tm_crosscheck_multiclass(s, y, C, kind, ignore, average if average != "none" else "none", exp)
        case = dict(id=f"multiclass-{i}", task="multiclass", num_classes=C, input_kind=kind,
                    threshold=0.5, ignore_index=ignore, average=average, metrics=metrics,
                    scores=np.asarray(s).tolist(), targets=y.tolist(), expected=exp)
        if i % 8 == 5 and n >= 8:
            batches = split_sizes(n)
            width = 1 if kind == "labels" else C
            sa = np.asarray(s)
            case["batches"] = batches
            case["expected_streaming"] = streaming_expected(
                lambda a, b: multiclass_expected(sa[a * width:b * width], y[a:b], C, kind, ignore, average,
                                                 metrics), batches, y, ignore, metrics)
        cases.append(case)
    return cases


# ---------------------------------------------------------------------------------------------
# Multilabel


def multilabel_expected(scores, targets, L, kind, threshold, ignore, average, metrics):
    S = np.asarray(scores, dtype=float).reshape(-1, L)
    Y = np.asarray(targets).reshape(-1, L)
    if kind == "logits":
        P = sigmoid(S)
        Yhat = (P > threshold).astype(int)
    elif kind == "labels":
        P = S
        Yhat = S.astype(int)
    else:
        P = S
        Yhat = (S > threshold).astype(int)
    mask = Y != ignore if ignore is not None else np.ones_like(Y, dtype=bool)
    rows = mask.any(axis=1)
    cols = [(Y[mask[:, j], j], Yhat[mask[:, j], j], P[mask[:, j], j]) for j in range(L)]
    yall = Y[mask]
    hall = Yhat[mask]
    pall = P[mask]
    mcm = np.array([skm.confusion_matrix(y, h, labels=[0, 1]) if len(y) else np.zeros((2, 2), int)
                    for y, h, _ in cols])
    support = np.array([int((y == 1).sum()) for y, _, _ in cols])
    out = {}
    n = int(rows.sum())
    vector_keys = ("acc", "precision", "recall", "f1", "specificity", "balanced_accuracy", "mcc", "kappa",
                   "auroc", "auprc")

    def per_label(fn, empty=0.0):
        return [float(fn(y, h, p)) if len(y) else empty for y, h, p in cols]

    for m in metrics:
        if m == "confmat":
            out[m] = {"rows": L, "columns": 4, "values": mcm.reshape(L, 4).ravel().tolist()}
            continue
        if n == 0:
            is_vec = average == "none" and (m in vector_keys or m.startswith("f"))
            out[m] = [float("nan")] * L if is_vec else float("nan")
            continue
        if m == "exact_match":
            ok = ((Yhat == Y) | ~mask).all(axis=1)
            out[m] = float(ok[rows].mean())
            continue
        if m == "hamming_loss":
            out[m] = float(skm.hamming_loss(yall, hall))
            continue
        if m == "log_loss":
            out[m] = float(skm.log_loss(yall, pall, labels=[0, 1]))
            continue
        if m in ("precision", "recall", "f1") or (m.startswith("f") and m[1:].replace("_", "").isdigit()):
            if m == "precision":
                f = lambda a, b: skm.precision_score(a, b, zero_division=0)
            elif m == "recall":
                f = lambda a, b: skm.recall_score(a, b, zero_division=0)
            elif m == "f1":
                f = lambda a, b: skm.f1_score(a, b, zero_division=0)
            else:
                beta = float(m[1:].replace("_", "."))
                f = lambda a, b, beta=beta: skm.fbeta_score(a, b, beta=beta, zero_division=0)
            if ignore is None and average != "none" and L >= 2:
                # scikit-learn's own multilabel averaging
                if m == "precision":
                    v = skm.precision_score(Y, Yhat, average=average, zero_division=0)
                elif m == "recall":
                    v = skm.recall_score(Y, Yhat, average=average, zero_division=0)
                elif m == "f1":
                    v = skm.f1_score(Y, Yhat, average=average, zero_division=0)
                else:
                    v = skm.fbeta_score(Y, Yhat, beta=beta, average=average, zero_division=0)
                out[m] = float(v)
                continue
            per = per_label(lambda y, h, p: f(y, h))
            out[m] = average_values(per, [True] * L, support, lambda: f(yall, hall), average)
            continue
        if m == "acc":
            f = lambda a, b: skm.accuracy_score(a, b)
        elif m == "specificity":
            f = lambda a, b: skm.recall_score(1 - a, 1 - b, zero_division=0)
        elif m == "balanced_accuracy":
            f = lambda a, b: skm.balanced_accuracy_score(a, b)
        elif m == "mcc":
            f = lambda a, b: skm.matthews_corrcoef(a, b)
        elif m == "kappa":
            f = lambda a, b: skm.cohen_kappa_score(a, b, labels=[0, 1])
        elif m in ("auroc", "auprc"):
            fn_ = skm.roc_auc_score if m == "auroc" else skm.average_precision_score
            per = per_label(lambda y, h, p: rank_or_nan(fn_, y, p), float("nan"))
            v = average_values(per, [True] * L, support, lambda: rank_or_nan(fn_, yall, pall), average)
            if ignore is None and average != "none" and L >= 2 and not np.isnan(per).any():
                ref = fn_(Y, P, average=average)
                assert abs(ref - v) <= 1e-12 * max(1, abs(ref)), (m, average, ref, v)
            out[m] = v
            continue
        else:
            raise ValueError(m)
        per = per_label(lambda y, h, p: f(y, h), float("nan") if m == "kappa" else 0.0)
        out[m] = average_values(per, [True] * L, support, lambda: f(yall, hall), average)
    return {k: (float(v) if not isinstance(v, (list, dict)) else v) for k, v in out.items()}


def tm_crosscheck_multilabel(scores, targets, L, kind, threshold, ignore, average, exp):
    if kind != "probabilities" or not len(targets) or "acc" not in exp or L < 2:
        return
    P = torch.tensor(np.asarray(scores, dtype=np.float64).reshape(-1, L))
    Y = torch.tensor(np.asarray(targets).reshape(-1, L))
    kw = dict(num_labels=L, average=average, threshold=threshold, ignore_index=ignore)
    for key, metric in (("acc", tmc.MultilabelAccuracy), ("specificity", tmc.MultilabelSpecificity)):
        mine = np.asarray(exp[key], dtype=float)
        if np.isnan(mine).any():
            continue
        ref = metric(**kw)(P, Y).double().numpy()
        assert np.allclose(ref, mine, atol=1e-5), (key, average, ref, mine)


def multilabel_cases():
    cases = []
    sizes = [1, 2, 5, 12, 30, 80, 200, 400]
    averages = ["macro", "micro", "weighted", "none"]
    metrics = ["acc", "precision", "recall", "f1", "f2", "specificity", "balanced_accuracy", "mcc", "kappa",
               "confmat", "auroc", "auprc", "exact_match", "hamming_loss", "log_loss"]
    for i in range(70):
        L = [1, 2, 4, 7, 3][i % 5]
        n = sizes[i % len(sizes)]
        kind = ["probabilities", "logits", "labels"][i % 3] if i % 13 else "probabilities"
        average = averages[(i // 2) % 4]
        rates = rng.random(L) * (0.1 if i % 6 == 0 else 0.8) + 0.05
        Y = (rng.random((n, L)) < rates).astype(int)
        if i % 9 == 0:
            Y[:, 0] = 0  # a label with no positives
        base = rng.random((n, L)) * 0.7 + 0.3 * Y * rng.random((n, L))
        ties = i % 4 == 2
        if ties:
            base = np.round(base * 5) / 5
        if kind == "logits":
            S = (base - 0.5) * 10
        elif kind == "labels":
            S = (base > 0.5).astype(float)
        else:
            S = base
        threshold = [0.5, 0.4, 0.6][i % 3]
        ignore = None
        if i % 5 == 3:
            ignore = -100
            Y = np.where(rng.random((n, L)) < 0.2, -100, Y)
        if i == 68:
            ignore = -100
            Y[:] = -100
        exp = multilabel_expected(S.ravel(), Y.ravel(), L, kind, threshold, ignore, average, metrics)
        tm_crosscheck_multilabel(S.ravel(), Y.ravel(), L, kind, threshold, ignore, average, exp)
        case = dict(id=f"multilabel-{i}", task="multilabel", num_classes=L, input_kind=kind,
                    threshold=threshold, ignore_index=ignore, average=average, metrics=metrics,
                    scores=S.ravel().tolist(), targets=Y.ravel().tolist(), expected=exp)
        if i % 7 == 4 and n >= 8:
            batches = split_sizes(n)
            mask_rows = (Y != ignore).any(axis=1) if ignore is not None else np.ones(n, bool)
            case["batches"] = batches
            case["expected_streaming"] = streaming_expected(
                lambda a, b: multilabel_expected(S[a:b].ravel(), Y[a:b].ravel(), L, kind, threshold, ignore,
                                                 average, metrics),
                batches, Y, ignore, metrics, row_weight=lambda a, b: int(mask_rows[a:b].sum()))
        cases.append(case)
    return cases


# ---------------------------------------------------------------------------------------------
# Curves


def curve_cases():
    cases = []
    for i in range(20):
        n = [3, 10, 50, 200][i % 4]
        y = (rng.random(n) < [0.5, 0.2, 0.8, 0.05][i % 4]).astype(int)
        if i == 19:
            y[:] = 0
        s = rng.random(n)
        if i % 2:
            s = np.round(s * 6) / 6
        fpr, tpr, thr = skm.roc_curve(y, s, drop_intermediate=False)
        prec, rec, pthr = skm.precision_recall_curve(y, s)
        cases.append(dict(id=f"curve-{i}", scores=s.tolist(), targets=y.tolist(),
                          roc=dict(fpr=enc(fpr), tpr=enc(tpr), thresholds=enc(thr)),
                          pr=dict(precision=enc(prec), recall=enc(rec), thresholds=enc(pthr))))
    return cases


def write(name, cases):
    for c in cases:
        for key in ("expected", "expected_streaming"):
            if key in c:
                c[key] = {k: enc(v) for k, v in c[key].items()}
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump({"cases": cases}, f, separators=(",", ":"))
    print(f"{name}: {len(cases)} cases, {os.path.getsize(path)} bytes")


def rank_exact_cases():
    """roc_auc_score and average_precision_score on float64 scores whose order a float32 rounding
    would lose (differences of 1e-10 near 0.5, 1e-12 near 1e-3, a few exact ties). Also records
    whether the float32-rounded scores give other values, so the fixture is known to discriminate."""
    g = np.random.default_rng(20261203)
    cases = []
    for i, (base, step, n) in enumerate([(0.5, 1e-10, 2000), (1e-3, 1e-12, 3000), (0.9, 3e-9, 5000)]):
        k = g.permutation(n).astype(np.float64)
        if i == 2:
            k = np.round(k / 3)  # exact ties too
        s = base + k * step
        y = (g.random(n) < 0.3 + 0.4 * (k / k.max())).astype(np.int64)
        auroc = skm.roc_auc_score(y, s)
        ap = skm.average_precision_score(y, s)
        s32 = s.astype(np.float32).astype(np.float64)
        differs = abs(skm.roc_auc_score(y, s32) - auroc) > 1e-9 or abs(skm.average_precision_score(y, s32) - ap) > 1e-9
        cases.append(dict(id=f"rank-exact-{i}", scores=s.tolist(), targets=y.tolist(), auroc=auroc,
                          average_precision=ap, float32_differs=bool(differs)))
    return cases


if __name__ == "__main__":
    import sys
    torch.set_default_dtype(torch.float64)
    write("classification_rank_exact.json", rank_exact_cases())
    if "--rank-exact" in sys.argv:
        sys.exit(0)
    write("classification_binary.json", binary_cases())
    write("classification_multiclass.json", multiclass_cases())
    write("classification_multilabel.json", multilabel_cases())
    write("classification_curves.json", curve_cases())
