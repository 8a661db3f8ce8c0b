#!/usr/bin/env python3
"""Every family of issue 13 (parts A and B) beside TorchMetrics on CPU, on the same data in memory.

    swift build -c release --package-path Benchmarks
    ~/refenv/bin/python scripts/bench_catalogue3.py [DIR]

Writes the data as raw little-endian float64 / int64 files DIR/c3_* (and DIR/c3_sizes.txt), runs
`objectives-bench DIR catalogue` (the library on arrays in memory, release build) and times
TorchMetrics' update + compute on float64 tensors of the same values, in the same batches, with one
thread. Both sides report the CPU time of their process (median of 3 runs); the load average
(`uptime`) is printed before and after. Prints a Markdown table for Docs/Performance.md and checks
that both libraries computed the same values.

Families: sets (jaccard, dice, mean_iou), agreement (kappa_linear, kappa_quadratic), calibration
(ece, mce; 15 bins) on N = 200,000 x C = 10 probabilities; operating points (recall at precision 0.8,
sensitivity at specificity 0.9, partial AUROC 0.25) on N = 1,000,000 binary scores; perplexity on
100,000 tokens x V = 50 logits (10 % ignored); the element-wise regression metrics (msle, log_cosh,
smape, wmape, tweedie_deviance=1.5, ccc, nrmse) on N = 1,000,000; Kendall on N = 20,000 (TorchMetrics'
`KendallRankCorrCoef` counts pairs in O(n^2)); KL and JS on 200,000 rows of 10; ranking (ndcg@10, mrr,
map, precision@10, recall@10, hit_rate@10) on 10,000 queries x 100 items.
"""
import json
import os
import subprocess
import sys
import time

import numpy as np
import torch
import torchmetrics.classification as tmc
import torchmetrics.regression as tmr
import torchmetrics.retrieval as tmrt
from torchmetrics.text import Perplexity

ROOT = os.path.join(os.path.dirname(__file__), "..")
EXE = os.path.join(ROOT, "Benchmarks", ".build", "release", "objectives-bench")
D = sys.argv[1] if len(sys.argv) > 1 else "/tmp/objbench-cat3"
NB, NM, C = 1_000_000, 200_000, 10
NT, V = 100_000, 50
NR, NK, ND, K = 1_000_000, 20_000, 200_000, 10
NQ, PER = 10_000, 100
torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def write(name, array):
    np.ascontiguousarray(array).tofile(os.path.join(D, name))


def data():
    r = np.random.default_rng(0)
    os.makedirs(D, exist_ok=True)
    bt = (r.random(NB) < 0.3).astype(np.int64)
    bs = np.clip(r.normal(0.35 + 0.3 * bt, 0.2), 0, 1)
    mt = r.integers(0, C, NM)
    z = r.normal(0, 1, (NM, C))
    z[np.arange(NM), mt] += 1.5
    mp = np.exp(z) / np.exp(z).sum(1, keepdims=True)
    logits = r.normal(0, 2, (NT, V))
    tokens = r.integers(0, V, NT)
    tokens[r.random(NT) < 0.1] = -100
    ry = r.gamma(2.0, 1.5, NR)
    rp = np.abs(ry + r.normal(0, 0.8, NR)) + 0.05
    dp = r.dirichlet(np.ones(K), ND)
    dt = r.dirichlet(np.ones(K), ND)
    rq = np.repeat(np.arange(NQ), PER)
    rs = r.random(NQ * PER)
    rg = np.where(r.random(NQ * PER) < 0.1, r.integers(1, 4, NQ * PER), 0).astype(np.float64)
    perm = r.permutation(NQ * PER)
    rq, rs, rg = rq[perm], rs[perm], rg[perm]
    for name, a in [("binary_scores.f64", bs), ("binary_targets.i64", bt), ("mc_probs.f64", mp),
                    ("mc_targets.i64", mt), ("ppl_logits.f64", logits), ("ppl_targets.i64", tokens),
                    ("reg_pred.f64", rp), ("reg_target.f64", ry), ("dist_pred.f64", dp), ("dist_target.f64", dt),
                    ("rank_scores.f64", rs), ("rank_grades.f64", rg), ("rank_queries.i64", rq)]:
        write("c3_" + name, a.astype(np.int64 if name.endswith("i64") else np.float64))
    with open(os.path.join(D, "c3_sizes.txt"), "w") as f:
        for k, v in [("binary", NB), ("multiclass", NM), ("classes", C), ("tokens", NT), ("vocabulary", V),
                     ("regression", NR), ("kendall", NK), ("distributions", ND), ("outputs", K),
                     ("items", NQ * PER)]:
            f.write(f"{k} {v}\n")
    T = torch.tensor
    return {"bs": T(bs), "bt": T(bt), "mp": T(mp), "mt": T(mt), "logits": T(logits).reshape(NT, 1, V),
            "tokens": T(tokens).reshape(NT, 1), "rp": T(rp), "ry": T(ry), "dp": T(dp), "dt": T(dt),
            "rq": T(rq), "rs": T(rs), "rg": T(rg)}


def cpu(f, runs=3):
    ts, out = [], None
    for _ in range(runs):
        t0 = time.process_time()
        out = f()
        ts.append(time.process_time() - t0)
    return sorted(ts)[len(ts) // 2], out


def torch_family(metrics, batch, n, args):
    def run():
        values = []
        for m in metrics:
            m.reset()
            for i in range(0, n, batch):
                m.update(*[a[i:i + batch] for a in args(m)])
            values.append(m.compute())
        return values
    return cpu(run)


def main():
    x = data()
    clf = lambda m: (x["mp"], x["mt"])  # noqa: E731
    families = [
        ("sets: `jaccard`, `dice`, `mean_iou` (multiclass, 200,000 × 10)", "sets",
         [tmc.MulticlassJaccardIndex(C, average="macro"), tmc.MulticlassF1Score(C, average="macro")],
         10_000, NM, clf),
        ("agreement: `kappa_linear`, `kappa_quadratic` (multiclass)", "agreement",
         [tmc.MulticlassCohenKappa(C, weights="linear"), tmc.MulticlassCohenKappa(C, weights="quadratic")],
         10_000, NM, clf),
        ("calibration: `ece`, `mce` (multiclass, 15 bins)", "calibration",
         [tmc.MulticlassCalibrationError(C, n_bins=15, norm="l1"),
          tmc.MulticlassCalibrationError(C, n_bins=15, norm="max")], 10_000, NM, clf),
        ("operating points: `recall_at_precision=0.8`, `sensitivity_at_specificity=0.9`, `auroc_max_fpr=0.25` "
         "(binary, 1,000,000)", "operating_points",
         [tmc.BinaryRecallAtFixedPrecision(0.8), tmc.BinarySensitivityAtSpecificity(0.9),
          tmc.BinaryAUROC(max_fpr=0.25)], 100_000, NB, lambda m: (x["bs"], x["bt"])),
        ("perplexity (100,000 tokens × 50 logits, 10 % ignored)", "perplexity", [Perplexity(ignore_index=-100)],
         10_000, NT, lambda m: (x["logits"], x["tokens"])),
        ("regression: `msle`, `log_cosh`, `smape`, `wmape`, `tweedie_deviance=1.5`, `ccc`, `nrmse` (1,000,000)",
         "regression",
         [tmr.MeanSquaredLogError(), tmr.LogCoshError(), tmr.SymmetricMeanAbsolutePercentageError(),
          tmr.WeightedMeanAbsolutePercentageError(), tmr.TweedieDevianceScore(power=1.5),
          tmr.ConcordanceCorrCoef(), tmr.NormalizedRootMeanSquaredError()], 100_000, NR,
         lambda m: (x["rp"], x["ry"])),
        ("regression: `kendall` (τ-b, 20,000)", "kendall", [tmr.KendallRankCorrCoef()], 100_000, NK,
         lambda m: (x["rp"][:NK], x["ry"][:NK])),
        ("regression: `kl_divergence`, `js_divergence` (200,000 rows × 10)", "divergences",
         [tmr.KLDivergence(), tmr.JensenShannonDivergence()], 10_000, ND, lambda m: (x["dt"], x["dp"])),
        ("ranking: `ndcg@10`, `mrr`, `map`, `precision@10`, `recall@10`, `hit_rate@10` (10,000 queries × 100)",
         "ranking",
         [tmrt.RetrievalNormalizedDCG(top_k=10), tmrt.RetrievalMRR(), tmrt.RetrievalMAP(),
          tmrt.RetrievalPrecision(top_k=10), tmrt.RetrievalRecall(top_k=10), tmrt.RetrievalHitRate(top_k=10)],
         100_000, NQ * PER,
         lambda m: (x["rs"], x["rg"] if isinstance(m, tmrt.RetrievalNormalizedDCG) else (x["rg"] > 0).long(),
                    x["rq"])),
    ]
    load_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    ours = {}
    out = subprocess.run([EXE, D, "catalogue", "--repeat", "3"], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        j = json.loads(line)
        ours[j["workload"].split("/", 1)[1]] = j
    print(f"load before: {load_before}")
    print("| family | Objectives (CPU s) | TorchMetrics (CPU s) | ratio |")
    print("|---|---|---|---|")
    checks = []
    for label, key, metrics, batch, n, args in families:
        ref, values = torch_family(metrics, batch, n, args)
        mine = ours[key]
        ref_values = [round(float(v[0] if isinstance(v, tuple) else v), 6) for v in values]
        our_values = {k: round(v, 6) for k, v in mine["values"].items()}
        print(f"| {label} | {mine['seconds']:.3f} | {ref:.3f} | {mine['seconds'] / ref:.2f} |")
        checks.append(f"{key}: Objectives {our_values}; TorchMetrics {ref_values}")
    print("\n".join(checks))
    if "kendall_full" in ours:
        print(f"(kendall on all {NR:,} rows, Objectives only: {ours['kendall_full']['seconds']:.3f} s CPU)")
    print(f"load after: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")


if __name__ == "__main__":
    main()
