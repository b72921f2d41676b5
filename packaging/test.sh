#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test under ctest,
# offscreen. Exits non-zero on any failure.
#   packaging/test.sh               the whole suite
#   packaging/test.sh -R metric     extra arguments go to ctest
#   packaging/test.sh --sanitize    the same under AddressSanitizer and UBSan,
#                                   built in build-sanitize
set -euo pipefail
source "$(dirname "$0")/common.sh"

sanitize=()
if [ "${1:-}" = "--sanitize" ]; then
  shift
  # Every object changes under the sanitizers: a build folder of its own.
  NETBETTI_BUILD=$NETBETTI_ROOT/build-sanitize
  sanitize=(-DNETBETTI_SANITIZE=ON -DNETBETTI_BUILD_BENCH=OFF)
  # LibTorch and Qt keep allocations alive until exit, by design: leak
  # reports would be theirs. Any UBSan finding fails the test it is in.
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
fi

# pandas: the data-out tests load the tables the way users do; pdftoppm
# (poppler-utils): the export tests render the PDFs they write. The package
# tests build the .deb (dpkg-dev, file) and run the validators users' desktops
# and software centres run (desktop-file-utils, appstream); the look's test
# runs a private D-Bus session bus (dbus-daemon); the sweep's Slurm test starts
# a one-node cluster (munge, slurmctld, slurmd, and slurm-client's sbatch).
netbetti_install_dependencies python3-pandas poppler-utils dpkg-dev file desktop-file-utils appstream dbus-daemon \
  munge slurmctld slurmd slurm-client
netbetti_build "${sanitize[@]}"
export QT_QPA_PLATFORM=offscreen
cd "$NETBETTI_BUILD"
ctest --output-on-failure --timeout 900 --parallel "$(nproc)" "$@"
