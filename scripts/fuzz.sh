#!/usr/bin/env bash
# Runs the libFuzzer targets of the Fuzz/ package (see Docs/Fuzzing.md).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]   TARGET: formula, csv, state or all
#   scripts/fuzz.sh seeds                                 rewrites Fuzz/Corpus/state/seed-* from real states
#
# Builds Fuzz/ in release mode with the fuzzer and address sanitizers, then runs each target for
# SECONDS on a scratch copy of its committed corpus (Fuzz/Corpus/TARGET) plus what it finds. A crash,
# a leak or a broken oracle stops the run with the failing input saved as Fuzz/Crashes/TARGET-*, and
# the script exits non-zero. New inputs that add coverage are not committed automatically: merge
# them with `-merge=1` when they are worth keeping.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/fuzz.sh formula|csv|state|all SECONDS [libFuzzer options…] | seeds" >&2; exit 2; }
[[ $# -ge 1 ]] || usage

build() {
  swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
  swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    --show-bin-path
}

executable() {
  case $1 in
    formula) echo FormulaFuzzer ;;
    csv) echo CSVFuzzer ;;
    state) echo StateFuzzer ;;
    *) usage ;;
  esac
}

if [[ $1 == seeds ]]; then
  bin=$(build)
  mkdir -p Fuzz/Corpus/state
  OBJECTIVES_FUZZ_SEEDS=Fuzz/Corpus/state "$bin/StateFuzzer"
  ls Fuzz/Corpus/state | wc -l | sed 's/$/ state seeds/'
  exit 0
fi

[[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || usage
target=$1
seconds=$2
shift 2
if [[ $target == all ]]; then targets=(formula csv state); else executable "$target" > /dev/null; targets=("$target"); fi

bin=$(build)
mkdir -p Fuzz/Crashes
status=0
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  cp -R "Fuzz/Corpus/$t/." "$work/"
  echo "== fuzz $t for $seconds s ($(ls "$work" | wc -l) seeds)"
  # -max_len: formulas are limited to 10,000 characters; CSV and states stay small to go fast.
  if ! "$bin/$(executable "$t")" "$work" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="Fuzz/Crashes/$t-" "$@" 2> "$work.log"; then
    tail -n 60 "$work.log"
    echo "fuzz $t: FAILED (the input is in Fuzz/Crashes/)"
    status=1
  else
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|cov: ' "$work.log" | tail -n 4
    echo "fuzz $t: no failure in $seconds s, $(ls "$work" | wc -l) inputs in the corpus"
  fi
  rm -rf "$work" "$work.log"
done
exit $status
