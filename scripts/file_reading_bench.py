#!/usr/bin/env python3
"""The file-reading workload: `objectives evaluate` on a CSV file against `pandas.read_csv` (alone,
and followed by scikit-learn's metrics) and `polars.read_csv`, on the same files, in one session.

  ~/refenv/bin/python scripts/file_reading_bench.py [--data DIR] [--repeat R] [--no-build]

Used by scripts/run_benchmarks.py (workload `file-reading`); alone it prints the same table.

Files (written once to DIR, default /tmp/objbench/csv, with numpy's default_rng(0), float32 values
printed shortest): binary.csv (10M rows: target, score), multiclass.csv (1M rows: target,
score_0 … score_99 logits), regression.csv (10M rows: target, prediction). Every command runs as its
own process; runs are interleaved (ours, pandas, pandas + scikit-learn, polars, then again) and
each figure is the median over R rounds of wall time and of CPU time (user + system, all threads):
for ours the whole process (resource usage of the child), for Python the time from before
`read_csv` to the end (interpreter start and imports excluded). Target (issue 17): ours (exact metrics, all cores) at most half
of `pandas.read_csv` alone.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, ".build", "release", "objectives")
TARGET = 0.5  # ours / pandas.read_csv
ROWS = {"binary": 10_000_000, "multiclass": 1_000_000, "regression": 10_000_000}
CLASSES = 100

# The reference side, run in a fresh interpreter per measurement: (read only | read + metrics).
# It prints "TIMED <wall> <cpu>": the time from before read_csv to the end (imports excluded).
REFERENCE = r'''
import sys, time
task, path, library, metrics = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
import numpy as np
import pandas as pd
import polars as pl
from scipy import stats
from sklearn import metrics as m
wall, cpu = time.perf_counter(), time.process_time()
def done():
    print("TIMED", time.perf_counter() - wall, time.process_time() - cpu)
    raise SystemExit
if library == "polars":
    df = pl.read_csv(path)
    print(df.height)
    done()
df = pd.read_csv(path)
print(len(df))
if not metrics:
    done()
y = df["target"].to_numpy()
if task == "binary":
    s = df["score"].to_numpy()
    p = (s >= 0.5).astype(int)
    print(m.roc_auc_score(y, s), m.average_precision_score(y, s), m.accuracy_score(y, p),
          m.f1_score(y, p), m.matthews_corrcoef(y, p))
elif task == "multiclass":
    z = df[[f"score_{k}" for k in range(%d)]].to_numpy()
    e = np.exp(z - z.max(axis=1, keepdims=True)); prob = e / e.sum(axis=1, keepdims=True)
    p = prob.argmax(axis=1)
    print(m.roc_auc_score(y, prob, multi_class="ovr"), m.accuracy_score(y, p),
          m.f1_score(y, p, average="macro"), m.matthews_corrcoef(y, p))
else:
    x = df["prediction"].to_numpy()
    print(m.mean_squared_error(y, x), m.r2_score(y, x), stats.pearsonr(y, x)[0], stats.spearmanr(y, x)[0])
done()
''' % CLASSES


def load():
    """The load averages over 1, 5 and 15 minutes."""
    with open("/proc/loadavg") as f:
        return f.read().split()[:3]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def write_files(directory):
    import numpy as np
    import polars as pl
    os.makedirs(directory, exist_ok=True)
    rng = np.random.default_rng(0)
    for task, n in ROWS.items():
        path = os.path.join(directory, task + ".csv")
        if os.path.exists(path):
            continue
        log(f"writing {path}")
        if task == "binary":
            y = rng.integers(0, 2, n).astype(np.int8)
            s = np.clip(rng.normal(0.35 + 0.3 * y, 0.2), 0, 1).astype(np.float32)
            df = pl.DataFrame({"target": y, "score": s})
        elif task == "multiclass":
            y = rng.integers(0, CLASSES, n).astype(np.int32)
            z = rng.normal(0, 1, (n, CLASSES)).astype(np.float32)
            z[np.arange(n), y] += 1.5
            df = pl.DataFrame({"target": y, **{f"score_{k}": z[:, k] for k in range(CLASSES)}})
        else:
            y = rng.normal(0, 1, n).astype(np.float32)
            x = (y + rng.normal(0, 0.5, n)).astype(np.float32)
            df = pl.DataFrame({"target": y, "prediction": x})
        df.write_csv(path + ".tmp")
        os.replace(path + ".tmp", path)


def timed(cmd):
    """Runs cmd; returns (wall seconds, stdout)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = p.communicate()
    wall = time.perf_counter() - start
    if p.returncode != 0:
        raise SystemExit(f"FAILED: {' '.join(cmd)}\n{err}")
    return wall, out


def measure(cmd):
    """Wall and CPU time of one child (CPU from RUSAGE_CHILDREN differences)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, out = timed(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    for line in out.splitlines():  # the reference's own timing, without interpreter start and imports
        if line.startswith("TIMED "):
            wall, cpu = (float(x) for x in line.split()[1:3])
    return {"wall": wall, "cpu": cpu, "out": out.strip()}


def commands(task, path, python):
    ours = [CLI, "evaluate", "--task", task, "--format", "json"]
    if task == "multiclass":
        ours += ["--input", "logits"]
    return {
        "objectives evaluate": ours + [path],
        "pandas.read_csv": [python, "-c", REFERENCE, task, path, "pandas", "0"],
        "pandas.read_csv + scikit-learn": [python, "-c", REFERENCE, task, path, "pandas", "1"],
        "polars.read_csv": [python, "-c", REFERENCE, task, path, "polars", "0"],
    }


def run(directory, repeat, build=True, python=sys.executable):
    """Measures every task; returns JSON-ready rows."""
    write_files(directory)
    if build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "objectives"], cwd=ROOT, check=True)
    rows = []
    for task in ROWS:
        path = os.path.join(directory, task + ".csv")
        cmds = commands(task, path, python)
        samples = {name: [] for name in cmds}
        for r in range(repeat):
            for name, cmd in cmds.items():
                m = measure(cmd)
                samples[name].append(m)
                log(f"  {task} round {r + 1} {name}: wall {m['wall']:.2f} s, cpu {m['cpu']:.2f} s")
        for name, ms in samples.items():
            rows.append({"workload": "file-reading", "library": name, "task": task, "side": name,
                         "bytes": os.path.getsize(path),
                         "wall": statistics.median(m["wall"] for m in ms),
                         "cpu": statistics.median(m["cpu"] for m in ms),
                         "walls": [round(m["wall"], 3) for m in ms],
                         "out": ms[-1]["out"][:300]})
    return rows


def table(rows):
    """Markdown lines: each side's median wall and CPU time and ours / pandas.read_csv."""
    out = ["| task | file | side | wall (median) | CPU user+sys (median) | ours / it (wall) | ours / it (CPU) | target |",
           "|---|---|---|---|---|---|---|---|"]
    for task in ROWS:
        tr = [r for r in rows if r["task"] == task]
        if not tr:
            continue
        ours = next(r for r in tr if r["side"] == "objectives evaluate")
        for r in tr:
            ratio_w = ours["wall"] / r["wall"] if r is not ours else None
            ratio_c = ours["cpu"] / r["cpu"] if r is not ours else None
            target = ""
            if r["side"] == "pandas.read_csv":
                met = ratio_w <= TARGET
                target = f"≤ {TARGET} (wall): {'yes' if met else '**NO**'}"
            out.append(f"| {task} | {r['bytes'] / 1e6:.0f} MB | {r['side']} | {r['wall']:.2f} s | {r['cpu']:.2f} s | "
                       + (f"{ratio_w:.2f} | {ratio_c:.2f}" if ratio_w else "— | —") + f" | {target} |")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="/tmp/objbench/csv")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--tasks", nargs="*", default=list(ROWS))
    args = ap.parse_args()
    for t in list(ROWS):
        if t not in args.tasks:
            del ROWS[t]
    load_before = load()
    rows = run(args.data, args.repeat, build=not args.no_build)
    load_after = load()
    print(f"Load average before / after: {' '.join(load_before)} / {' '.join(load_after)}")
    print("\n".join(table(rows)))
    for r in rows:
        print(json.dumps(r))


if __name__ == "__main__":
    main()
