#!/usr/bin/env python3
"""Renders servq report's HTML in headless Chromium and checks the page.

usage: html-chromium.py BIN_DIR SOURCE_ROOT [--save PNG]

It builds the sample report (the bundled export split into four ISO weeks,
analysed by branch), the report in Russian on the hand-made documents of
tests/cli/report/data (roles, the zone of tolerance, targets) and the one
with hostile segment names, then asks Chromium, in one run for each, for:

- a screenshot, which must not be blank: more than 20 distinct colours,
  and at least 2% of the pixels not background;
- the DOM after layout (--dump-dom), which must hold the SVG charts: gap
  bars, importance-performance map and trend (and the zone of tolerance for
  the hand-made documents), and no <script> element;
- the browser's log (--enable-logging=stderr --v=0), which must have no
  console error ("Uncaught", "ERROR:CONSOLE", a blocked resource).

Chromium is Debian's `chromium` package (scripts/install-deps installs it).
Without it the test is skipped (exit 77). --save writes the screenshot of
the sample report, as docs/report-sample.png is made:
  tests/cli/report/html-chromium.py build/cmd . --save docs/report-sample.png
Only the Python standard library is used (PNG decoding included).
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
WIDTH, HEIGHT = 900, 2400


def read_png(path):
    """Returns (width, height, bytes per pixel, rows) of an 8-bit RGB(A) PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        n, = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError("unexpected PNG format (depth %d, colour type %d)" % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw, stride, rows, prev, at = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp), 0
    for _ in range(h):
        f, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def colour_stats(path):
    w, h, bpp, rows = read_png(path)
    counts = {}
    for row in rows[::2]:
        for x in range(0, w * bpp, bpp * 2):
            px = row[x:x + 3]
            counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values())
    background = max(counts.values())
    return len(counts), 1 - background / total


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(exe, html, extra, tmp):
    profile = tempfile.mkdtemp(dir=tmp)
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--no-first-run", "--disable-component-update", "--disable-sync",
           "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
           "--window-size=%d,%d" % (WIDTH, HEIGHT)] + extra + ["file://" + html]
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return res.returncode, res.stdout.decode("utf-8", "replace"), res.stderr.decode("utf-8", "replace")


CONSOLE = re.compile(r"Uncaught|ERROR:CONSOLE|:CONSOLE\b|Refused to|net::ERR_|Content Security Policy")


def check(exe, html, want_svgs, tmp, save=None):
    problems = []
    png = os.path.join(tmp, os.path.basename(html) + ".png")
    # One run gives both the screenshot and the DOM after layout.
    code, dom, log = run_chromium(exe, html, ["--screenshot=" + png, "--dump-dom"], tmp)
    if code != 0 or not os.path.exists(png):
        return ["chromium failed (%d): %s" % (code, log[-2000:])]
    for line in log.splitlines():
        if CONSOLE.search(line):
            problems.append("console: " + line.strip())
    colours, ink = colour_stats(png)
    if colours <= 20 or ink < 0.02:
        problems.append("blank screenshot: %d colours, %.1f%% ink" % (colours, 100 * ink))
    svgs = dom.count("<svg")
    labels = re.findall(r'<svg[^>]*aria-label="([^"]*)"', dom)
    if svgs < want_svgs:
        problems.append("%d SVG charts in the DOM, want %d: %s" % (svgs, want_svgs, labels))
    if "<script" in dom:
        problems.append("a <script> element in the DOM")
    print("%s: %d colours, %.0f%% ink, %d SVG charts" % (os.path.basename(html), colours,
                                                          100 * ink, svgs))
    if save and not problems:
        shutil.copyfile(png, save)
    return problems


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    bindir, src = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    save = os.path.abspath(argv[4]) if len(argv) >= 5 and argv[3] == "--save" else None
    exe = chromium()
    if not exe:
        print("SKIP: chromium is not installed (scripts/install-deps installs it)")
        return SKIP
    with tempfile.TemporaryDirectory(prefix="servq-chromium.") as tmp:
        env = dict(os.environ, SERVQ_BIN=bindir, SERVQ_SRC=src, LC_ALL="C.UTF-8")
        shutil.copytree(os.path.join(src, "samples"), os.path.join(tmp, "samples"))
        subprocess.run(["sh", "-c", '. "$SERVQ_SRC/tests/cli/report/data/weekly-docs.sh" && '
                        '. "$SERVQ_SRC/tests/cli/report/data/full-docs.sh"'],
                       cwd=tmp, env=env, check=True)
        report = os.path.join(bindir, "servq-report")
        jobs = [
            ("sample.html", ["w44.json", "w45.json", "w46.json", "w47.json"], 4, save),
            ("full-ru.html", ["--lang", "ru", "full-w45.json", "full-w46.json", "full-w47.json"],
             5, None),
            ("xss.html", ["xss-w47.json"], 4, None),
        ]
        problems = []
        for name, args, svgs, keep in jobs:
            out = os.path.join(tmp, name)
            res = subprocess.run([report, "--format", "html", "-o", out] + args, cwd=tmp, env=env)
            if res.returncode not in (0, 3):
                problems.append("%s: servq-report exited %d" % (name, res.returncode))
                continue
            problems += ["%s: %s" % (name, p) for p in check(exe, out, svgs, tmp, keep)]
    for p in problems:
        print("FAIL: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
