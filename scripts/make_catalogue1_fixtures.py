#!/usr/bin/env python3
"""Reference values for the catalogue's first part (issue 12): aggregators, min / max so far,
running windows, per-class names and sample weights.

Run with the reference environment:  ~/refenv/bin/python scripts/make_catalogue1_fixtures.py
Writes Tests/ObjectivesTests/Fixtures/catalogue1.json (read by Catalogue1FixtureTests).

- Aggregators: TorchMetrics' MeanMetric (with weights), SumMetric, MinMetric, MaxMetric and
  CatMetric under each nan_strategy ("error", "warn", "ignore", and "disable", our `propagate`),
  fed batch by batch; the expected value is compute() after the last batch.
- Min / max so far: TorchMetrics' MinMaxMetric over BinaryAccuracy and MeanSquaredError fed with
  forward(), which records each batch's own value; min and max after each batch.
- Running windows: TorchMetrics' Running(window=W) over MeanSquaredError, BinaryAccuracy and
  BinaryAUROC, fed with forward(); compute() after each batch is the value over the last W batches.
- Class names: TorchMetrics' ClasswiseWrapper(MulticlassF1Score(average=None), labels=...), keys
  and values.
- Sample weights: scikit-learn's sample_weight on the regression metrics (mean_squared_error,
  mean_absolute_error, r2_score, explained_variance_score) and on the binary classification
  metrics (accuracy, precision, recall, f1, roc_auc_score, average_precision_score).
Every input is written beside its expected values, so the tests read nothing else.
"""

import json
import os
import warnings

import numpy as np
import torch
import torchmetrics as tm
from sklearn import metrics as skm
from torchmetrics.wrappers import ClasswiseWrapper, MinMaxMetric, Running

warnings.filterwarnings("ignore")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "ObjectivesTests", "Fixtures", "catalogue1.json")
rng = np.random.default_rng(20261212)


def num(x):
    x = float(x)
    if np.isnan(x):
        return "nan"
    if np.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def batches_of(values, sizes):
    out, i = [], 0
    for s in sizes:
        out.append(values[i:i + s])
        i += s
    return out


def aggregators():
    values = rng.normal(size=23).round(3)
    values[[4, 15]] = np.nan
    weights = rng.uniform(0.1, 3, size=23).round(3)
    sizes = [5, 7, 1, 10]
    cases = []
    kinds = {"mean": tm.MeanMetric, "sum": tm.SumMetric, "min": tm.MinMetric, "max": tm.MaxMetric,
             "cat": tm.CatMetric}
    for kind, cls in kinds.items():
        for policy, strategy in [("warn", "warn"), ("ignore", "ignore"), ("propagate", "disable")]:
            for weighted in ([False, True] if kind == "mean" else [False]):
                m = cls(nan_strategy=strategy).double()
                for v, w in zip(batches_of(values, sizes), batches_of(weights, sizes)):
                    if weighted:
                        m.update(torch.tensor(v), torch.tensor(w))
                    else:
                        m.update(torch.tensor(v))
                r = m.compute()
                expected = [num(x) for x in np.atleast_1d(r.numpy())]
                cases.append({"kind": kind, "policy": policy, "weighted": weighted, "expected": expected})
        m = cls(nan_strategy="error")
        try:
            m.update(torch.tensor(values))
            raised = False
        except RuntimeError:
            raised = True
        cases.append({"kind": kind, "policy": "error", "weighted": False, "raises": raised})
    return {"values": [num(v) for v in values], "weights": weights.tolist(), "sizes": sizes,
            "nan_count": int(np.isnan(values).sum()), "cases": cases}


def binary_batches():
    sizes = [6, 9, 4, 11, 7, 8]
    n = sum(sizes)
    scores = rng.uniform(size=n).round(3)
    targets = (rng.uniform(size=n) < scores * 0.8 + 0.1).astype(int)
    regression_pred = rng.normal(size=n).round(3)
    regression_target = (regression_pred + rng.normal(scale=0.5, size=n)).round(3)
    return sizes, scores, targets, regression_pred, regression_target


def running_and_extremes():
    sizes, scores, targets, pred, target = binary_batches()
    out = {"sizes": sizes, "scores": scores.tolist(), "targets": targets.tolist(),
           "predictions": pred.tolist(), "regression_targets": target.tolist(), "running": [], "extremes": []}
    metrics = {
        "acc": (lambda: tm.classification.BinaryAccuracy(), "binary"),
        "auroc": (lambda: tm.classification.BinaryAUROC(), "binary"),
        "mse": (lambda: tm.MeanSquaredError(), "regression"),
    }
    for window in [1, 3]:
        for key, (make, kind) in metrics.items():
            m = Running(make(), window=window) if key != "auroc" else None
            lifetime = make()
            values, lifetimes = [], []
            for step, (p, t) in enumerate(
                zip(batches_of(scores, sizes), batches_of(targets, sizes)) if kind == "binary"
                         else zip(batches_of(pred, sizes), batches_of(target, sizes))):
                p, t = torch.tensor(p), torch.tensor(t)
                lifetime.update(p, t)
                if m is not None:
                    m(p, t)
                    values.append(num(m.compute()))
                else:
                    # TorchMetrics' Running cannot window a metric with list states (it raises
                    # "No samples to concatenate"): the window's rows go to scikit-learn.
                    rows = slice(sum(sizes[:max(0, step + 1 - window)]), sum(sizes[:step + 1]))
                    values.append(num(skm.roc_auc_score(targets[rows], scores[rows])))
                lifetimes.append(num(lifetime.compute()))
            out["running"].append({"key": key, "window": window, "windowed": values, "lifetime": lifetimes})
    for key, (make, kind) in metrics.items():
        if key == "auroc":
            continue
        m = MinMaxMetric(make())
        mins, maxs = [], []
        for p, t in (zip(batches_of(scores, sizes), batches_of(targets, sizes)) if kind == "binary"
                     else zip(batches_of(pred, sizes), batches_of(target, sizes))):
            r = m(torch.tensor(p), torch.tensor(t))
            mins.append(num(r["min"]))
            maxs.append(num(r["max"]))
        out["extremes"].append({"key": key, "min": mins, "max": maxs})
    return out


def classwise():
    n, c = 40, 3
    logits = rng.normal(size=(n, c)).round(3)
    targets = rng.integers(0, c, size=n)
    names = ["cat", "dog", "bird"]
    m = ClasswiseWrapper(tm.classification.MulticlassF1Score(num_classes=c, average=None), labels=names)
    r = m(torch.tensor(logits), torch.tensor(targets))
    return {"logits": logits.ravel().tolist(), "targets": targets.tolist(), "names": names,
            "expected": {k: num(v) for k, v in r.items()}}


def weighted():
    sizes, scores, targets, pred, target = binary_batches()
    w = rng.uniform(0.0, 2.5, size=len(scores)).round(3)
    w[3] = 0.0
    predicted = (scores > 0.5).astype(int)
    return {
        "sizes": sizes, "weights": w.tolist(), "scores": scores.tolist(), "targets": targets.tolist(),
        "predictions": pred.tolist(), "regression_targets": target.tolist(),
        "regression": {
            "mse": skm.mean_squared_error(target, pred, sample_weight=w),
            "mae": skm.mean_absolute_error(target, pred, sample_weight=w),
            "r2": skm.r2_score(target, pred, sample_weight=w),
            "explained_variance": skm.explained_variance_score(target, pred, sample_weight=w),
        },
        "binary": {
            "acc": skm.accuracy_score(targets, predicted, sample_weight=w),
            "precision": skm.precision_score(targets, predicted, sample_weight=w),
            "recall": skm.recall_score(targets, predicted, sample_weight=w),
            "f1": skm.f1_score(targets, predicted, sample_weight=w),
            "auroc": skm.roc_auc_score(targets, scores, sample_weight=w),
            "auprc": skm.average_precision_score(targets, scores, sample_weight=w),
        },
    }


def main():
    data = {"aggregators": aggregators(), "windows": running_and_extremes(), "classwise": classwise(),
            "weighted": weighted()}
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
