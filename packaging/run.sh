#!/usr/bin/env bash
# Installs what is missing, builds, and runs NetBetti on the built-in
# example (the D^4 ball in [0,1]^4 against a 4-64-64-2 network, 20 epochs).
# With a display it will start the GUI; without one it runs the example
# headless, one line per epoch, and says where the run folder is.
set -euo pipefail
source "$(dirname "$0")/common.sh"

netbetti_install_dependencies
netbetti_build

example="$NETBETTI_ROOT/resources/examples/d4-ball-4-64-64-2.json"
if [ -x "$NETBETTI_BUILD/app/netbetti" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec "$NETBETTI_BUILD/app/netbetti" "$@"
fi
out="${NETBETTI_RUN_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/NetBetti/runs/example-$(date +%Y%m%d-%H%M%S)}"
exec "$NETBETTI_BUILD/app/netbetti-cli" run "$example" --out "$out" "$@"
