#!/usr/bin/env bash
# Builds NetBetti and makes its Debian package with CPack; prints the path
# of the .deb (in build/deb/). Install it with
#   sudo apt install ./build/deb/netbetti_VERSION_ARCH.deb
set -euo pipefail
source "$(dirname "$0")/common.sh"

# dpkg-shlibdeps (dpkg-dev) computes Depends; CPack finds executables with file.
netbetti_install_dependencies dpkg-dev file
netbetti_build
out="$NETBETTI_BUILD/deb"
rm -f "$out"/*.deb
(cd "$NETBETTI_BUILD" && cpack -G DEB -B "$out" >&2)
ls "$out"/*.deb
