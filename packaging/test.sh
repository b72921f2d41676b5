#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test under ctest,
# offscreen. Exits non-zero on any failure.
#   packaging/test.sh               the whole suite
#   packaging/test.sh -R metric     extra arguments go to ctest
set -euo pipefail
source "$(dirname "$0")/common.sh"

# pandas: the data-out tests load the tables the way users do; pdftoppm
# (poppler-utils): the export tests render the PDFs they write. The package
# tests build the .deb (dpkg-dev, file) and run the validators users' desktops
# and software centres run (desktop-file-utils, appstream); the look's test
# runs a private D-Bus session bus (dbus-daemon).
netbetti_install_dependencies python3-pandas poppler-utils dpkg-dev file desktop-file-utils appstream dbus-daemon
netbetti_build
export QT_QPA_PLATFORM=offscreen
cd "$NETBETTI_BUILD"
ctest --output-on-failure --timeout 900 "$@"
