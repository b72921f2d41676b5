#!/usr/bin/env bash
# Issue 14's benchmark: NetBetti's engine against Debian's ripser, whole
# processes side by side on the same matrices, medians of repeated runs.
#   bench/engine.sh            the three reference cases and both scaling curves
#   bench/engine.sh --quick    the reference cases only
# Matrices: neuron spaces of 4-w-w-2 nets after 3 epochs (netbetti-cli run),
# reduced to their live neurons (cone points and duplicates removed, as both
# engines see them in NetBetti), saved as .npy (netbetti-bench-engine) and
# DIPHA (ripser). Times are wall-clock seconds of each process, memory its
# peak resident set (GNU time).
set -euo pipefail
source "$(dirname "$0")/../packaging/common.sh"
netbetti_install_dependencies time ripser
cmake --build "$NETBETTI_BUILD" --target netbetti-cli netbetti-bench-engine > /dev/null
cli=$NETBETTI_BUILD/app/netbetti-cli
engine=$NETBETTI_BUILD/bench/netbetti-bench-engine
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

matrix() { # matrix WIDTH -> prints the epoch-3 distance matrix of 4-WIDTH-WIDTH-2
  local w=$1 spec=$work/spec-$1.json
  if [ ! -f "$work/run-$w/epochs/0003/distance.npy" ]; then
    /usr/bin/python3 - "$NETBETTI_ROOT/resources/examples/d4-ball-4-512-512-2.json" "$w" > "$spec" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
w = int(sys.argv[2])
spec["model"]["layers"] = [4, w, w, 2]
spec["name"] = "4-%d-%d-2" % (w, w)
print(json.dumps(spec))
PY
    NETBETTI_ANALYSIS_THREADS=1 "$cli" run "$spec" --out "$work/run-$w" --epochs 3 > /dev/null 2>&1
  fi
  echo "$work/run-$w/epochs/0003/distance.npy"
}

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

measure() { # measure RUNS COMMAND... -> "seconds megabytes" (medians)
  local runs=$1 i
  shift
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
    cat "$work/time"
  done > "$work/times"
  echo "$(cut -d' ' -f1 "$work/times" | median) $(cut -d' ' -f2 "$work/times" | median | awk '{printf "%.0f", $1 / 1024}')"
}

row() { # row LABEL MATRIX POINTS DIM OURS_RUNS RIPSER_RUNS
  local label=$1 m=$2 points=$3 dim=$4 base=$work/case
  "$engine" "$m" --points "$points" --save "$base" > "$work/saved"
  local n
  n=$(awk '{print $(NF - 1)}' "$work/saved")
  local estimate
  estimate=$("$engine" "$base.npy" --max-dim "$dim" --estimate)
  read -r ours ours_mb < <(measure "$5" "$engine" "$base.npy" --max-dim "$dim")
  read -r theirs theirs_mb < <(measure "$6" ripser --format dipha --dim "$dim" "$base.dipha")
  printf "| %s | %s | H0..H%s | %.2f | %.2f | %.1fx | %s (est. %s) | %s |\n" "$label" "$n" "$dim" "$ours" "$theirs" \
    "$(awk -v a="$theirs" -v b="$ours" 'BEGIN {print a / b}')" "$ours_mb" "$estimate" "$theirs_mb"
}

header() {
  echo "| case | live points | dims | netbetti s | ripser s | speed-up | netbetti MB | ripser MB |"
  echo "|---|---|---|---|---|---|---|---|"
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem/ {print $2}') GiB, load $(cut -d' ' -f1 /proc/loadavg), $(date -u +%F)"
echo "ripser: Debian $(dpkg-query -W -f '${Version}' ripser 2>/dev/null || echo '?'); netbetti: $(git -C "$NETBETTI_ROOT" rev-parse --short HEAD)"
echo
m512=$(matrix 512)
header
row "4-512-512-2, epoch 3" "$m512" 100000 1 5 5
row "350 of its live neurons" "$m512" 350 2 3 3
row "4-512-512-2, epoch 3, H2" "$m512" 100000 2 3 1
[ "${1:-}" = --quick ] && exit 0

echo
echo "H1 against n (4-w-w-2, epoch 3; n = all neurons, live points in the table):"
header
for w in 64 128 256 512 1024; do
  row "4-$w-$w-2 (n = $((2 * w + 2)))" "$(matrix "$w")" 100000 1 3 $([ "$w" -ge 1024 ] && echo 1 || echo 3)
done

echo
echo "H2 against n (the first n live neurons of 4-1024-1024-2, epoch 3):"
header
m1024=$(matrix 1024)
for n in 100 200 350 500 700; do
  row "n = $n" "$m1024" "$n" 2 3 $([ "$n" -ge 500 ] && echo 1 || echo 3)
done
