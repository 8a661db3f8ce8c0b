#!/usr/bin/env python3
"""Generate reference values for the regression metrics and the built-in losses.

Run with the reference environment (torch, torchmetrics, scikit-learn, scipy, numpy):

    ~/refenv/bin/python scripts/make_regression_fixtures.py

Writes Tests/ObjectivesTests/Fixtures/regression_cases.json, losses_cases.json and
rank_exact_cases.json (Spearman on data whose ranks need the full order of float64; written alone
with `--rank-exact`).
Every expected value comes from scikit-learn, SciPy or PyTorch/TorchMetrics in float64; the only
arithmetic done here is the per-output variance weighting of metrics for which scikit-learn has no
`variance_weighted` option (weights = Σ(y − ȳ)² per output, constant outputs weigh 0, uniform when
every weight is 0), and the mean of per-element losses over each sample's width.
"""

import importlib
import json
import math
import os
import sys
import warnings

import numpy as np
import scipy.stats as st
import torch
import torch.nn.functional as F
import torchmetrics.functional as tmf
tm_cosine = importlib.import_module("torchmetrics.functional.regression.cosine_similarity")
from sklearn import metrics as skm

warnings.simplefilter("ignore")
torch.set_default_dtype(torch.float64)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "ObjectivesTests", "Fixtures")


def clean(x):
    """JSON-safe numbers: NaN and infinities as strings."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, (np.floating, float)):
        x = float(x)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return x
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, np.ndarray):
        return clean(x.tolist())
    return x


# ---------------------------------------------------------------------------------------------
# Regression


def weights_of(y):
    w = np.array([0.0 if np.ptp(y[:, j]) == 0 else float(np.sum((y[:, j] - y[:, j].mean()) ** 2))
                  for j in range(y.shape[1])])
    return w


def aggregate(raw, y):
    raw = np.asarray(raw, dtype=float)
    w = weights_of(y)
    uniform = float(np.mean(raw))
    if np.all(w == 0):
        weighted = uniform
    else:
        keep = w != 0
        weighted = float(np.sum(w[keep] * raw[keep]) / np.sum(w[keep]))
    return {"raw": raw.tolist(), "uniform": uniform, "weighted": weighted}


def sk_all(fn, y, p, weighted_native):
    raw = fn(y, p, multioutput="raw_values")
    out = {"raw": np.atleast_1d(raw).tolist(), "uniform": float(fn(y, p, multioutput="uniform_average"))}
    if weighted_native:
        out["weighted"] = float(fn(y, p, multioutput="variance_weighted"))
    else:
        out["weighted"] = aggregate(raw, y)["weighted"]
    return out


def per_column(fn, y, p):
    vals = []
    for j in range(y.shape[1]):
        try:
            v = fn(p[:, j], y[:, j])
        except ValueError:
            v = float("nan")
        vals.append(float(v))
    return vals


def pearson(a, b):
    if len(a) < 2:
        return float("nan")
    return st.pearsonr(a, b)[0]


def spearman(a, b):
    if len(a) < 2:
        return float("nan")
    return st.spearmanr(a, b)[0]


def float32_rank_safe(y, p):
    for col in list(y.T) + list(p.T):
        if not np.array_equal(st.rankdata(col), st.rankdata(col.astype(np.float32))):
            return False
    return True


def regression_case(name, p, y, regressors=None):
    p = np.asarray(p, dtype=float)
    y = np.asarray(y, dtype=float)
    if p.ndim == 1:
        p = p[:, None]
        y = y[:, None]
    n, k = y.shape
    exp = {}
    exp["mse"] = sk_all(skm.mean_squared_error, y, p, False)
    exp["rmse"] = sk_all(skm.root_mean_squared_error, y, p, False)
    exp["mae"] = sk_all(skm.mean_absolute_error, y, p, False)
    exp["mape"] = sk_all(skm.mean_absolute_percentage_error, y, p, False)
    if n >= 2:
        exp["r2"] = sk_all(skm.r2_score, y, p, True)
    else:
        exp["r2"] = {"raw": [float("nan")] * k, "uniform": float("nan"), "weighted": float("nan")}
    exp["explained_variance"] = sk_all(skm.explained_variance_score, y, p, True)
    exp["pearson"] = aggregate(per_column(pearson, y, p), y)
    exp["spearman"] = aggregate(per_column(spearman, y, p), y)
    # TorchMetrics' public function casts to float32; its compute step is called on float64 directly.
    with torch.no_grad():
        exp["cosine_similarity"] = float(tm_cosine._cosine_similarity_compute(
            torch.tensor(p), torch.tensor(y), reduction="mean"))
    case = {"name": name, "n": n, "k": k, "predictions": p.reshape(-1).tolist(),
            "targets": y.reshape(-1).tolist(), "float32_rank_safe": float32_rank_safe(y, p), "expected": exp}
    if regressors is not None and n > regressors + 1:
        pt, yt = torch.tensor(p), torch.tensor(y)
        if k == 1:
            pt, yt = pt[:, 0], yt[:, 0]
        adj = {}
        for key, mo in (("uniform", "uniform_average"), ("weighted", "variance_weighted"), ("raw", "raw_values")):
            v = tmf.r2_score(pt, yt, adjusted=regressors, multioutput=mo)
            adj[key] = v.reshape(-1).tolist() if key == "raw" else float(v)
        case["adjusted_r2"] = {"regressors": regressors, **adj}
    return case


def regression_cases():
    rng = np.random.default_rng(20261122)
    cases = []

    def add(name, p, y, regressors=None):
        cases.append(regression_case(name, p, y, regressors))

    # Random Gaussian data, correlated, over sizes and outputs.
    for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 20, 32, 50, 77, 100, 150, 300):
        for k in (1, 2, 3):
            y = rng.normal(size=(n, k)) * rng.uniform(0.5, 5, size=k) + rng.normal(size=k) * 3
            p = y * rng.uniform(0.3, 1.2, size=k) + rng.normal(size=(n, k)) * rng.uniform(0.1, 2, size=k)
            add(f"gaussian n={n} k={k}", p, y, regressors=min(3, max(1, n // 4)) if n > 3 else None)
    # Ties: integer-valued predictions and targets.
    for n in (3, 5, 12, 40, 120):
        for k in (1, 2, 3):
            y = rng.integers(0, 5, size=(n, k)).astype(float)
            p = np.round(y + rng.normal(size=(n, k)) * 1.5)
            add(f"ties n={n} k={k}", p, y, regressors=1)
    # Half-step ties and heavy ties in one column only.
    for n in (10, 60):
        y = rng.normal(size=(n, 2))
        p = y + rng.normal(size=(n, 2))
        y[:, 0] = np.round(y[:, 0] * 2) / 2
        p[:, 1] = np.round(p[:, 1])
        add(f"mixed ties n={n}", p, y)
    # Constant targets (exactly representable means), perfect and imperfect predictions.
    for n in (2, 3, 8, 33):
        y = np.full((n, 1), 2.0)
        add(f"constant target, imperfect n={n}", y + rng.normal(size=(n, 1)), y)
        add(f"constant target, perfect n={n}", y.copy(), y)
        add(f"constant target, constant offset n={n}", y + 0.5, y)
    # One constant output among several (variance weighting leaves it out).
    for n in (6, 25):
        y = rng.normal(size=(n, 3))
        y[:, 1] = -1.5
        p = y + rng.normal(size=(n, 3)) * 0.3
        add(f"one constant output n={n}", p, y)
    # Constant predictions.
    for n in (4, 20):
        y = rng.normal(size=(n, 2))
        add(f"constant predictions n={n}", np.full((n, 2), 0.25), y)
    # Perfect predictions.
    for n in (3, 17):
        y = rng.normal(size=(n, 2))
        add(f"perfect n={n}", y.copy(), y)
    # Tiny batches.
    for k in (1, 2, 3):
        y = rng.normal(size=(1, k))
        add(f"single row k={k}", y + rng.normal(size=(1, k)), y)
        y = rng.normal(size=(2, k))
        add(f"two rows k={k}", y + rng.normal(size=(2, k)), y)
    # MAPE near zero: targets at and near 0.
    for n in (6, 30):
        y = rng.normal(size=(n, 1))
        y[0, 0] = 0.0
        y[1, 0] = 1e-12
        y[2, 0] = -3e-17
        p = y + rng.normal(size=(n, 1)) * 0.1
        add(f"mape near zero n={n}", p, y)
    y = np.zeros((5, 2))
    add("all-zero targets", rng.normal(size=(5, 2)), y)
    # Large offsets (cancellation-prone) and wide scales.
    for n in (50, 200):
        base = 1e6 + rng.normal(size=(n, 1)) * 1e-2
        add(f"offset 1e6 n={n}", base + rng.normal(size=(n, 1)) * 1e-3, base)
        y = rng.normal(size=(n, 2)) * np.array([1e-3, 1e4])
        add(f"mixed scales n={n}", y * 0.9 + rng.normal(size=(n, 2)) * np.array([1e-4, 1e3]), y)
    # Heavy tails and anti-correlation.
    for n in (40, 160):
        y = rng.standard_t(2, size=(n, 2))
        add(f"heavy tails n={n}", -y + rng.standard_t(3, size=(n, 2)), y)
    # Uniform random, independent.
    for n in (9, 30, 90):
        for k in (1, 2, 4):
            add(f"independent n={n} k={k}", rng.uniform(-1, 1, size=(n, k)), rng.uniform(-1, 1, size=(n, k)))
    # Random mixtures: sizes, outputs, ties, outliers and signs drawn at random.
    for i in range(32):
        n = int(rng.integers(2, 60))
        k = int(rng.integers(1, 5))
        y = rng.normal(size=(n, k)) * rng.uniform(0.1, 10, size=k) + rng.uniform(-5, 5, size=k)
        p = rng.uniform(-1, 1.5, size=k) * y + rng.normal(size=(n, k)) * rng.uniform(0.05, 3, size=k)
        if i % 3 == 0:
            p = np.round(p)
        if i % 4 == 1:
            y[rng.integers(0, n)] *= 50
        add(f"mixture {i} n={n} k={k}", p, y, regressors=int(rng.integers(1, 4)))
    # Cosine: rows with a zero vector give NaN.
    y = rng.normal(size=(4, 3))
    p = rng.normal(size=(4, 3))
    p[2] = 0
    add("zero prediction row", p, y)
    return cases


# ---------------------------------------------------------------------------------------------
# Losses


def loss_case(name, params, outputs, targets, width, loss, mean_reference=None, target_kind="double",
              elementwise=True):
    """`loss(outputs, targets)` gives per-element losses (averaged here over each sample's width) or,
    with `elementwise=False`, per-sample losses."""
    o = torch.tensor(np.asarray(outputs, dtype=float), requires_grad=True)
    t = torch.tensor(np.asarray(targets)) if target_kind == "int" else torch.tensor(np.asarray(targets, dtype=float))
    values = loss(o, t)
    if elementwise:
        values = values.reshape(-1, width).mean(dim=1)
    n = values.numel()
    rng = np.random.default_rng(len(name) * 7919 + o.numel())
    cot = torch.tensor(rng.normal(size=n))
    (grad,) = torch.autograd.grad((values * cot).sum(), o)
    case = {"loss": name, "params": params, "width": width, "outputs": o.detach().reshape(-1).tolist(),
            "targets": t.reshape(-1).tolist(), "cotangents": cot.tolist(),
            "values": values.detach().tolist(), "vjp": grad.reshape(-1).tolist()}
    if mean_reference is not None:
        case["mean"] = float(mean_reference)
    return case


def loss_cases():
    rng = np.random.default_rng(7)
    cases = []
    for width in (1, 3):
        for n in (1, 4, 25):
            size = n * width
            o = rng.normal(size=size) * 2
            t = rng.normal(size=size) * 2
            if size > 2:
                t[1] = o[1]  # zero error: MAE's gradient is 0 there
            cases.append(loss_case("mse", {}, o, t, width, lambda a, b: F.mse_loss(a, b, reduction="none")))
            cases.append(loss_case("mae", {}, o, t, width, lambda a, b: F.l1_loss(a, b, reduction="none")))
            for delta in (0.5, 1.0, 2.0):
                cases.append(loss_case("huber", {"delta": delta}, o, t, width,
                                       lambda a, b, d=delta: F.huber_loss(a, b, reduction="none", delta=d)))
            for beta in (0.0, 0.5, 1.0):
                cases.append(loss_case("smooth_l1", {"beta": beta}, o, t, width,
                                       lambda a, b, bb=beta: F.smooth_l1_loss(a, b, reduction="none", beta=bb)))
            prob = rng.uniform(0.02, 0.98, size=size)
            hard = rng.integers(0, 2, size=size).astype(float)
            soft = rng.uniform(0, 1, size=size)
            for tgt, label in ((hard, "hard"), (soft, "soft")):
                cases.append(loss_case("binary_cross_entropy", {"targets": label}, prob, tgt, width,
                                       lambda a, b: F.binary_cross_entropy(a, b, reduction="none")))
                logits = rng.normal(size=size) * 4
                if size > 3:
                    logits[0], logits[1] = 40.0, -45.0
                for pw in (1.0, 2.5):
                    cases.append(loss_case(
                        "binary_cross_entropy_with_logits", {"positive_weight": pw, "targets": label}, logits, tgt,
                        width, lambda a, b, w=pw: F.binary_cross_entropy_with_logits(
                            a, b, reduction="none", pos_weight=torch.tensor(w))))
            signed = np.where(hard > 0, 1.0, -1.0)
            dec = rng.normal(size=size) * 1.5
            dec = np.where(np.abs(1 - signed * dec) < 1e-3, dec + 0.01, dec)
            for squared in (False, True):
                for labels, tg in (("signed", signed), ("binary", hard)):
                    mean = skm.hinge_loss(signed, dec) if (not squared and width == 1 and len(set(signed)) == 2) else None
                    cases.append(loss_case(
                        "hinge", {"squared": squared, "labels": labels}, dec, tg, width,
                        lambda a, b, sq=squared, lb=labels: (
                            torch.clamp(1 - (b if lb == "signed" else 2 * b - 1) * a, min=0) ** (2 if sq else 1)),
                        mean_reference=mean))
    # BCE at the clamped extremes.
    p = np.array([0.0, 1.0, 0.0, 1.0, 0.5])
    t = np.array([0.0, 1.0, 1.0, 0.0, 0.3])
    cases.append(loss_case("binary_cross_entropy", {"targets": "extremes"}, p, t, 1,
                           lambda a, b: F.binary_cross_entropy(a, b, reduction="none")))
    # Cross-entropy over classes with and without label smoothing.
    for c in (2, 3, 6):
        for n in (1, 5, 30):
            z = rng.normal(size=(n, c)) * 3
            if n > 2:
                z[0, 0] = 60.0
            y = rng.integers(0, c, size=n)
            for eps in (0.0, 0.1, 0.3):
                probs = torch.softmax(torch.tensor(z), 1).numpy()
                # scikit-learn clips probabilities; compare means only where it does not.
                mean = skm.log_loss(y, probs, labels=list(range(c))) \
                    if eps == 0 and n > 1 and probs.min() > 1e-12 else None
                cases.append(loss_case(
                    "cross_entropy", {"num_classes": c, "label_smoothing": eps}, z, y, c,
                    lambda a, b, cc=c, e=eps: F.cross_entropy(a.reshape(-1, cc), b, reduction="none",
                                                              label_smoothing=e),
                    mean_reference=mean, target_kind="int", elementwise=False))
    # KL divergence: log-probabilities or logits as outputs, probabilities or log-probabilities as targets.
    for c in (2, 4):
        for n in (1, 6, 20):
            z = rng.normal(size=(n, c)) * 2
            q = torch.log_softmax(torch.tensor(z), 1).numpy()
            pt = rng.dirichlet(np.ones(c), size=n)
            if n > 2:
                pt[0] = 0
                pt[0, 1] = 1  # zero probabilities: xlogy(0, 0) = 0
            for log_target in (False, True):
                tgt = np.log(np.clip(pt, 1e-300, None)) if log_target else pt
                if log_target and n > 2:
                    tgt = np.log(rng.dirichlet(np.ones(c), size=n))
                cases.append(loss_case(
                    "kl_divergence", {"num_classes": c, "input": "log_probabilities", "log_target": log_target},
                    q, tgt, c,
                    lambda a, b, cc=c, lt=log_target: F.kl_div(a.reshape(-1, cc), b.reshape(-1, cc),
                                                               reduction="none", log_target=lt).sum(dim=1),
                    elementwise=False))
                cases.append(loss_case(
                    "kl_divergence", {"num_classes": c, "input": "logits", "log_target": log_target}, z, tgt, c,
                    lambda a, b, cc=c, lt=log_target: F.kl_div(torch.log_softmax(a.reshape(-1, cc), 1),
                                                               b.reshape(-1, cc), reduction="none",
                                                               log_target=lt).sum(dim=1),
                    elementwise=False))
    return cases


def rank_exact_cases():
    """Spearman's correlation (scipy.stats.spearmanr, float64) on data that a float32 rounding of the
    values would rank differently: ties in 10,000 ordinary rows, and values that differ below float32
    precision. `float32_differs` records whether ranking float32-rounded values changes the answer."""
    rng = np.random.default_rng(20261202)
    n = 10_000
    cases = []

    def add(name, p, y):
        p = np.asarray(p, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        expected = st.spearmanr(p, y)[0]
        rounded = st.spearmanr(p.astype(np.float32), y.astype(np.float32))[0]
        differs = bool(np.isnan(rounded) or abs(rounded - expected) > 1e-9)
        cases.append(dict(name=name, n=len(p), predictions=p, targets=y, spearman=expected,
                          float32_differs=differs))

    # Ordinary data: continuous values with 10 % repeated (ties) against a rounded target. Among
    # 10,000 normal draws a few pairs lie closer than float32's spacing and would become ties.
    x = rng.normal(size=n)
    x[rng.choice(n, n // 10, replace=False)] = x[rng.choice(n, n // 10, replace=False)]
    add("ordinary-ties-10000", x, np.round(0.5 * x + rng.normal(size=n), 1))
    x = np.round(rng.normal(size=n), 2)
    add("rounded-ties-10000", x, np.round(0.5 * x + rng.normal(size=n), 1))
    k = rng.permutation(n).astype(np.float64)
    add("near-1e6-step-1e-3", 1e6 + k * 1e-3, 1e6 + (k + rng.normal(scale=500, size=n)) * 1e-3)
    add("near-1-step-1e-9", 1 + k * 1e-9, np.round(k / 7) + rng.normal(size=n))
    add("all-within-one-float", 1 + rng.permutation(n) * 1e-12, rng.normal(size=n))
    t = np.round(rng.normal(size=n), 1)
    add("ties-and-sub-float", 1e6 + np.round(rng.normal(size=n), 2) * 1e-4, t + 1e-9 * rng.normal(size=n))
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    rank = rank_exact_cases()
    with open(os.path.join(OUT, "rank_exact_cases.json"), "w") as f:
        json.dump(clean(rank), f, separators=(",", ":"))
    print(f"{len(rank)} exact rank cases")
    if "--rank-exact" in sys.argv:
        return
    reg = regression_cases()
    losses = loss_cases()
    with open(os.path.join(OUT, "regression_cases.json"), "w") as f:
        json.dump(clean(reg), f, separators=(",", ":"))
    with open(os.path.join(OUT, "losses_cases.json"), "w") as f:
        json.dump(clean(losses), f, separators=(",", ":"))
    print(f"{len(reg)} regression cases, {len(losses)} loss cases")


if __name__ == "__main__":
    main()
