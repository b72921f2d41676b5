#!/usr/bin/env bash
# How long netbetti-cli's commands take from exec to exit, on small inputs,
# so that what is measured is start-up: medians of 15 runs, in seconds, as a
# table for the README. netbetti-train (the program that links LibTorch and
# that `run` is handed to) is timed beside it for the difference.
#   bench/startup.sh [RUNS]
set -euo pipefail
source "$(dirname "$0")/../packaging/common.sh"
netbetti_build > /dev/null 2>&1 || netbetti_build
runs=${1:-15}
cli=$NETBETTI_BUILD/app/netbetti-cli
trainer=$NETBETTI_BUILD/app/netbetti-train
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A small run to read: 4-8-8-2 on D⁴, 2 epochs.
cat > "$work/spec.json" <<'JSON'
{"dataset": {"samples": 200}, "model": {"layers": [4, 8, 8, 2]}, "training": {"epochs": 2}}
JSON
"$cli" run "$work/spec.json" --out "$work/run" > /dev/null 2>&1
matrix=$NETBETTI_ROOT/tests/fixtures/neurons-134.npy

median() { # median COMMAND...: seconds from start to exit, median of $runs
  local i start times=()
  for ((i = 0; i < runs; i++)); do
    start=$EPOCHREALTIME
    "$@" > /dev/null 2>&1
    times+=("$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.4f", b - a}')")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

row() { # row LABEL COMMAND...
  printf '| %s | %s |\n' "$1" "$(median "${@:2}")"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(date -u +%F); medians of $runs runs"
echo "| command | seconds |"
echo "|---|---|"
row "netbetti-cli --version" "$cli" --version
row "netbetti-cli homology (134 points, H0+H1)" "$cli" homology "$matrix" --out "$work/d.csv"
row "netbetti-cli summary (2 epochs)" "$cli" summary "$work/run" --out "$work/tables"
row "netbetti-cli compare (2 epochs)" "$cli" compare "$work/run" "$work/run" --out "$work/c.csv"
row "netbetti-cli export (barcode, PNG 96 dpi)" "$cli" export "$work/run" --figure barcode --dpi 96 --out "$work/b.png"
row "netbetti-cli run --help (handed to netbetti-train)" "$cli" run --help
row "netbetti-train --version (loads LibTorch)" "$trainer" --version
