#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause; see LICENSE.
"""Wrap HTML pages as the WARC responses a crawler stores.

usage: mkwarc.py [--plain] [--version=1.0|1.1] [--extra] [--zstd]
                 [--codings=C,C...] OUT PAGE...

OUT gets a warcinfo record, then for each PAGE a request, a response
holding the page and a metadata record, each record its own gzip member
as in Common Crawl's WARC files (--plain: not compressed).  The
responses' bodies take turns at the codings a crawler meets: as they are,
chunked, gzip-encoded, gzip-encoded and chunked, deflate-encoded (zlib),
raw deflate, and with --zstd zstd-encoded (the zstd command); --codings
names the turns instead (identity, chunked, gzip, gzip+chunked, deflate,
rawdeflate, zstd).  The
target URI is https://site.test/N.html and the record ids
<urn:uuid:00000000-0000-0000-0000-00000000000N>, N the page's place
(1-based).  No charset is given in the Content-Type, so that a page is
decoded as the same file read with --from=html is.  With --extra, a 404
response, an image response, a revisit and a response with an unknown
Content-Encoding follow the pages (all four skipped by winnow).
"""
import gzip
import subprocess
import sys
import zlib

CODINGS = ["identity", "chunked", "gzip", "gzip+chunked", "deflate",
           "rawdeflate"]


def chunked(body, size):
    out = []
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out.append(b"%x\r\n" % len(part) + part + b"\r\n")
    return b"".join(out) + b"0\r\n\r\n"


def encode(body, coding):
    """The body as sent, and the headers that say how."""
    heads = []
    if coding.startswith("gzip"):
        body = gzip.compress(body, 6, mtime=0)
        heads.append(b"Content-Encoding: gzip")
    elif coding == "deflate":
        body = zlib.compress(body, 6)
        heads.append(b"Content-Encoding: deflate")
    elif coding == "rawdeflate":
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        body = c.compress(body) + c.flush()
        heads.append(b"Content-Encoding: deflate")
    elif coding == "zstd":
        body = subprocess.run(["zstd", "-q", "-c", "-3"], input=body,
                              stdout=subprocess.PIPE, check=True).stdout
        heads.append(b"Content-Encoding: zstd")
    if coding.endswith("chunked"):
        body = chunked(body, 4000)
        heads.append(b"Transfer-Encoding: chunked")
    else:
        heads.append(b"Content-Length: %d" % len(body))
    return body, heads


def record(version, wtype, n, block, uri=None, ctype=None):
    head = [b"WARC/" + version.encode(), b"WARC-Type: " + wtype,
            b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>" % n,
            b"WARC-Date: 2024-05-%02dT10:00:00Z" % (1 + n % 28)]
    if uri:
        head.append(b"WARC-Target-URI: " + uri)
    if ctype:
        head.append(b"Content-Type: " + ctype)
    head.append(b"Content-Length: %d" % len(block))
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


def response(status, ctype, body, coding):
    body, heads = encode(body, coding)
    lines = [b"HTTP/1.1 " + status, b"Content-Type: " + ctype,
             b"Server: test"] + heads
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def main(argv):
    plain = "--plain" in argv
    extra = "--extra" in argv
    codings = CODINGS + (["zstd"] if "--zstd" in argv else [])
    version = "1.0"
    for a in argv:
        if a.startswith("--version="):
            version = a.split("=", 1)[1]
        if a.startswith("--codings="):
            codings = a.split("=", 1)[1].split(",")
    args = [a for a in argv if not a.startswith("--")]
    out, pages = args[0], args[1:]
    recs = [record(version, b"warcinfo", 0,
                   b"software: tests/cli/mkwarc.py\r\nformat: WARC File "
                   b"Format " + version.encode() + b"\r\n",
                   ctype=b"application/warc-fields")]
    n = 0
    for i, path in enumerate(pages):
        with open(path, "rb") as f:
            page = f.read()
        uri = b"https://site.test/%d.html" % (i + 1)
        host = b"site.test"
        recs.append(record(version, b"request", 1000000 + i + 1,
                           b"GET /%d.html HTTP/1.1\r\nHost: %s\r\n\r\n"
                           % (i + 1, host), uri,
                           b"application/http; msgtype=request"))
        recs.append(record(version, b"response", i + 1,
                           response(b"200 OK", b"text/html", page,
                                    codings[i % len(codings)]),
                           uri, b"application/http; msgtype=response"))
        recs.append(record(version, b"metadata", 2000000 + i + 1,
                           b"fetchTimeMs: 12\r\n", uri,
                           b"application/warc-fields"))
        n = i + 1
    if extra:
        uri = b"https://site.test/extra"
        recs.append(record(version, b"response", n + 1,
                           response(b"404 Not Found", b"text/html",
                                    b"<html><body><p>Gone.</p></body>"
                                    b"</html>", "identity"),
                           uri, b"application/http; msgtype=response"))
        recs.append(record(version, b"response", n + 2,
                           response(b"200 OK", b"image/png",
                                    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
                                    "identity"),
                           uri, b"application/http; msgtype=response"))
        recs.append(record(version, b"revisit", n + 3,
                           b"HTTP/1.1 200 OK\r\nContent-Type: text/html"
                           b"\r\n\r\n", uri,
                           b"application/http; msgtype=response"))
        recs.append(record(version, b"response", n + 4,
                           b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                           b"Content-Encoding: compress\r\n\r\n\x1f\x9d\x90",
                           uri, b"application/http; msgtype=response"))
    with open(out, "wb") as f:
        for r in recs:
            f.write(r if plain else gzip.compress(r, 6, mtime=0))


if __name__ == "__main__":
    main(sys.argv[1:])
