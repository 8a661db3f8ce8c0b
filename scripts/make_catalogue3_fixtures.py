#!/usr/bin/env python3
"""Reference values for the catalogue's third part (issue 13, items 5-7): perplexity, the further
regression metrics and ranking / retrieval.

Run with the reference environment:  ~/refenv/bin/python scripts/make_catalogue3_fixtures.py
Writes Tests/ObjectivesTests/Fixtures/catalogue3_{regression,perplexity,ranking}.json, read by
Catalogue3RegressionFixtureTests, PerplexityFixtureTests and RankingFixtureTests.

Regression (float64 tensors): TorchMetrics' functional `mean_squared_log_error`, `log_cosh_error`,
`symmetric_mean_absolute_percentage_error`, `weighted_mean_absolute_percentage_error`,
`tweedie_deviance_score`, `concordance_corrcoef`, `normalized_root_mean_squared_error`
(normalization mean / range / std / l2), `kl_divergence` and `jensen_shannon_divergence` (p = the
target rows, q = the prediction rows, with and without log_prob); `scipy.stats.kendalltau` (tau-b).
Per-output metrics are computed column by column and averaged (the package's uniform average);
cross-checks: scikit-learn's `mean_squared_log_error`, `mean_tweedie_deviance` where they are
defined. `expected` is null for NaN and the string "error" where TorchMetrics raises (the package
throws), "refused" where the configuration is refused.

Perplexity: TorchMetrics' functional `perplexity` on float64 logits [B, S, V] with and without
`ignore_index`; the log-probability cases feed `log_softmax` of the same logits.

Ranking: TorchMetrics' module metrics RetrievalNormalizedDCG, RetrievalMRR, RetrievalMAP,
RetrievalPrecision, RetrievalRecall, RetrievalHitRate (top_k, empty_target_action). Scores are
positive (TorchMetrics counts an item with score <= 0 as irrelevant in MAP, MRR, precision and
recall; the package does not, see Docs/Metrics-Ranking.md). Grades > 1 go to NDCG as they are and
to the other metrics as `grade > 0`. Every value is also computed from the definitions below with
ties broken by input order; the fixture holds that value, and TorchMetrics must agree with it
except where the result depends on the order of tied scores (torch's sorts do not define it): a
case whose value changes when the ties are reversed is marked `tie_sensitive` and only NDCG
(tie-averaged by TorchMetrics) is compared there.
"""

import json
import math
import os
import warnings

import numpy as np
import scipy.stats
import torch
from sklearn import metrics as skm
from torchmetrics.functional import regression as R
from torchmetrics.functional.text import perplexity as tm_perplexity
from torchmetrics import retrieval as TR

warnings.filterwarnings("ignore")
torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20261203)
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "ObjectivesTests", "Fixtures")


def num(x):
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def t(a):
    return torch.tensor(np.ascontiguousarray(a, dtype=np.float64))


# ---------------------------------------------------------------- regression

def per_column(fn, P, Y):
    return float(np.mean([float(fn(t(P[:, j]), t(Y[:, j]))) for j in range(P.shape[1])]))


def regression_value(name, P, Y):
    if name in ("msle",):
        return per_column(R.mean_squared_log_error, P, Y)
    if name == "log_cosh":
        return per_column(R.log_cosh_error, P, Y)
    if name == "smape":
        return per_column(R.symmetric_mean_absolute_percentage_error, P, Y)
    if name == "wmape":
        return per_column(R.weighted_mean_absolute_percentage_error, P, Y)
    if name.startswith("tweedie_deviance="):
        power = float(name.split("=")[1])
        return per_column(lambda p, y: R.tweedie_deviance_score(p, y, power=power), P, Y)
    if name == "kendall":
        return float(np.mean([scipy.stats.kendalltau(P[:, j], Y[:, j]).statistic for j in range(P.shape[1])]))
    if name == "ccc":
        return per_column(R.concordance_corrcoef, P, Y)
    if name.startswith("nrmse"):
        norm = {"nrmse": "mean", "nrmse_range": "range", "nrmse_std": "std", "nrmse_l2": "l2"}[name]
        return per_column(lambda p, y: R.normalized_root_mean_squared_error(p, y, normalization=norm), P, Y)
    if name.startswith("kl_divergence") or name.startswith("js_divergence"):
        fn = R.kl_divergence if name.startswith("kl") else R.jensen_shannon_divergence
        return float(fn(t(Y), t(P), log_prob=name.endswith("log_prob")))
    raise KeyError(name)


def regression_case(cid, name, P, Y):
    P = np.asarray(P, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if P.ndim == 1:
        P, Y = P[:, None], Y[:, None]
    try:
        value = num(regression_value(name, P, Y))
    except ValueError as e:
        value = "refused" if "not defined for power" in str(e) else "error"
    if name == "msle" and value is not None and (Y >= 0).all() and (P >= 0).all():
        assert abs(value - skm.mean_squared_log_error(Y, P)) < 1e-9 * max(1, abs(value))
    if name.startswith("tweedie") and isinstance(value, float) and P.shape[1] == 1:
        power = float(name.split("=")[1])
        ref = skm.mean_tweedie_deviance(Y[:, 0], P[:, 0], power=power)
        assert abs(value - ref) < 1e-9 * max(1, abs(value)), (cid, value, ref)
    return {"id": cid, "metric": name, "outputs": P.shape[1], "predictions": P.ravel().tolist(),
            "targets": Y.ravel().tolist(), "expected": value}


def regression_cases():
    cases = []
    plain = ["msle", "log_cosh", "smape", "wmape", "kendall", "ccc", "nrmse", "nrmse_range", "nrmse_std",
             "nrmse_l2"]
    tweedies = ["tweedie_deviance=0", "tweedie_deviance=1", "tweedie_deviance=1.5", "tweedie_deviance=2",
                "tweedie_deviance=3", "tweedie_deviance=-1"]
    for k in (1, 3):
        Y = rng.gamma(2.0, 1.5, size=(60, k))
        P = np.abs(Y + rng.normal(0, 0.8, size=(60, k))) + 0.05
        for name in plain + tweedies:
            cases.append(regression_case(f"positive_k{k}_{name}", name, P, Y))
        Yt = np.round(Y)  # ties on both sides
        Pt = np.round(P * 2) / 2 + 0.5
        for name in ["kendall", "ccc", "smape", "wmape", "msle", "tweedie_deviance=1"]:
            cases.append(regression_case(f"ties_k{k}_{name}", name, Pt, Yt))
    S = rng.normal(0, 2, size=(80, 1))
    Z = S + rng.normal(0, 1, size=(80, 1))
    for name in ["log_cosh", "smape", "wmape", "kendall", "ccc", "nrmse", "nrmse_range", "nrmse_std", "nrmse_l2",
                 "tweedie_deviance=0"]:
        cases.append(regression_case(f"signed_{name}", name, Z, S))
    # Degenerate inputs.
    n = 12
    const = np.full(n, 3.0)
    ramp = np.linspace(0.5, 6.0, n)
    zeros = np.zeros(n)
    for name in ["kendall", "ccc", "nrmse_range", "nrmse_std"]:
        cases.append(regression_case(f"constant_target_{name}", name, ramp, const))
        cases.append(regression_case(f"constant_prediction_{name}", name, const, ramp))
    for name in ["msle", "smape", "wmape", "nrmse", "tweedie_deviance=0"]:
        cases.append(regression_case(f"zeros_both_{name}", name, zeros, zeros))
        cases.append(regression_case(f"zeros_target_{name}", name, ramp, zeros))
    half = np.linspace(-0.9, 2.0, n)
    cases.append(regression_case("negative_above_minus_one_msle", "msle", half, ramp))
    cases.append(regression_case("below_minus_one_msle", "msle", ramp - 3.0, ramp))
    # TorchMetrics' log((e^d + e^-d)/2) overflows to inf beyond |d| ~ 710; the exact value (numpy's logaddexp,
    # the package's stable form) is the reference there, and TorchMetrics must agree below the overflow.
    big = np.array([800.0, -800.0, 0.0])
    extreme = regression_case("extreme_log_cosh", "log_cosh", big, np.zeros(3))
    assert extreme["expected"] == "inf"
    extreme["expected"] = float(np.mean(np.logaddexp(big, -big) - math.log(2)))
    cases.append(extreme)
    cases.append(regression_case("large_log_cosh", "log_cosh", np.array([300.0, -300.0, 1.0]), np.zeros(3)))
    for power in ["1", "1.5", "2", "3", "-1"]:
        cases.append(regression_case(f"zero_prediction_tweedie_{power}", "tweedie_deviance=" + power, zeros, ramp))
    for power in ["1", "1.5"]:
        cases.append(regression_case(f"zero_target_tweedie_{power}", "tweedie_deviance=" + power, ramp, zeros))
    for power in ["2", "3"]:
        cases.append(regression_case(f"zero_target_tweedie_{power}", "tweedie_deviance=" + power, ramp, zeros))
    cases.append(regression_case("negative_target_tweedie_1", "tweedie_deviance=1", ramp, -ramp))
    cases.append(regression_case("refused_tweedie_0.5", "tweedie_deviance=0.5", ramp, ramp))
    # Distributions per row.
    for k in (2, 5):
        Pd = rng.dirichlet(np.ones(k), size=40)
        Qd = rng.dirichlet(np.ones(k), size=40)
        W = rng.uniform(0.1, 3.0, size=(40, k))  # unnormalised rows
        for name in ["kl_divergence", "js_divergence"]:
            cases.append(regression_case(f"dist_k{k}_{name}", name, Qd, Pd))
            cases.append(regression_case(f"unnormalised_k{k}_{name}", name, W, W[::-1]))
            cases.append(regression_case(f"identical_k{k}_{name}", name, Pd, Pd))
        for name in ["kl_divergence_log_prob", "js_divergence_log_prob"]:
            cases.append(regression_case(f"dist_k{k}_{name}", name, np.log(Qd), np.log(Pd)))
    Pz = np.array([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])
    Qz = np.array([[0.4, 0.4, 0.2], [0.1, 0.1, 0.8]])
    for name in ["kl_divergence", "js_divergence"]:
        cases.append(regression_case(f"zero_mass_target_{name}", name, Qz, Pz))
        cases.append(regression_case(f"zero_mass_prediction_{name}", name, Pz, Qz))
    return cases


# ---------------------------------------------------------------- perplexity

def perplexity_cases():
    cases = []
    for cid, (B, S, V, ignore, scale) in {
        "plain": (2, 7, 5, None, 1.0), "ignore": (3, 6, 4, -100, 2.0), "ignore_index_in_vocab": (2, 8, 6, 0, 1.0),
        "large_logits": (2, 5, 3, None, 40.0), "all_ignored": (1, 4, 3, -100, 1.0),
    }.items():
        logits = torch.tensor(rng.normal(0, scale, size=(B, S, V)))
        target = torch.tensor(rng.integers(0, V, size=(B, S)), dtype=torch.int64)
        if ignore is not None and cid != "ignore_index_in_vocab":
            mask = torch.tensor(rng.random((B, S)) < 0.3)
            if cid == "all_ignored":
                mask[:] = True
            target[mask] = ignore
        value = num(tm_perplexity(logits, target, ignore_index=ignore))
        logp = torch.log_softmax(logits, dim=-1)
        check = num(tm_perplexity(logp, target, ignore_index=ignore))
        assert (value is None and check is None) or abs(value - check) < 1e-9 * value
        for kind, scores in (("logits", logits), ("log_probabilities", logp)):
            cases.append({"id": f"{cid}_{kind}", "input": kind, "vocabulary": V, "ignore_index": ignore,
                          "scores": scores.reshape(-1).tolist(), "targets": target.reshape(-1).tolist(),
                          "batch_tokens": S, "expected": value})
    return cases


# ---------------------------------------------------------------- ranking

def own_metric(kind, k, scores, grades, ties="input"):
    """The package's definitions, ties in input order (or relevant items first / last)."""
    n = len(scores)
    sign = {"input": 0, "best": -1, "worst": 1}[ties]
    order = sorted(range(n), key=lambda i: (-scores[i], sign * grades[i]))  # stable
    rel = [1.0 if grades[i] > 0 else 0.0 for i in order]
    K = n if k is None else k
    top = rel[:K]
    if kind == "ndcg":
        disc = [1 / math.log2(i + 2) if i < K else 0.0 for i in range(n)]
        dcg = 0.0
        uniq = sorted(set(scores), reverse=True)
        pos = 0
        for s in uniq:
            group = [g for g, sc in zip(grades, scores) if sc == s]
            dcg += np.mean(group) * sum(disc[pos:pos + len(group)])
            pos += len(group)
        ideal = sorted(grades, reverse=True)
        idcg = sum(g * d for g, d in zip(ideal, disc))
        return dcg / idcg if idcg > 0 else 0.0
    if kind == "mrr":
        for i, r in enumerate(top):
            if r:
                return 1.0 / (i + 1)
        return 0.0
    if kind == "map":
        hits = [i for i, r in enumerate(top) if r]
        return float(np.mean([(j + 1) / (i + 1) for j, i in enumerate(hits)])) if hits else 0.0
    if kind == "precision":
        return sum(top) / K
    if kind == "recall":
        return sum(top) / sum(rel)
    if kind == "hit_rate":
        return 1.0 if sum(top) > 0 else 0.0
    raise KeyError(kind)


TM_CLASSES = {"ndcg": TR.RetrievalNormalizedDCG, "mrr": TR.RetrievalMRR, "map": TR.RetrievalMAP,
              "precision": TR.RetrievalPrecision, "recall": TR.RetrievalRecall, "hit_rate": TR.RetrievalHitRate}


def ranking_case(cid, queries, scores, grades, names, empty):
    qids = sorted(set(queries), key=queries.index)
    expected = {}
    sensitive = False
    for name in names:
        kind, _, kk = name.partition("@")
        k = int(kk) if kk else None
        values = []
        values_reversed = []
        for q in qids:
            rows = [i for i, x in enumerate(queries) if x == q]
            s = [scores[i] for i in rows]
            g = [grades[i] for i in rows]
            if sum(g) == 0:
                if empty == "skip":
                    continue
                if empty == "error":
                    values = "error"
                    break
                values.append(1.0 if empty == "pos" else 0.0)
                values_reversed.append(0.0)
                continue
            values.append(own_metric(kind, k, s, g))
            values_reversed.append(own_metric(kind, k, s, g, ties="best") - own_metric(kind, k, s, g, ties="worst"))
        if values == "error":
            expected[name] = "error"
        else:
            mine = float(np.mean(values)) if values else 0.0
            spread = max((abs(v) for v in values_reversed), default=0.0)
            expected[name] = mine
            if spread > 1e-12 and kind != "ndcg":
                sensitive = True
                continue
        cls = TM_CLASSES[kind]
        metric = cls(top_k=k, empty_target_action=empty)
        index_of = {q: i for i, q in enumerate(qids)}
        target = torch.tensor(grades) if kind == "ndcg" else torch.tensor([1 if x > 0 else 0 for x in grades])
        try:
            metric.update(torch.tensor(scores), target, indexes=torch.tensor([index_of[q] for q in queries]))
            ref = float(metric.compute())
        except ValueError:
            ref = "error"
        if expected[name] == "error" or ref == "error":
            assert expected[name] == ref, (cid, name, expected[name], ref)
        else:
            assert abs(ref - expected[name]) < 1e-6, (cid, name, expected[name], ref)
    return {"id": cid, "queries": queries, "scores": scores, "targets": grades, "empty": empty,
            "expected": expected, "tie_sensitive": sensitive}


def ranking_cases():
    names = ["ndcg", "ndcg@3", "mrr", "mrr@2", "map", "map@3", "precision", "precision@3", "recall", "recall@3",
             "hit_rate", "hit_rate@1", "hit_rate@3", "precision@10"]
    cases = []
    for empty in ("neg", "pos", "skip"):
        for style in ("binary", "graded", "ties"):
            queries, scores, grades = [], [], []
            for q in range(7):
                m = int(rng.integers(1, 9))
                for _ in range(m):
                    queries.append(f"q{q}")
                    s = float(rng.uniform(0.01, 1.0))
                    scores.append(round(s * 4) / 4 + 0.25 if style == "ties" else s)
                    g = int(rng.integers(0, 4)) if style == "graded" else int(rng.random() < 0.35)
                    grades.append(0 if q == 2 else g)  # query q2 has no relevant item
            # Interleave the queries' rows.
            perm = rng.permutation(len(queries)).tolist()
            queries = [queries[i] for i in perm]
            scores = [scores[i] for i in perm]
            grades = [grades[i] for i in perm]
            cases.append(ranking_case(f"{style}_{empty}", queries, scores, [float(g) for g in grades], names, empty))
    cases.append(ranking_case("all_empty_skip", ["a", "a", "b"], [0.3, 0.2, 0.9], [0.0, 0.0, 0.0], names, "skip"))
    cases.append(ranking_case("empty_error", ["a", "a", "b"], [0.3, 0.2, 0.9], [1.0, 0.0, 0.0], ["mrr", "ndcg"],
                              "error"))
    cases.append(ranking_case("single_item_queries", ["a", "b", "c"], [0.3, 0.2, 0.9], [1.0, 0.0, 2.0], names,
                              "neg"))
    cases.append(ranking_case("all_tied", ["a"] * 5, [0.5] * 5, [0.0, 1.0, 0.0, 2.0, 0.0], ["ndcg", "ndcg@2"],
                              "neg"))
    return cases


def main():
    for name, cases in (("catalogue3_regression", regression_cases()), ("catalogue3_perplexity", perplexity_cases()),
                        ("catalogue3_ranking", ranking_cases())):
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(cases, f, indent=None, separators=(",", ":"))
        print(name, len(cases))


if __name__ == "__main__":
    main()
