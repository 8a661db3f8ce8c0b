#!/usr/bin/env python3
"""A small benchmark of the catalogue's second part (issue 13 A) beside TorchMetrics on CPU.

    swift build -c release --product objectives
    ~/refenv/bin/python scripts/bench_catalogue2.py [DIR]

Writes DIR/binary.csv (N = 1,000,000: target, score) and DIR/multiclass.csv (N = 200,000 x C = 10
probabilities), then times, per family, TorchMetrics' update + compute on float32 tensors (data in
memory) and `objectives evaluate` (release build) on the CSV. The command's time includes reading
and parsing the CSV; the time of `--metrics acc` on the same file is printed as the parsing
baseline, and the ratio is given both ways (whole command, and command minus baseline). Median of
3 runs; the load average (`uptime`) is printed with the results.
"""
import os
import subprocess
import sys
import time

import numpy as np
import torch
import torchmetrics.classification as tmc

ROOT = os.path.join(os.path.dirname(__file__), "..")
EXE = os.path.join(ROOT, ".build", "release", "objectives")
D = sys.argv[1] if len(sys.argv) > 1 else "/tmp/objbench-cat2"
NB, NM, C = 1_000_000, 200_000, 10
torch.set_num_threads(1)


def data():
    r = np.random.default_rng(0)
    t = (r.random(NB) < 0.3).astype(np.int64)
    s = np.clip(r.normal(0.35 + 0.3 * t, 0.2), 0, 1).astype(np.float32)
    y = r.integers(0, C, NM)
    z = r.normal(0, 1, (NM, C)).astype(np.float32)
    z[np.arange(NM), y] += 1.5
    p = np.exp(z) / np.exp(z).sum(1, keepdims=True)
    os.makedirs(D, exist_ok=True)
    if not os.path.exists(os.path.join(D, "multiclass.csv")):
        with open(os.path.join(D, "binary.csv"), "w") as f:
            f.write("target,score\n")
            f.writelines(f"{a},{b!r}\n" for a, b in zip(t.tolist(), s.astype(float).tolist()))
        with open(os.path.join(D, "multiclass.csv"), "w") as f:
            f.write("target," + ",".join(f"score_{j}" for j in range(C)) + "\n")
            for a, row in zip(y.tolist(), p.astype(np.float32).astype(float).tolist()):
                f.write(f"{a}," + ",".join(repr(v) for v in row) + "\n")
    return torch.tensor(s), torch.tensor(t), torch.tensor(p.astype(np.float32)), torch.tensor(y)


def median(f, runs=3):
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return sorted(ts)[len(ts) // 2]


def torch_time(metric, preds, target, batch):
    def run():
        metric.reset()
        for i in range(0, len(target), batch):
            metric.update(preds[i:i + batch], target[i:i + batch])
        metric.compute()
    return median(run)


def command_time(task, metrics, csv):
    args = [EXE, "evaluate", "--task", task, "--metrics", metrics, os.path.join(D, csv)]
    if task == "multiclass":
        args[4:4] = ["--classes", str(C)]
    return median(lambda: subprocess.run(args, check=True, capture_output=True))


def main():
    s, t, p, y = data()
    families = [
        ("sets: jaccard, dice, mean_iou (multiclass)", "multiclass", "jaccard,dice,mean_iou", "multiclass.csv",
         [tmc.MulticlassJaccardIndex(C, average="macro"), tmc.MulticlassF1Score(C, average="macro")], p, y, 10_000),
        ("agreement: kappa_linear, kappa_quadratic (multiclass)", "multiclass", "kappa_linear,kappa_quadratic",
         "multiclass.csv", [tmc.MulticlassCohenKappa(C, weights="linear"),
                            tmc.MulticlassCohenKappa(C, weights="quadratic")], p, y, 10_000),
        ("calibration: ece, mce (multiclass, 15 bins)", "multiclass", "ece,mce", "multiclass.csv",
         [tmc.MulticlassCalibrationError(C, n_bins=15, norm="l1"),
          tmc.MulticlassCalibrationError(C, n_bins=15, norm="max")], p, y, 10_000),
        ("operating points: recall_at_precision, sensitivity_at_specificity, auroc_max_fpr (binary)", "binary",
         "recall_at_precision=0.8,sensitivity_at_specificity=0.9,auroc_max_fpr=0.25", "binary.csv",
         [tmc.BinaryRecallAtFixedPrecision(0.8), tmc.BinarySensitivityAtSpecificity(0.9),
          tmc.BinaryAUROC(max_fpr=0.25)], s, t, 100_000),
    ]
    base = {"multiclass.csv": command_time("multiclass", "acc", "multiclass.csv"),
            "binary.csv": command_time("binary", "acc", "binary.csv")}
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"load before: {load}")
    print("| family | Objectives (command, incl. CSV) | CSV baseline (`acc`) | TorchMetrics (tensors in memory) "
          "| ratio (command) | ratio (minus baseline) |")
    print("|---|---|---|---|---|---|")
    for label, task, names, csv, metrics, preds, target, batch in families:
        ours = command_time(task, names, csv)
        ref = sum(torch_time(m, preds, target, batch) for m in metrics)
        extra = max(ours - base[csv], 0.0)
        print(f"| {label} | {ours:.3f} s | {base[csv]:.3f} s | {ref:.3f} s | {ours / ref:.3f} | {extra / ref:.3f} |")
    print(f"load after: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")


if __name__ == "__main__":
    main()
