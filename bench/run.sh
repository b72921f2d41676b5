#!/usr/bin/env bash
# Issue 7's benchmarks, printed as tables for the README.
#   bench/run.sh [EPOCHS]      the four reference architectures against the
#                              usual script (default 5 epochs)
#   bench/run.sh --scaling     time and memory against n = 130 ... 2,050
#                              (4-w-w-2, 3 epochs, no script)
# Needs python3-torch for the script and GNU time; installs them if missing.
set -euo pipefail
source "$(dirname "$0")/../packaging/common.sh"
netbetti_install_dependencies python3-torch time
netbetti_build > /dev/null 2>&1 || netbetti_build
json=$(mktemp)
trap 'rm -f "$json"' EXIT

bench() { # bench EPOCHS [--no-script] LAYERS...
  local epochs=$1 extra=() layers
  shift
  if [ "${1:-}" = --no-script ]; then extra=(--no-script); shift; fi
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(date -u +%F)"
  for layers in "$@"; do
    "$NETBETTI_BUILD/bench/netbetti-bench-epoch" --layers "$layers" --epochs "$epochs" --json "$json" \
      "${extra[@]}" 2> >(grep -v -e RuntimeWarning -e 'c /=' >&2)
  done
  echo
}

table() { # table COLUMN:FORMAT...  (one row per architecture, from the JSON lines)
  /usr/bin/python3 - "$json" "$@" <<'PY'
import json, sys
columns = [c.split(":") for c in sys.argv[2:]]
print("| " + " | ".join(name for name, _ in columns) + " |")
print("|" + "---|" * len(columns))
for line in open(sys.argv[1]):
    r = json.loads(line)
    r["ratio"] = r.get("script_total", float("nan")) / r["wall"]
    print("| " + " | ".join(format(r.get(name, float("nan")), fmt) for name, fmt in columns) + " |")
PY
}

if [ "${1:-}" = --scaling ]; then
  bench 3 --no-script 4-64-64-2 4-128-128-2 4-256-256-2 4-512-512-2 4-768-768-2 4-1024-1024-2
  table neurons:d metric:.3f persistence:.3f ripser_alone:.3f wall:.3f peak_mib:.0f ripser_alone_mib:.0f
else
  bench "${1:-5}" 4-64-64-2 4-128-128-2 4-128-128-128-2 4-512-512-2
  table layers:s neurons:d wall:.3f train:.3f metric:.3f persistence:.3f ripser_alone:.3f script_total:.3f ratio:.2f peak_mib:.0f
fi
