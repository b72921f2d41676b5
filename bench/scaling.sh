#!/usr/bin/env bash
# How time and memory grow with the number of neurons n (issue 7): two
# hidden layers of equal width, D^4, 2,000 probe samples, H0+H1, 3 epochs.
#   bench/scaling.sh
set -euo pipefail
source "$(dirname "$0")/../packaging/common.sh"
netbetti_install_dependencies time
netbetti_build > /dev/null 2>&1 || netbetti_build
json=$(mktemp)
for width in 64 128 256 512 768 1024; do
  "$NETBETTI_BUILD/bench/netbetti-bench-epoch" --layers "4-$width-$width-2" --epochs 3 --no-script --json "$json"
done
echo
echo "| n | metric s | persistence s | ripser alone s | NetBetti s/epoch | peak MiB (NetBetti) | peak MiB (ripser alone) |"
echo "|---|---|---|---|---|---|---|"
/usr/bin/python3 - "$json" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(f"| {r['neurons']} | {r['metric']:.3f} | {r['persistence']:.3f} | {r['ripser_alone']:.3f} | "
          f"{r['wall']:.3f} | {r['peak_mib']:.0f} | {r['ripser_alone_mib']:.0f} |")
PY
rm -f "$json"
