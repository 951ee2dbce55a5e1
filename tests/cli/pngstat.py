# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
# pngstat.py PNG [RRGGBB...]: what a screenshot shows, for
# report_screenshot.sh (python3's standard library only: zlib and
# struct decode the PNG).  Prints, one "name value" a line:
#   size WxH
#   colours     distinct colours
#   nonwhite    share of pixels that are not white, in %
#   header      share of the top 48 rows in the header's navy, in %
#   headertext  light pixels (text) in rows that are mostly navy
#   top         a hash of the top 320 rows (to compare two shots)
#   RRGGBB      pixels of exactly that colour, for each colour asked
import hashlib
import struct
import sys
import zlib

NAVY = (0x0F, 0x17, 0x2A)


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("%s: not a PNG" % path)
    pos, idat = 8, []
    width = height = depth = ctype = interlace = None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(
                ">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if depth != 8 or ctype not in (2, 6) or interlace != 0:
        sys.exit("%s: not 8-bit RGB(A), not interlaced" % path)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        elif f != 0:
            sys.exit("%s: filter %d" % (path, f))
        rows.append(bytes(line))
        prev = line
    # RGB triples, alpha dropped (a screenshot is opaque)
    if bpp == 4:
        rows = [bytes(b for i, b in enumerate(r) if i % 4 != 3) for r in rows]
    return width, height, rows


def main():
    w, h, rows = decode(sys.argv[1])
    want = {bytes.fromhex(c): 0 for c in sys.argv[2:]}
    colours, white, navy_top, text = set(), 0, 0, 0
    for y, r in enumerate(rows):
        px = [r[i:i + 3] for i in range(0, len(r), 3)]
        colours.update(px)
        white += px.count(b"\xff\xff\xff")
        navy = px.count(bytes(NAVY))
        if y < 48:
            navy_top += navy
        if navy * 2 > w:
            text += sum(1 for p in px if min(p) > 150)
        for c in want:
            want[c] += px.count(c)
    print("size %dx%d" % (w, h))
    print("colours %d" % len(colours))
    print("nonwhite %.1f" % (100.0 * (w * h - white) / (w * h)))
    print("header %.1f" % (100.0 * navy_top / (w * min(h, 48))))
    print("headertext %d" % text)
    print("top %s" % hashlib.sha1(b"".join(rows[:320])).hexdigest()[:16])
    for c, n in want.items():
        print("%s %d" % (c.hex(), n))


main()
