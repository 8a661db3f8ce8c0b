#!/usr/bin/env python3
"""Reference values for the catalogue's second part (issue 13 A): sets (Jaccard, Dice, mean IoU),
weighted agreement (linear / quadratic Cohen's kappa) and calibration (ECE, MCE).

Run with the reference environment:  ~/refenv/bin/python scripts/make_catalogue2_fixtures.py
Writes Tests/ObjectivesTests/Fixtures/classification_catalogue2.json in the format of
make_classification_fixtures.py (read by Catalogue2FixtureTests).

Every per-class value is a scikit-learn call on the case's data: `jaccard_score` (zero_division=0),
`f1_score` for Dice (the Dice coefficient is the set form of F1), `cohen_kappa_score(weights=...,
labels=range(C))`. Averages follow the package's documented rules (multiclass macro over the classes
present in targets or predictions, undefined values left out), which for Jaccard and Dice are
scikit-learn's own `average=` results; they are cross-checked against scikit-learn's averaged calls.

Calibration errors are TorchMetrics' `_ce_compute` (the kernel of `binary_calibration_error` and
`multiclass_calibration_error`) on float64 confidences and accuracies (binary: the positive
probability and the target; multiclass: the top-1 softmax probability and arg-max == target);
the public functions, which cast multiclass confidences to float32, cross-check them to 1e-5.
Streaming expectations are the sample-weighted means of the per-batch values.

Operating points are read off scikit-learn's `roc_curve(drop_intermediate=False)` (precision and
recall from its integer counts) with TorchMetrics' selection rules (the highest value; ties to the
higher secondary rate, then the higher threshold; a best value of 0 has a NaN threshold); the values
are cross-checked with TorchMetrics' binary functions. Partial AUROC is scikit-learn's
`roc_auc_score(max_fpr=F)` (one-vs-rest per class for multiclass).
"""

import os
import sys
import warnings

import numpy as np
from sklearn import metrics as skm

sys.path.insert(0, os.path.dirname(__file__))
from make_classification_fixtures import OUT, average_values, enc, sigmoid, softmax  # noqa: E402

warnings.filterwarnings("ignore")
rng = np.random.default_rng(20261202)
AVERAGES = ["macro", "micro", "weighted", "none"]


def suffix(key, average):
    return key if average is None else key + "_" + average


def decisions(task, S, kind, threshold, C):
    """Probabilities and hard decisions as the package makes them."""
    if task == "multiclass":
        if kind == "labels":
            return None, S.astype(int).ravel()
        P = softmax(S) if kind == "logits" else S
        return P, np.argmax(P, axis=1)  # ties: the lowest index, as the package
    P = sigmoid(S) if kind == "logits" else S
    if kind == "labels":
        return P, S.astype(int)
    return P, (P > threshold).astype(int)


def set_value(name, y, h, labels, average):
    f = skm.jaccard_score if name == "jaccard" else skm.f1_score
    return f(y, h, labels=labels, average=average, zero_division=0)


def count_expected(task, scores, targets, C, kind, threshold, ignore, metrics):
    """Jaccard, Dice, mean IoU and the kappas, per key."""
    width = 1 if task == "binary" or (task == "multiclass" and kind == "labels") else C
    S = np.asarray(scores, dtype=float).reshape(-1, width)
    if task == "binary":
        S = S.ravel()
    Y = np.asarray(targets).reshape(-1, C) if task == "multilabel" else np.asarray(targets)
    P, H = decisions(task, S, kind, threshold, C)
    out = {}
    if task == "multilabel":
        mask = Y != ignore if ignore is not None else np.ones_like(Y, dtype=bool)
        cols = [(Y[mask[:, j], j], H[mask[:, j], j]) for j in range(C)]
        n = int(mask.any(axis=1).sum())
    else:
        keep = Y != ignore if ignore is not None else np.ones(len(Y), bool)
        y, h = Y[keep], H[keep]
        n = len(y)
    for key in metrics:
        base, average = key, None
        for a in AVERAGES:
            if key.endswith("_" + a):
                base, average = key[: -len(a) - 1], a
        vector = average == "none" and task != "binary" and not (
            task == "multiclass" and base.startswith("kappa"))
        if n == 0:
            out[key] = [float("nan")] * C if vector else float("nan")
            continue
        if task == "binary":
            if base in ("jaccard", "dice"):
                out[key] = set_value(base, y, h, None, "binary")
            else:
                w = base.split("_")[1] if "_" in base else None
                out[key] = skm.cohen_kappa_score(y, h, labels=[0, 1], weights=w)
            continue
        if base == "mean_iou":
            base, average = "jaccard", "macro"
        avg = average or "macro"
        if task == "multiclass":
            labels = list(range(C))
            if base in ("jaccard", "dice"):
                per = set_value(base, y, h, labels, None)
                present = [((y == c) | (h == c)).any() for c in labels]
                support = [int((y == c).sum()) for c in labels]
                v = average_values(per, present, support, lambda: set_value(base, y, h, None, "micro"), avg)
                if avg in ("macro", "weighted", "micro"):  # scikit-learn's own averages agree
                    ref = set_value(base, y, h, None, avg)
                    assert abs(ref - v) < 1e-12, (key, ref, v)
                out[key] = v
            else:
                w = base.split("_")[1]
                out[key] = skm.cohen_kappa_score(y, h, labels=labels, weights=w)
            continue
        # multilabel: per label, then averaged over every label
        support = [int((c[0] == 1).sum()) for c in cols]
        yall = np.concatenate([c[0] for c in cols])
        hall = np.concatenate([c[1] for c in cols])
        if base in ("jaccard", "dice"):
            per = [set_value(base, a, b, None, "binary") if len(a) else 0.0 for a, b in cols]
            micro = lambda: set_value(base, yall, hall, None, "binary")
        else:
            w = base.split("_")[1]

            def kappa(a, b):
                if len(a) == 0:
                    return float("nan")
                with np.errstate(all="ignore"):
                    return skm.cohen_kappa_score(a, b, labels=[0, 1], weights=w)
            per = [kappa(a, b) for a, b in cols]
            micro = lambda: skm.cohen_kappa_score(yall, hall, labels=[0, 1], weights=w)
        out[key] = average_values(per, [True] * C, support, micro, avg)
    return out


def make_scores(task, n, C, kind, style):
    width = 1 if task == "binary" or (task == "multiclass" and kind == "labels") else C
    if kind == "labels":
        if task == "multiclass":
            return rng.integers(0, C, n).astype(float)
        return rng.integers(0, 2, (n, width)).astype(float).ravel()
    base = rng.integers(0, 5, (n, width)) / 4.0 if style == "ties" else rng.random((n, width))
    if kind == "logits":
        base = (base - 0.5) * 8
    return base.ravel()


def make_targets(task, n, C, style):
    if task == "binary":
        if style == "allneg":
            return np.zeros(n, int)
        if style == "allpos":
            return np.ones(n, int)
        return rng.integers(0, 2, n)
    if task == "multiclass":
        hi = C - 1 if style == "absent" else C
        if style == "constant":
            return np.full(n, 1)
        return rng.integers(0, hi, n)
    t = rng.integers(0, 2, (n, C))
    if style == "absent":
        t[:, -1] = 0
    return t.ravel()


def count_cases():
    cases = []
    sets = ["jaccard", "dice"]
    kappas = ["kappa_linear", "kappa_quadratic"]
    for task, C in (("binary", 1), ("multiclass", 4), ("multiclass", 6), ("multilabel", 3)):
        styles = ["random", "ties", "absent", "constant"] if task != "binary" else [
            "random", "ties", "allneg", "allpos"]
        for style in styles:
            for kind in ("probabilities", "logits", "labels"):
                for ignore in (None, -100):
                    n = int(rng.integers(20, 90))
                    scores = make_scores(task, n, C, kind, style)
                    if task == "multiclass" and style == "absent" and kind == "probabilities":
                        S = scores.reshape(n, C)
                        S[:, -1] = 0  # the last class is never predicted nor a target
                        scores = S.ravel()
                    targets = make_targets(task, n, C, style).copy()
                    if ignore is not None:
                        targets[rng.random(len(targets)) < 0.15] = ignore
                    if task == "binary":
                        metrics = sets + kappas
                    else:
                        metrics = [suffix(m, a) for m in sets for a in AVERAGES] + ["mean_iou"] + kappas
                        if task == "multilabel":
                            metrics += [suffix(k, a) for k in kappas for a in ("micro", "none")]
                    threshold = 0.5 if task == "multiclass" else float(rng.choice([0.5, 0.3, 0.75]))
                    cases.append({
                        "id": f"{task}{C}-{style}-{kind}-{'ign' if ignore is not None else 'all'}",
                        "task": task, "num_classes": C, "input_kind": kind, "threshold": threshold,
                        "ignore_index": ignore, "average": "macro", "metrics": metrics,
                        "scores": scores.tolist(), "targets": targets.tolist(),
                        "expected": count_expected(task, scores, targets, C, kind, threshold, ignore, metrics),
                    })
    return cases


def calibration_value(task, S, Y, kind, ignore, key):
    """TorchMetrics' calibration error of one key (`ece`, `mce`, `ece@N`, `mce@N`); NaN when empty."""
    import torch
    from torchmetrics.functional.classification.calibration_error import _ce_compute
    norm = "l1" if key.startswith("ece") else "max"
    n_bins = int(key.split("@")[1]) if "@" in key else 15
    keep = Y != ignore if ignore is not None else np.ones(len(Y), bool)
    if task == "binary":
        P = sigmoid(S) if kind == "logits" else S
        conf, acc = P[keep], Y[keep].astype(float)
    else:
        P = softmax(S) if kind == "logits" else S
        conf, acc = P.max(axis=1)[keep], (np.argmax(P, axis=1) == Y)[keep].astype(float)
    if len(conf) == 0:
        return float("nan")
    v = float(_ce_compute(torch.tensor(conf, dtype=torch.float64), torch.tensor(acc, dtype=torch.float64),
                          n_bins, norm=norm))
    # Cross-check with the public functions (float32 inside for multiclass).
    import torchmetrics.functional.classification as tmf
    t = torch.tensor(Y[keep])
    if task == "binary":
        ref = tmf.binary_calibration_error(torch.tensor(P[keep]), t, n_bins=n_bins, norm=norm)
        assert abs(float(ref) - v) < 1e-12, (key, float(ref), v)
    else:
        ref = tmf.multiclass_calibration_error(torch.tensor(P[keep]), t, num_classes=S.shape[1],
                                               n_bins=n_bins, norm=norm)
        assert abs(float(ref) - v) < 1e-5, (key, float(ref), v)
    return v


def calibration_cases():
    cases = []
    ties = np.array([0.0, 0.12, 0.37, 0.61, 0.88, 1.0])
    for task, C in (("binary", 1), ("multiclass", 3), ("multiclass", 5)):
        for style in ("random", "ties", "confident", "empty_bins"):
            for kind in ("probabilities", "logits"):
                for ignore in (None, -100):
                    if kind == "logits" and style in ("ties", "confident"):
                        continue
                    n = int(rng.integers(30, 120))
                    if task == "binary":
                        Y = rng.integers(0, 2, n)
                        if style == "ties":
                            S = rng.choice(ties, n)
                        elif style == "confident":
                            S = np.where(rng.random(n) < 0.5, 1.0, 0.0)
                        elif style == "empty_bins":
                            S = rng.uniform(0.6, 0.7, n)  # most bins empty
                        else:
                            S = rng.random(n)
                        if kind == "logits":
                            S = (S - 0.5) * 10
                    else:
                        Y = rng.integers(0, C, n)
                        Z = rng.normal(0, 1.5 if style != "empty_bins" else 0.05, (n, C))
                        Z[np.arange(n), Y] += 1.0
                        S = Z if kind == "logits" else softmax(Z)
                        if style == "ties" or style == "confident":
                            # one-hot rows (confidence exactly 1) and uniform rows (exact ties avoided
                            # for the arg-max: a small bump on a random class)
                            onehot = rng.random(n) < (0.5 if style == "confident" else 0.2)
                            hot = rng.integers(0, C, n)
                            S[onehot] = 0.0
                            S[onehot, hot[onehot]] = 1.0
                    Y = Y.copy()
                    if ignore is not None:
                        Y[rng.random(n) < 0.15] = ignore
                    metrics = ["ece", "mce", "ece@10", "mce@5", "ece@1"]
                    sizes = []
                    left = n
                    while left > 0:
                        k = int(min(left, rng.integers(1, 40)))
                        sizes.append(k)
                        left -= k
                    exp = {m: calibration_value(task, S, Y, kind, ignore, m) for m in metrics}
                    stream = {}
                    for m in metrics:
                        num, den, start = 0.0, 0, 0
                        for k in sizes:
                            Yb = Y[start:start + k]
                            kept = int((Yb != ignore).sum()) if ignore is not None else k
                            v = calibration_value(task, S[start:start + k], Yb, kind, ignore, m)
                            if kept and not np.isnan(v):
                                num += kept * v
                                den += kept
                            start += k
                        stream[m] = num / den if den else float("nan")
                    cases.append({
                        "id": f"calibration-{task}{C}-{style}-{kind}-{'ign' if ignore is not None else 'all'}",
                        "task": task, "num_classes": C, "input_kind": kind, "threshold": 0.5,
                        "ignore_index": ignore, "average": "macro", "metrics": metrics,
                        "scores": np.asarray(S, float).ravel().tolist(), "targets": Y.tolist(),
                        "batches": sizes, "expected": exp, "expected_streaming": stream,
                    })
    return cases


def curve_points(y, s):
    """(fpr, tpr, precision, recall, threshold) from the highest threshold down; None if undefined."""
    y = np.asarray(y)
    P, N = int((y == 1).sum()), int((y == 0).sum())
    if P == 0 or N == 0:
        return None
    fpr, tpr, thr = skm.roc_curve(y, s, drop_intermediate=False)
    tp = np.rint(tpr * P)
    fp = np.rint(fpr * N)
    prec = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 1.0)
    return list(zip(fpr, tpr, prec, tp / P, thr))


def operating_point(key, y, s):
    pts = curve_points(y, s)
    base, level = (key.split("=") + [None])[:2]
    level = float(level) if level is not None else None
    if pts is None:
        return float("nan"), float("nan")
    if base == "auroc_max_fpr":
        return float(skm.roc_auc_score(y, s, max_fpr=level)), None
    cands = []  # (value, secondary, -index) so that ties keep the earliest (highest threshold)
    for i, (fpr, tpr, p, r, t) in enumerate(pts):
        if base == "recall_at_precision" and p >= level:
            cands.append((r, p, -i, t))
        elif base == "precision_at_recall" and i > 0 and r >= level:
            cands.append((p, r, -i, t))
        elif base == "sensitivity_at_specificity" and 1 - fpr >= level:
            cands.append((tpr, 0, -i, t))
        elif base == "specificity_at_sensitivity" and tpr >= level:
            cands.append((1 - fpr, 0, -i, t))
        elif base == "best_f1":
            cands.append((2 * p * r / (p + r) if p + r > 0 else 0.0, 0, -i, t))
        elif base == "youden":
            cands.append((tpr - fpr, 0, -i, t))
    if not cands:
        return 0.0, float("nan")
    v, _, _, t = max(cands)
    if v == 0 and base != "youden":
        t = float("nan")
    return float(v), float(t)


def tm_crosscheck(key, y, s, value):
    import torch
    import torchmetrics.functional.classification as tmf
    base, level = (key.split("=") + [None])[:2]
    if value == 0 or np.isnan(value) or level is None or base == "auroc_max_fpr":
        return
    f = {"recall_at_precision": tmf.binary_recall_at_fixed_precision,
         "precision_at_recall": tmf.binary_precision_at_fixed_recall,
         "sensitivity_at_specificity": tmf.binary_sensitivity_at_specificity,
         "specificity_at_sensitivity": tmf.binary_specificity_at_sensitivity}[base]
    ref = f(torch.tensor(np.asarray(s, float)), torch.tensor(np.asarray(y)), float(level))[0]
    assert abs(float(ref) - value) < 1e-6, (key, float(ref), value)  # float32 inside


OPERATING = ["recall_at_precision=0.8", "precision_at_recall=0.5", "sensitivity_at_specificity=0.9",
             "specificity_at_sensitivity=0.75", "auroc_max_fpr=0.25", "best_f1", "youden"]


def operating_cases():
    cases = []
    for task, C in (("binary", 1), ("multiclass", 4), ("multilabel", 3)):
        for style in ("random", "ties", "absent", "perfect"):
            for ignore in (None, -100):
                kinds = ("probabilities", "logits") if task != "multiclass" else ("probabilities",)
                for kind in kinds:
                    n = int(rng.integers(40, 120))
                    width = 1 if task == "binary" else C
                    if task == "multiclass":
                        Y = rng.integers(0, C - 1 if style == "absent" else C, n)
                        Z = rng.normal(0, 1, (n, C))
                        Z[np.arange(n), Y] += 1.5 if style != "perfect" else 20
                        S = np.round(softmax(Z), 1) if style == "ties" else softmax(Z)
                        onehot = np.eye(C, dtype=int)[Y]
                    else:
                        Y = rng.integers(0, 2, (n, width))
                        if style == "absent":
                            Y[:, 0] = 0
                        S = np.clip(0.3 * Y + rng.random((n, width)) * 0.7, 0, 1)
                        if style == "ties":
                            S = np.round(S, 1)
                        if style == "perfect":
                            S = np.where(Y == 1, 0.9, 0.1) + rng.random((n, width)) * 0.05
                        onehot = Y
                    P = S.copy()
                    if kind == "logits":
                        S = np.log(np.clip(P, 1e-6, 1 - 1e-6) / (1 - np.clip(P, 1e-6, 1 - 1e-6)))
                        P = sigmoid(S)
                    T = Y.copy() if task != "binary" else Y.ravel().copy()
                    mask = np.ones(onehot.shape, bool)
                    if ignore is not None:
                        if task == "multilabel":
                            drop = rng.random(T.shape) < 0.15
                            T[drop] = ignore
                            mask = ~drop
                        else:
                            drop = rng.random(len(T)) < 0.15
                            T[drop] = ignore
                            mask = np.repeat(~drop[:, None], onehot.shape[1], axis=1)
                    if task == "binary":
                        metrics = list(OPERATING)
                    else:
                        metrics = [m + "_" + a for m in OPERATING for a in ("macro", "weighted", "micro", "none")]
                    exp = {}
                    for key in metrics:
                        base, avg = key, None
                        for a in AVERAGES:
                            if key.endswith("_" + a):
                                base, avg = key[: -len(a) - 1], a
                        if task == "binary":
                            y, sc = onehot.ravel()[mask.ravel()], P.ravel()[mask.ravel()]
                            v, t = operating_point(base, y, sc)
                            tm_crosscheck(base, y, sc, v)
                            exp[key] = v
                            if not base.startswith("auroc_max_fpr"):
                                exp[key + "_threshold"] = t
                            continue
                        per = [operating_point(base, onehot[mask[:, c], c], P[mask[:, c], c]) for c in range(C)]
                        support = [int(onehot[mask[:, c], c].sum()) for c in range(C)]
                        micro = operating_point(base, onehot[mask], P[mask])
                        exp[key] = average_values([p[0] for p in per], [True] * C, support, lambda: micro[0], avg)
                        if not base.startswith("auroc_max_fpr"):
                            exp[key + "_threshold"] = micro[1] if avg == "micro" else [p[1] for p in per]
                    cases.append({
                        "id": f"operating-{task}{C}-{style}-{kind}-{'ign' if ignore is not None else 'all'}",
                        "task": task, "num_classes": C, "input_kind": kind, "threshold": 0.5,
                        "ignore_index": ignore, "average": "macro", "metrics": metrics,
                        "scores": np.asarray(S, float).ravel().tolist(), "targets": np.asarray(T).ravel().tolist(),
                        "expected": exp,
                    })
    return cases


def write(name, cases):
    for c in cases:
        for key in ("expected", "expected_streaming"):
            if key in c:
                c[key] = {k: enc(v) for k, v in c[key].items()}
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        import json
        json.dump({"cases": cases}, f, separators=(",", ":"))
    print(f"{name}: {len(cases)} cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    write("classification_catalogue2.json", count_cases() + calibration_cases() + operating_cases())
