#!/usr/bin/env python3
"""Packs PNG files into an Apple .icns file.

usage: make-icns.py OUT.icns TYPE=FILE.png [TYPE=FILE.png ...]
TYPE is an ICNS element type holding PNG data: icp4 (16 px), icp5 (32),
ic11 (32, i.e. 16@2x), ic12 (64, 32@2x), ic07 (128), ic13 (256, 128@2x),
ic08 (256), ic14 (512, 256@2x), ic09 (512), ic10 (1024, 512@2x).
"""
import struct
import sys

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EXPECTED_SIZE = {
    "icp4": 16,
    "icp5": 32,
    "ic11": 32,
    "ic12": 64,
    "ic07": 128,
    "ic13": 256,
    "ic08": 256,
    "ic14": 512,
    "ic09": 512,
    "ic10": 1024,
}


def png_size(data):
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    out_path, pairs = argv[1], argv[2:]
    elements = b""
    for pair in pairs:
        kind, path = pair.split("=", 1)
        if kind not in EXPECTED_SIZE:
            sys.exit(f"unsupported element type {kind}")
        with open(path, "rb") as file:
            data = file.read()
        size = EXPECTED_SIZE[kind]
        if png_size(data) != (size, size):
            sys.exit(f"{path} is {png_size(data)}, {kind} needs {size}x{size}")
        elements += kind.encode("ascii") + struct.pack(">I", 8 + len(data)) + data
    with open(out_path, "wb") as file:
        file.write(b"icns" + struct.pack(">I", 8 + len(elements)) + elements)


if __name__ == "__main__":
    main(sys.argv)
