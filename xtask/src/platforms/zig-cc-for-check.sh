#!/bin/sh
# C compiler for `cargo zigbuild clippy --target *-apple-darwin` only: a check
# links nothing, so a source that cannot compile here (Objective-C against
# Cocoa/Cocoa.h, which only the macOS SDK has) becomes an empty object and the
# Rust side is still checked. Never used for a build that links.
# cargo-zigbuild puts its zig wrapper for the target in CC_<target_with_underscores>;
# this script is found first through CC_<target-with-hyphens>, which cc-rs prefers.
WAYIN_ZIG_CC=$(printenv "CC_$(printf '%s' "$TARGET" | tr - _)")
if "$WAYIN_ZIG_CC" "$@"; then
    exit 0
fi
output=""
previous=""
for arg in "$@"; do
    if [ "$previous" = "-o" ]; then
        output="$arg"
    fi
    previous="$arg"
done
if [ -z "$output" ]; then
    exit 1
fi
echo "zig-cc-for-check: could not compile here (no macOS SDK); empty object for $output" >&2
printf '' | "$WAYIN_ZIG_CC" -x c -c -o "$output" -
