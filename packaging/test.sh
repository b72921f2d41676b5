#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test under ctest,
# offscreen. Exits non-zero on any failure.
#   packaging/test.sh               the whole suite
#   packaging/test.sh -R metric     extra arguments go to ctest
set -euo pipefail
source "$(dirname "$0")/common.sh"

# pandas: the data-out tests load the tables the way users do; pdftoppm
# (poppler-utils): the export tests render the PDFs they write.
netbetti_install_dependencies python3-pandas poppler-utils
netbetti_build
export QT_QPA_PLATFORM=offscreen
cd "$NETBETTI_BUILD"
ctest --output-on-failure --timeout 900 "$@"
