#!/usr/bin/env bash
# Screenshot of the real window mid-run, under Xvfb: the README's picture.
#   packaging/screenshot.sh [SPEC.json] [OUT.png] [SECONDS]
set -euo pipefail
source "$(dirname "$0")/common.sh"
netbetti_install_dependencies xvfb xauth imagemagick
spec=${1:-$NETBETTI_ROOT/resources/examples/d4-ball-4-512-512-2.json}
out=${2:-$NETBETTI_ROOT/docs/netbetti-mid-run.png}
wait_s=${3:-12}
mkdir -p "$(dirname "$out")"
export NETBETTI_RUNS_DIR=${NETBETTI_RUNS_DIR:-$(mktemp -d)}
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  "$0" --spec "$1" --train -qwindowgeometry 1600x1000+0+0 & app=$!
  sleep "$3"
  import -window root "$2"
  kill $app; wait $app || true
' "$NETBETTI_BUILD/app/netbetti" "$spec" "$out" "$wait_s"
echo "$out"
