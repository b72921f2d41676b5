#!/usr/bin/env bash
# The Debian package, checked the way a user's system sees it.
#   package-test.sh build    BUILD_DIR   cpack -G DEB into BUILD_DIR/package-test (a ctest fixture)
#   package-test.sh CHECK    BUILD_DIR   one check of that package:
#     desktop    desktop-file-validate passes on the packaged .desktop file
#     metainfo   appstreamcli validate --no-net passes on the packaged metainfo
#     contents   dpkg-deb -c lists the install layout, and nothing else
#     depends    Depends names the package of every library the executables
#                link (readelf NEEDED, resolved by ldd, owned per dpkg -S),
#                and names nothing else but the programs run at run time;
#                Recommends names the Fashion-MNIST data package
#     version    every executable's --version, without a display, and the
#                metainfo's release say the package's version
#     lean       netbetti-cli loads no LibTorch (ldd, transitively), and
#                hands `run` over to the packaged netbetti-train
# Exit 0 pass, 1 fail, 77 skipped because a validator is not installed.
set -euo pipefail

check=$1
build=$(cd "$2" && pwd)
work="$build/package-test"
app_id=io.github.netbetti.NetBetti
# Run, not linked: executed as child processes or loaded by LibTorch.
run_time_packages="ripser libopenblas0-serial"

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
need() { command -v "$1" >/dev/null || skip "$1 is not installed (Debian package $2)"; }

the_deb() {
  local debs=("$work"/*.deb)
  [ -f "${debs[0]}" ] || fail "no .deb in $work: the package_build test did not make one"
  echo "${debs[0]}"
}

case $check in
build)
  need dpkg-shlibdeps dpkg-dev
  need dpkg-deb dpkg
  rm -rf "$work"
  mkdir -p "$work"
  start=$EPOCHREALTIME
  (cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
  deb=$(the_deb)
  dpkg-deb -x "$deb" "$work/root"
  echo "$(basename "$deb"): $(stat -c %s "$deb") bytes, made in $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}') s"
  dpkg-deb -f "$deb" Package Version Depends Recommends
  ;;

desktop)
  need desktop-file-validate desktop-file-utils
  file="$work/root/usr/share/applications/$app_id.desktop"
  [ -f "$file" ] || fail "$file is not in the package"
  desktop-file-validate "$file" || fail "desktop-file-validate rejects $file"
  grep -qx "Icon=$app_id" "$file" || fail "$file: Icon is not $app_id"
  echo "desktop-file-validate: $file passes"
  ;;

metainfo)
  need appstreamcli appstream
  file="$work/root/usr/share/metainfo/$app_id.metainfo.xml"
  [ -f "$file" ] || fail "$file is not in the package"
  appstreamcli validate --no-net "$file" || fail "appstreamcli rejects $file"
  grep -q "<id>$app_id</id>" "$file" || fail "$file: the component id is not $app_id"
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$file" \
    || fail "$file does not launch $app_id.desktop"
  ;;

contents)
  need dpkg-deb dpkg
  deb=$(the_deb)
  source_dir=$(cd "$(dirname "$0")/../.." && pwd)
  listing=$(dpkg-deb -c "$deb" | awk '{print $NF}' | grep -v '/$' | sed 's|^\./||')
  expected=(
    usr/bin/netbetti
    usr/bin/netbetti-cli
    usr/libexec/netbetti/netbetti-train
    "usr/share/applications/$app_id.desktop"
    "usr/share/metainfo/$app_id.metainfo.xml"
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    "usr/share/icons/hicolor/48x48/apps/$app_id.png"
    "usr/share/icons/hicolor/128x128/apps/$app_id.png"
    "usr/share/icons/hicolor/256x256/apps/$app_id.png"
    usr/share/doc/netbetti/README.md
    usr/share/doc/netbetti/copyright
  )
  for example in "$source_dir"/resources/examples/*.json; do
    expected+=("usr/share/netbetti/examples/$(basename "$example")")
  done
  for path in "${expected[@]}"; do
    grep -qxF "$path" <<<"$listing" || fail "$path is not in the package"
  done
  # Nothing more: no test program, static library or header leaks in.
  extra=$(grep -vxF -f <(printf '%s\n' "${expected[@]}") <<<"$listing" || true)
  [ -z "$extra" ] || fail "the package holds files the layout does not promise: $extra"
  for size in 48 128 256; do
    png="$work/root/usr/share/icons/hicolor/${size}x$size/apps/$app_id.png"
    file "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a $size×$size PNG: $(file -b "$png")"
  done
  for exe in bin/netbetti bin/netbetti-cli libexec/netbetti/netbetti-train; do
    [ -x "$work/root/usr/$exe" ] || fail "usr/$exe is not executable"
  done
  echo "dpkg-deb -c: $(wc -l <<<"$listing") files, ${#expected[@]} promised, all there"
  ;;

depends)
  need dpkg-deb dpkg
  need readelf binutils
  deb=$(the_deb)
  depends=$(dpkg-deb -f "$deb" Depends)
  # "a (>= 1), b | c" -> a b c
  names=$(tr ',|' '\n\n' <<<"$depends" | sed 's/(.*)//; s/[[:space:]]//g' | grep -v '^$' | sort -u)
  linked=()
  for exe in bin/netbetti bin/netbetti-cli libexec/netbetti/netbetti-train; do
    binary="$work/root/usr/$exe"
    libs=$(ldd "$binary")
    for soname in $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
      # "libx.so.1 => /path/libx.so.1 (0x...)", or the loader's "/lib64/ld-linux-x86-64.so.2 (0x...)"
      path=$(awk -v so="$soname" '$1 == so && $2 == "=>" {print $3} $1 ~ "/" so "$" {print $1}' <<<"$libs")
      [ -n "$path" ] && [ "$path" != "not" ] || fail "$exe links $soname, which ldd does not find"
      # Merged /usr: dpkg knows a library under one of its two names.
      owner=""
      for candidate in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr$path"; do
        owner=$(dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$owner" ] && break
      done
      [ -n "$owner" ] || fail "$exe links $path, which no installed package owns"
      grep -qxF "$owner" <<<"$names" || fail "$exe links $soname from $owner, which Depends does not name: $depends"
      linked+=("$owner")
      # ... and what it provides (libopenblas0-serial provides libblas.so.3)
      for provided in $(dpkg-query -W -f='${Provides}' "$owner" | tr ',' '\n' | sed 's/(.*)//; s/[[:space:]]//g'); do
        linked+=("$provided")
      done
    done
  done
  # Each clause ("a (>= 1)" or "a | b", as dpkg-shlibdeps writes a library
  # that alternatives provide, e.g. "libblas3 | libblas.so.3") must be needed:
  # one of its packages linked or run.
  while read -r clause; do
    needed=""
    for name in $(tr '|' '\n' <<<"$clause" | sed 's/(.*)//; s/[[:space:]]//g' | grep -v '^$'); do
      grep -qxF "$name" < <(printf '%s\n' "${linked[@]}" $run_time_packages) && needed=$name
    done
    [ -n "$needed" ] || fail "Depends names $clause, which neither executable links nor runs"
  done < <(tr ',' '\n' <<<"$depends" | sed 's/^[[:space:]]*//' | grep -v '^$')
  # The data of the "fashion-mnist" kind: recommended, not required.
  recommends=$(dpkg-deb -f "$deb" Recommends)
  grep -qw dataset-fashion-mnist <<<"$recommends" || fail "Recommends does not name dataset-fashion-mnist: $recommends"
  echo "Depends: $depends"
  echo "Recommends: $recommends"
  echo "every one of $(printf '%s\n' "${linked[@]}" | sort -u | wc -l) linked packages is named, and nothing else but: $run_time_packages"
  ;;

version)
  need dpkg-deb dpkg
  deb=$(the_deb)
  version=$(dpkg-deb -f "$deb" Version)
  for exe in bin/netbetti bin/netbetti-cli libexec/netbetti/netbetti-train; do
    # No display: --version must not need one.
    out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$work/root/usr/$exe" --version 2>&1) \
      || fail "$exe --version failed: $out"
    [ "${out##* }" = "$version" ] || fail "$exe --version says '$out', the package is $version"
    echo "$out"
  done
  metainfo="$work/root/usr/share/metainfo/$app_id.metainfo.xml"
  grep -q "<release version=\"$version\"" "$metainfo" || fail "$metainfo has no release $version"
  ;;

lean)
  need ldd libc-bin
  the_deb >/dev/null
  cli="$work/root/usr/bin/netbetti-cli"
  trainer="$work/root/usr/libexec/netbetti/netbetti-train"
  torch=$(ldd "$cli" | grep -E 'lib(torch|c10)' || true)
  [ -z "$torch" ] || fail "netbetti-cli loads LibTorch, which makes every command start slowly: $torch"
  # Not `ldd | grep -q`: under pipefail, grep's early exit fails ldd with SIGPIPE.
  trainer_libs=$(ldd "$trainer")
  grep -q libtorch <<<"$trainer_libs" || fail "$trainer does not link LibTorch: what trains is not where the build says"
  # From the unpacked layout, as from /usr: bin/ finds ../libexec/netbetti.
  help=$(env -u NETBETTI_TRAIN "$cli" run --help 2>&1) || fail "netbetti-cli run --help failed: $help"
  grep -q "Train an experiment" <<<"$help" || fail "netbetti-cli run did not reach netbetti-train: $help"
  echo "netbetti-cli: $(ldd "$cli" | wc -l) libraries, none of them LibTorch; run is handed to $trainer"
  ;;

*)
  fail "unknown check $check"
  ;;
esac
