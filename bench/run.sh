#!/usr/bin/env bash
# NetBetti against the usual script on the four reference architectures
# (issue 7): per-epoch stages, ripser alone, the GEMM peak, ratios.
#   bench/run.sh [EPOCHS]        (default 5; the README's table used 5)
# Needs python3-torch for the script; installs it if missing.
set -euo pipefail
source "$(dirname "$0")/../packaging/common.sh"
netbetti_install_dependencies python3-torch time
netbetti_build > /dev/null 2>&1 || netbetti_build
epochs=${1:-5}
json=$(mktemp)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(date -u +%F)"
for layers in 4-64-64-2 4-128-128-2 4-128-128-128-2 4-512-512-2; do
  "$NETBETTI_BUILD/bench/netbetti-bench-epoch" --layers "$layers" --epochs "$epochs" --json "$json" 2> >(grep -v -e RuntimeWarning -e 'c /=' >&2)
done
echo
echo "| net | neurons | NetBetti s/epoch | train | metric | persistence | ripser alone | script s/epoch | script ÷ NetBetti | peak MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
/usr/bin/python3 - "$json" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(f"| {r['layers']} | {r['neurons']} | {r['wall']:.3f} | {r['train']:.3f} | {r['metric']:.3f} | "
          f"{r['persistence']:.3f} | {r['ripser_alone']:.3f} | {r.get('script_total', float('nan')):.3f} | "
          f"{r.get('script_total', float('nan')) / r['wall']:.2f} | {r['peak_mib']:.0f} |")
PY
rm -f "$json"
