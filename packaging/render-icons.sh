#!/usr/bin/env bash
# Renders the PNG sizes of the application icon from its SVG (librsvg2-bin's
# rsvg-convert). The PNGs are committed; run this after editing the SVG.
set -euo pipefail
source "$(dirname "$0")/common.sh"
netbetti_install_dependencies librsvg2-bin
icons="$NETBETTI_ROOT/packaging/icons"
svg="$icons/io.github.netbetti.NetBetti.svg"
for size in 48 128 256; do
  mkdir -p "$icons/$size"
  rsvg-convert -w "$size" -h "$size" "$svg" -o "$icons/$size/$(basename "$svg" .svg).png"
done
ls "$icons"/*/*.png
