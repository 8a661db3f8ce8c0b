#!/usr/bin/env python3
"""Generate TorchMetrics CompositionalMetric reference fixtures for the metric algebra.

Run with the reference environment::

    ~/refenv/bin/python scripts/make_metric_algebra_fixtures.py

It writes Tests/ObjectivesTests/Fixtures/metric_algebra.json.

For each case, base metrics (BinaryAUROC, BinaryPrecision, ... or MeanSquaredError,
PearsonCorrCoef, R2Score) are combined with TorchMetrics' own operators into a
``CompositionalMetric``; the data is fed in batches of uneven sizes and the
composite's ``compute()`` (the formula applied to the children's computed values)
is recorded beside the formula in the Objectives notation.

Each base metric is updated once per batch directly (never through the composite),
because ``CompositionalMetric.update`` updates a child that appears twice twice
(TorchMetrics' known double-update bug); the composite's ``compute()`` only reads
the children. The per-batch average of the formula (what a ``Loss`` reports) is
recorded too, to show that the two meanings differ.
"""

import json
import pathlib

import torch
import torchmetrics
from torchmetrics.classification import (
    BinaryAccuracy,
    BinaryAUROC,
    BinaryF1Score,
    BinaryPrecision,
    BinaryRecall,
    BinarySpecificity,
)
from torchmetrics.regression import MeanSquaredError, PearsonCorrCoef, R2Score

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/ObjectivesTests/Fixtures/metric_algebra.json"
BATCHES = [37, 64, 50, 49]


def binary_data(seed):
    g = torch.Generator().manual_seed(seed)
    n = sum(BATCHES)
    target = (torch.rand(n, generator=g, dtype=torch.float64) < 0.4).long()
    # Scores correlated with the target, rounded to 3 decimals (ties included, exact in JSON).
    noise = torch.rand(n, generator=g, dtype=torch.float64)
    score = torch.round((0.35 * target + 0.65 * noise) * 1000) / 1000
    return score, target


def regression_data(seed):
    g = torch.Generator().manual_seed(seed)
    n = sum(BATCHES)
    target = torch.round(torch.randn(n, generator=g, dtype=torch.float64) * 1000) / 1000
    pred = torch.round((0.8 * target + 0.5 * torch.randn(n, generator=g, dtype=torch.float64)) * 1000) / 1000
    return pred, target


BINARY = {
    "auroc": BinaryAUROC,
    "precision": BinaryPrecision,
    "recall": BinaryRecall,
    "f1": BinaryF1Score,
    "acc": BinaryAccuracy,
    "specificity": BinarySpecificity,
}
REGRESSION = {"mse": MeanSquaredError, "pearson": PearsonCorrCoef, "r2": R2Score}

# (formula in the Objectives notation, Python builder over the named metrics)
BINARY_FORMULAS = [
    ("1 - [auroc]", lambda m: 1 - m["auroc"]),
    ("([precision] + [recall]) / 2", lambda m: (m["precision"] + m["recall"]) / 2),
    (
        "2 x [precision] x [recall] / ([precision] + [recall])",
        lambda m: 2 * m["precision"] * m["recall"] / (m["precision"] + m["recall"]),
    ),
    ("([auroc] x [f1])^0.5", lambda m: (m["auroc"] * m["f1"]) ** 0.5),
    ("abs([auroc] - [acc])", lambda m: abs(m["auroc"] - m["acc"])),
    ("([recall] + [specificity]) / 2 - 0.5", lambda m: (m["recall"] + m["specificity"]) / 2 - 0.5),
    ("[auroc] / [acc]^2", lambda m: m["auroc"] / m["acc"] ** 2),
]
REGRESSION_FORMULAS = [
    ("1 - [pearson]", lambda m: 1 - m["pearson"]),
    ("[mse]^0.5", lambda m: m["mse"] ** 0.5),
    ("[r2] - [pearson]^2", lambda m: m["r2"] - m["pearson"] ** 2),
    ("[mse] x (1 - [r2])", lambda m: m["mse"] * (1 - m["r2"])),
]


def run(kind, data, classes, formulas):
    preds, target = data
    cases = []
    for formula, build in formulas:
        metrics = {k: cls() for k, cls in classes.items()}
        if kind == "regression":
            for m in metrics.values():
                m.set_dtype(torch.float64)
        composite = build(metrics)
        assert isinstance(composite, torchmetrics.metric.CompositionalMetric), formula
        per_batch = []
        start = 0
        for size in BATCHES:
            p, t = preds[start : start + size], target[start : start + size]
            start += size
            batch_metrics = {k: cls() for k, cls in classes.items()}
            for k in metrics:
                metrics[k].update(p, t)
                batch_metrics[k].update(p, t)
            per_batch.append(float(build(batch_metrics).compute()))
        cases.append(
            {
                "formula": formula,
                "torchmetrics": float(composite.compute()),
                "components": {k: float(m.compute()) for k, m in metrics.items()},
                "per_batch_mean": sum(per_batch) / len(per_batch),
            }
        )
    return {"kind": kind, "preds": preds.tolist(), "target": target.tolist(), "cases": cases}


def main():
    fixture = {
        "torchmetrics": torchmetrics.__version__,
        "torch": torch.__version__,
        "batches": BATCHES,
        "binary": run("binary", binary_data(11), BINARY, BINARY_FORMULAS),
        "regression": run("regression", regression_data(12), REGRESSION, REGRESSION_FORMULAS),
    }
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT}")
    for part in ("binary", "regression"):
        for c in fixture[part]["cases"]:
            print(f"{c['formula']:55s} {c['torchmetrics']:.12g}  per-batch mean {c['per_batch_mean']:.12g}")


if __name__ == "__main__":
    main()
