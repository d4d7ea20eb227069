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

png() { "$convert" "$work/master.png" -filter Lanczos -resize "$1x$1" "PNG32:$2"; }
png 32 32x32.png
png 64 64x64.png
png 128 128x128.png
png 256 128x128@2x.png
png 512 icon.png

"$convert" "$work/master.png" -define icon:auto-resize=256,128,64,48,32,16 icon.ico

png 128 "$work/ic07.png"
png 256 "$work/ic08.png"
png 512 "$work/ic09.png"
png 1024 "$work/ic10.png"
python3 make-icns.py icon.icns \
    ic07="$work/ic07.png" ic08="$work/ic08.png" ic09="$work/ic09.png" ic10="$work/ic10.png"
