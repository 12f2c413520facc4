#!/usr/bin/python3
"""Compares two PNG files pixel by pixel with a tolerance (fonts and
antialiasing may differ by a shade between library versions; a moved line
or label may not).

usage: png_compare.py A.png B.png [MAX_SHARE_DIFFERENT] [LEVEL]

Fails when the images differ in size, or when more than MAX_SHARE_DIFFERENT
(default 0.002) of the pixels differ by more than LEVEL (default 48 of 255)
in any channel. A minimal decoder: 8-bit RGB/RGBA, not interlaced (what
Cairo writes), with the five PNG row filters.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, f"{path}: unsupported PNG"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    a, b = decode(sys.argv[1]), decode(sys.argv[2])
    share = float(sys.argv[3]) if len(sys.argv) > 3 else 0.002
    level = int(sys.argv[4]) if len(sys.argv) > 4 else 48
    if a[:3] != b[:3]:
        sys.exit(f"sizes differ: {a[:3]} vs {b[:3]}")
    width, height, bpp, _ = a
    bad = 0
    for ra, rb in zip(a[3], b[3]):
        for x in range(width):
            pa, pb = ra[x * bpp:x * bpp + 3], rb[x * bpp:x * bpp + 3]
            if max(abs(p - q) for p, q in zip(pa, pb)) > level:
                bad += 1
    if bad > share * width * height:
        sys.exit(f"{bad} of {width * height} pixels differ (more than {share:.1%})")
    print(f"{bad} of {width * height} pixels differ")


main()
