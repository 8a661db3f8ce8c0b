#!/usr/bin/env python3
"""TorchMetrics' distributed sync of a MetricCollection over torch.distributed (gloo), timed.

  torchmetrics_sync_bench.py RANKS [ROWS]

The reference side of `objectives-mpi-check --bench` (Docs/Performance.md, "Distributed reduction"):
ten metrics per collection, ROWS scores per rank (default 1,000,000; multiclass ROWS/10 rows of 100
classes), each rank updated once, then the time of one sync of every metric of the collection
(`Metric.sync()`, the gather that `compute()` runs under DDP), slowest rank, median of 21 runs
after 3 warm-up runs. Workloads:
  binary_exact             BinaryAUROC, AveragePrecision (thresholds=None: every score kept) and
                           8 counting metrics (accuracy, F1, MCC, precision, recall, specificity,
                           ...)
  binary_streaming         the same with thresholds=200 (binned, constant memory)
  multiclass100_streaming  the multiclass equivalents, 100 classes, thresholds=100
Prints one JSON object per workload on rank 0. Needs torch and torchmetrics (~/refenv).
"""
import json
import os
import statistics
import sys
import time
import warnings

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torchmetrics import MetricCollection
from torchmetrics import classification as C

warnings.filterwarnings("ignore")


def binary(thresholds):
    return MetricCollection({
        "auroc": C.BinaryAUROC(thresholds=thresholds),
        "auprc": C.BinaryAveragePrecision(thresholds=thresholds),
        "acc": C.BinaryAccuracy(),
        "f1": C.BinaryF1Score(),
        "mcc": C.BinaryMatthewsCorrCoef(),
        "precision": C.BinaryPrecision(),
        "recall": C.BinaryRecall(),
        "specificity": C.BinarySpecificity(),
        "balanced": C.BinaryAccuracy(),  # TorchMetrics has no binary balanced accuracy; same state size
        "cohen": C.BinaryCohenKappa(),
    }, compute_groups=False)


def multiclass(classes, thresholds):
    return MetricCollection({
        "auroc": C.MulticlassAUROC(classes, thresholds=thresholds),
        "auprc": C.MulticlassAveragePrecision(classes, thresholds=thresholds),
        "acc": C.MulticlassAccuracy(classes),
        "f1": C.MulticlassF1Score(classes),
        "mcc": C.MulticlassMatthewsCorrCoef(classes),
        "precision": C.MulticlassPrecision(classes),
        "recall": C.MulticlassRecall(classes),
        "specificity": C.MulticlassSpecificity(classes),
        "kappa": C.MulticlassCohenKappa(classes),
        "confmat": C.MulticlassConfusionMatrix(classes),
    }, compute_groups=False)


def sync_once(collection):
    metrics = list(collection.values(copy_state=False))
    start = time.perf_counter()
    for m in metrics:
        m.sync(dist_sync_fn=None, should_sync=True, distributed_available=lambda: True)
    elapsed = time.perf_counter() - start
    for m in metrics:
        m.unsync()
    return elapsed


def worker(rank, size, rows, port):
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(port)
    torch.set_num_threads(1)
    dist.init_process_group("gloo", rank=rank, world_size=size)
    g = torch.Generator().manual_seed(101 + rank)
    scores = torch.rand(rows, generator=g)
    labels = (torch.rand(rows, generator=g) < 0.2 + 0.6 * scores).long()
    mc_rows = rows // 10
    mc_scores = torch.rand(mc_rows, 100, generator=g)
    mc_scores = mc_scores / mc_scores.sum(1, keepdim=True)
    mc_labels = torch.randint(0, 100, (mc_rows,), generator=g)
    workloads = [
        ("binary_exact", binary(None), scores, labels, rows),
        ("binary_streaming", binary(200), scores, labels, rows),
        ("multiclass100_streaming", multiclass(100, 100), mc_scores, mc_labels, mc_rows),
    ]
    for name, collection, x, y, n in workloads:
        collection.update(x, y)
        times = []
        for run in range(24):
            dist.barrier()
            mine = torch.tensor([sync_once(collection)], dtype=torch.float64)
            slowest = [torch.zeros(1, dtype=torch.float64) for _ in range(size)]
            dist.all_gather(slowest, mine)
            if run >= 3:
                times.append(max(float(t) for t in slowest))
        if rank == 0:
            print(json.dumps({
                "workload": name, "ranks": size, "rows_per_rank": n, "library": "torchmetrics-gloo",
                "sync_ms": statistics.median(times) * 1e3,
            }), flush=True)
    dist.destroy_process_group()


if __name__ == "__main__":
    size = int(sys.argv[1])
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    mp.spawn(worker, args=(size, rows, 29500 + os.getpid() % 1000), nprocs=size, join=True)
