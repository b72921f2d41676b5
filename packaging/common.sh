# Shared by run.sh and test.sh: install what is missing, then build.
# Sourced, not run. Debian 12 packages only; nothing is downloaded otherwise.

NETBETTI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NETBETTI_BUILD=${NETBETTI_BUILD:-$NETBETTI_ROOT/build}

NETBETTI_PACKAGES=(
  cmake g++ make ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqcustomplot-dev libgl-dev
  libtorch-dev libeigen3-dev libhera-dev
  ripser libopenblas0-serial libblas-dev
  python3-numpy
  zlib1g-dev dataset-fashion-mnist
)

netbetti_install_dependencies() {
  local missing=() pkg
  for pkg in "${NETBETTI_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "netbetti: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}" >&2
}

# netbetti_build [extra cmake arguments...]
netbetti_build() {
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$NETBETTI_ROOT" -B "$NETBETTI_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" >&2
  cmake --build "$NETBETTI_BUILD" -j2 >&2
}
