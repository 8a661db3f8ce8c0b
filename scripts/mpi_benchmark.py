#!/usr/bin/env python3
"""One side-by-side run of the distributed reduction benchmark (Docs/Performance.md).

  ~/refenv/bin/python scripts/mpi_benchmark.py [ROWS]

Builds `objectives-mpi-check` in release mode with the MPI trait, then for 2 and 4 ranks runs
  mpirun -np K objectives-mpi-check --bench ROWS        (our all-reduce and a bare MPI_Allgatherv)
  python Benchmarks/torchmetrics_sync_bench.py K ROWS   (TorchMetrics' sync over gloo)
and prints a Markdown table with the machine load (uptime) before and after.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROWS = sys.argv[1] if len(sys.argv) > 1 else "1000000"
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")


def lines(cmd):
    out = subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def main():
    subprocess.run(["swift", "build", "-c", "release", "--traits", "MPI", "--product", "objectives-mpi-check"],
                   cwd=ROOT, check=True)
    binary = os.path.join(ROOT, ".build", "release", "objectives-mpi-check")
    load_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    rows = []
    for ranks in (2, 4):
        ours = {r["workload"]: r for r in lines(
            ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np", str(ranks), binary, "--bench", ROWS])}
        theirs = {r["workload"]: r for r in lines(
            [sys.executable, os.path.join(ROOT, "Benchmarks", "torchmetrics_sync_bench.py"), str(ranks), ROWS])}
        for name, o in ours.items():
            t = theirs[name]["sync_ms"]
            rows.append((name, ranks, o["payload_bytes_per_rank"], o["reduce_ms"], o["allgatherv_ms"], t,
                         o["encode_ms"]))
    load_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"load before: {load_before}\nload after:  {load_after}\n")
    print("| workload | ranks | bytes per rank | Objectives all-reduce (ms) | bare MPI_Allgatherv (ms) "
          "| TorchMetrics sync, gloo (ms) | ours / TorchMetrics | ours / floor | encode (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, ranks, size, ours, floor, tm, enc in rows:
        print(f"| {name} | {ranks} | {size:,} | {ours:.2f} | {floor:.3f} | {tm:.1f} | {ours / tm:.3f} "
              f"| {ours / max(floor, 1e-9):.1f} | {enc:.3f} |")


if __name__ == "__main__":
    main()
