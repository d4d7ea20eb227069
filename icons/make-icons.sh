#!/usr/bin/env bash
# Remakes every app icon from one drawing: a rounded violet-to-pink square
# with a white play mark between two clip brackets.
# Needs ImageMagick 6 (`convert`) and python3. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"
convert=${CONVERT:-/usr/bin/convert}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Master at 1024 px; every size is scaled down from it.
"$convert" -size 1024x1024 xc: \
    -sparse-color Barycentric '0,0 #8B5CF6 1023,1023 #DB2777' "$work/gradient.png"
"$convert" -size 1024x1024 xc:none -fill white \
    -draw 'roundrectangle 40,40 983,983 210,210' "$work/mask.png"
"$convert" "$work/gradient.png" "$work/mask.png" -alpha off \
    -compose CopyOpacity -composite "$work/base.png"
# Play mark between two clip brackets.
"$convert" "$work/base.png" -fill white -stroke none \
    -draw 'polygon 440,352 440,672 700,512' \
    -draw 'roundrectangle 250,300 296,724 12,12' \
    -draw 'roundrectangle 250,300 360,346 12,12' \
    -draw 'roundrectangle 250,678 360,724 12,12' \
    -draw 'roundrectangle 728,300 774,724 12,12' \
    -draw 'roundrectangle 664,300 774,346 12,12' \
    -draw 'roundrectangle 664,678 774,724 12,12' \
    "PNG32:$work/master.png"

# Without the date chunks a rerun reproduces the same bytes, so only a changed
# drawing shows up as a change.
png() {
    "$convert" "$work/master.png" -filter Lanczos -resize "$1x$1" \
        -define png:exclude-chunks=date,time "PNG32:$2"
}

# Linux: one per hicolor theme size, so no desktop has to scale a neighbour.
# 128x128@2x.png is the 256 px image Tauri installs for 128 px at scale 2.
for size in 16 24 32 48 64 128 256; do
    png "$size" "${size}x${size}.png"
done
png 256 128x128@2x.png
png 512 icon.png

"$convert" "$work/master.png" -define icon:auto-resize=256,128,64,48,32,24,16 \
    -define png:exclude-chunks=date,time icon.ico

# macOS: every size Finder and the Dock ask for, at scale 1 and 2.
for size in 16 32 64 128 256 512 1024; do
    png "$size" "$work/$size.png"
done
python3 make-icns.py icon.icns \
    icp4="$work/16.png" icp5="$work/32.png" ic11="$work/32.png" ic12="$work/64.png" \
    ic07="$work/128.png" ic13="$work/256.png" ic08="$work/256.png" ic14="$work/512.png" \
    ic09="$work/512.png" ic10="$work/1024.png"
