"""Writes the CSV fixtures of the `objectives` command-line tests and their reference values.

Predictions are drawn from a fixed generator; the expected metric values are computed with
scikit-learn and SciPy (never copied code). Run with the reference environment:
    ~/refenv/bin/python scripts/make_cli_fixtures.py
Outputs go to Tests/ObjectivesTests/Fixtures/cli/: one CSV per case and expected.json.
"""

import csv
import json
import os

import numpy as np
import scipy.stats
import torch
from sklearn import metrics

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "ObjectivesTests", "Fixtures", "cli")
rng = np.random.default_rng(20240611)
expected = {}


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def num(x):
    return float(x)


def fmt(x):
    return repr(float(x))


# Binary: scores are probabilities with a signal, ties included (rounded to 2 decimals).
n = 240
y = rng.integers(0, 2, n)
p = np.clip(np.round(0.35 * y + rng.uniform(0, 0.65, n), 2), 0, 1)
write("binary.csv", ["id", "target", "score", "note"], [[f"s{i}", int(y[i]), fmt(p[i]), "x"] for i in range(n)])
pred = (p > 0.5).astype(int)  # strictly above the threshold, as torchmetrics and the package
expected["binary"] = {
    "accuracy": num(metrics.accuracy_score(y, pred)),
    "f1": num(metrics.f1_score(y, pred)),
    "precision": num(metrics.precision_score(y, pred)),
    "recall": num(metrics.recall_score(y, pred)),
    "mcc": num(metrics.matthews_corrcoef(y, pred)),
    "auroc": num(metrics.roc_auc_score(y, p)),
    "average_precision": num(metrics.average_precision_score(y, p)),
    "rows": n,
    # Per-sample output: the mean of torch's binary cross-entropy of the scores.
    "mean_bce": num(torch.nn.functional.binary_cross_entropy(torch.tensor(p), torch.tensor(y, dtype=torch.float64))),
}
chunks = [slice(i, i + 60) for i in range(0, n, 60)]
assert all(0 < y[c].sum() < 60 for c in chunks)
expected["binary_streaming_60"] = {
    # Streaming mode: each chunk's value, averaged by sample count (the chunks are equal).
    "auroc": num(np.mean([metrics.roc_auc_score(y[c], p[c]) for c in chunks])),
    "average_precision": num(np.mean([metrics.average_precision_score(y[c], p[c]) for c in chunks])),
    "accuracy": num(metrics.accuracy_score(y, pred)),
}
pred3 = (p > 0.3).astype(int)
expected["binary_threshold_0.3"] = {
    "accuracy": num(metrics.accuracy_score(y, pred3)),
    "f1": num(metrics.f1_score(y, pred3)),
}

# Binary logits (same labels, logit of the scores clipped away from 0 and 1).
logit = np.log(np.clip(p, 0.01, 0.99) / (1 - np.clip(p, 0.01, 0.99)))
write("binary_logits.csv", ["target", "score"], [[int(y[i]), fmt(logit[i])] for i in range(n)])
expected["binary_logits"] = {
    "accuracy": num(metrics.accuracy_score(y, (logit > 0).astype(int))),
    "auroc": num(metrics.roc_auc_score(y, logit)),
}

# Binary hard predictions.
write("binary_labels.csv", ["target", "prediction"], [[int(y[i]), int(pred[i])] for i in range(n)])
expected["binary_labels"] = {
    "accuracy": num(metrics.accuracy_score(y, pred)),
    "f1": num(metrics.f1_score(y, pred)),
}

# Multiclass probabilities, 4 classes.
n, c = 300, 4
y = rng.integers(0, c, n)
logits = rng.normal(0, 1, (n, c))
logits[np.arange(n), y] += 1.2
probs = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
write(
    "multiclass.csv",
    ["target"] + [f"score_{j}" for j in range(c)],
    [[int(y[i])] + [fmt(v) for v in probs[i]] for i in range(n)],
)
write(
    "multiclass_logits.csv",
    ["id", "target"] + [f"score_{j}" for j in range(c)],
    [[f"r{i}", int(y[i])] + [fmt(v) for v in logits[i]] for i in range(n)],
)
pred = probs.argmax(1)
expected["multiclass"] = {
    "accuracy": num(metrics.accuracy_score(y, pred)),
    "f1_macro": num(metrics.f1_score(y, pred, average="macro")),
    "precision_macro": num(metrics.precision_score(y, pred, average="macro")),
    "recall_macro": num(metrics.recall_score(y, pred, average="macro")),
    "f1_micro": num(metrics.f1_score(y, pred, average="micro")),
    "mcc": num(metrics.matthews_corrcoef(y, pred)),
    "auroc_macro_ovr": num(metrics.roc_auc_score(y, probs, multi_class="ovr", average="macro")),
    "confusion_matrix": metrics.confusion_matrix(y, pred, labels=range(c)).tolist(),
    "rows": n,
    "classes": c,
    "accuracy_micro": num(metrics.accuracy_score(y, pred)),
    # Per-sample output with --input logits: the mean of torch's cross-entropy of the logits.
    "mean_cross_entropy": num(torch.nn.functional.cross_entropy(torch.tensor(logits), torch.tensor(y))),
}
# Catalogue part 2 (sets and weighted agreement), on the same data.
expected["multiclass"].update({
    "jaccard_macro": num(metrics.jaccard_score(y, pred, average="macro")),
    "jaccard_micro": num(metrics.jaccard_score(y, pred, average="micro")),
    "dice_weighted": num(metrics.f1_score(y, pred, average="weighted")),
    "kappa_linear": num(metrics.cohen_kappa_score(y, pred, labels=range(c), weights="linear")),
    "kappa_quadratic": num(metrics.cohen_kappa_score(y, pred, labels=range(c), weights="quadratic")),
})
# Calibration: TorchMetrics' kernel on float64 top-1 confidences (the public function casts to float32).
from torchmetrics.functional.classification.calibration_error import _ce_compute  # noqa: E402

for key, bins, norm in (("ece", 15, "l1"), ("mce", 15, "max"), ("ece@10", 10, "l1")):
    expected["multiclass"][key] = num(_ce_compute(
        torch.tensor(probs.max(1)), torch.tensor((pred == y).astype(float)), bins, norm=norm))
write("multiclass_labels.csv", ["target", "prediction"], [[int(y[i]), int(pred[i])] for i in range(n)])

# Multilabel, 3 labels.
n, L = 200, 3
Y = rng.integers(0, 2, (n, L))
P = np.clip(np.round(0.3 * Y + rng.uniform(0, 0.7, (n, L)), 3), 0, 1)
write(
    "multilabel.csv",
    [f"target_{j}" for j in range(L)] + [f"score_{j}" for j in range(L)],
    [[int(v) for v in Y[i]] + [fmt(v) for v in P[i]] for i in range(n)],
)
PRED = (P > 0.5).astype(int)
expected["multilabel"] = {
    "f1_macro": num(metrics.f1_score(Y, PRED, average="macro")),
    "f1_micro": num(metrics.f1_score(Y, PRED, average="micro")),
    "hamming_loss": num(metrics.hamming_loss(Y, PRED)),
    "exact_match": num(metrics.accuracy_score(Y, PRED)),
    "accuracy_micro": num((Y == PRED).mean()),
    "auroc_macro": num(metrics.roc_auc_score(Y, P, average="macro")),
    "average_precision_macro": num(metrics.average_precision_score(Y, P, average="macro")),
    "rows": n,
    "labels": L,
    "jaccard_macro": num(metrics.jaccard_score(Y, PRED, average="macro")),
    "dice_micro": num(metrics.f1_score(Y, PRED, average="micro")),
}

# Regression, one output and two outputs.
n = 250
t = rng.normal(3, 2, n)
q = t + rng.normal(0, 0.8, n)
write("regression.csv", ["target", "prediction"], [[fmt(t[i]), fmt(q[i])] for i in range(n)])
expected["regression"] = {
    "mse": num(metrics.mean_squared_error(t, q)),
    "rmse": num(np.sqrt(metrics.mean_squared_error(t, q))),
    "mae": num(metrics.mean_absolute_error(t, q)),
    "r2": num(metrics.r2_score(t, q)),
    "pearson": num(scipy.stats.pearsonr(t, q)[0]),
    "spearman": num(scipy.stats.spearmanr(t, q)[0]),
    "rows": n,
}
T = rng.normal(0, 1, (n, 2))
Q = T + rng.normal(0, 0.5, (n, 2))
write(
    "regression_2.csv",
    ["id", "target_0", "target_1", "prediction_0", "prediction_1"],
    [[f"p{i}"] + [fmt(v) for v in T[i]] + [fmt(v) for v in Q[i]] for i in range(n)],
)
expected["regression_2"] = {
    "mse": num(metrics.mean_squared_error(T, Q)),
    "mae": num(metrics.mean_absolute_error(T, Q)),
    "r2": num(metrics.r2_score(T, Q)),
    "pearson": num(np.mean([scipy.stats.pearsonr(T[:, j], Q[:, j])[0] for j in range(2)])),
    "rows": n,
}

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")
print("wrote", sorted(os.listdir(OUT)))
