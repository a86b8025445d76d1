#!/usr/bin/env python3
"""Runs the jq and Miller recipes of README.md and checks what they print.

Usage: readme-recipes.py BINDIR SRCDIR

In README.md each recipe is a line "<!-- recipe: NAME -->", then a ```sh
block (the commands), then a ``` block (what they print). Each recipe runs
with bash -o pipefail in a fresh directory that links SRCDIR/samples, with
BINDIR (servq and servq-CMD) first in PATH, under LC_ALL=C.UTF-8 and again
under de_DE.UTF-8 when that locale is installed (numbers must not follow
the locale). It must exit 0, write nothing to standard error and print
exactly the block shown. The recipes named in EXPECTED must all be there,
so one cannot disappear unnoticed.

Exit status: 0 all passed, 1 a failure, 77 (skipped) when jq or mlr is not
installed (Debian: jq, miller; scripts/install-deps installs them).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

EXPECTED = ["worst-dimension", "week-over-week", "miller-dimensions"]
MARK = re.compile(r"^<!-- recipe: ([a-z0-9-]+) -->$")


def fences(lines, start):
    """Yields (info, body) for each fenced block from line index start on."""
    i = start
    while i < len(lines):
        if lines[i].startswith("```"):
            info = lines[i][3:].strip()
            j = i + 1
            while j < len(lines) and lines[j] != "```":
                j += 1
            yield info, "".join(line + "\n" for line in lines[i + 1:j]), j + 1
            i = j + 1
        else:
            i += 1


def recipes(readme):
    """Returns [(name, commands, output)] in README order."""
    lines = readme.split("\n")
    found = []
    for i, line in enumerate(lines):
        m = MARK.match(line)
        if not m:
            continue
        blocks = fences(lines, i + 1)
        info, commands, _ = next(blocks)
        out_info, output, _ = next(blocks)
        if info != "sh" or out_info != "":
            raise ValueError("recipe %s: want a ```sh block, then a ``` block" % m.group(1))
        found.append((m.group(1), commands, output))
    return found


def locale_installed(name):
    r = subprocess.run(["locale", "-a"], capture_output=True, text=True)
    norm = name.lower().replace("utf-8", "utf8")
    return r.returncode == 0 and norm in r.stdout.lower().split()


def main():
    if len(sys.argv) != 3:
        print("usage: readme-recipes.py BINDIR SRCDIR", file=sys.stderr)
        return 1
    bindir, src = sys.argv[1:]
    missing = [t for t in ("jq", "mlr", "bash") if shutil.which(t) is None]
    if missing:
        print("SKIP: not installed: %s (Debian: jq, miller)" % " ".join(missing))
        return 77
    with open(os.path.join(src, "README.md"), encoding="utf-8") as f:
        found = recipes(f.read())
    names = [name for name, _, _ in found]
    failed = 0
    for name in EXPECTED:
        if name not in names:
            print("FAIL: README.md has no recipe '%s'" % name)
            failed = 1
    locales = ["C.UTF-8"] + (["de_DE.UTF-8"] if locale_installed("de_DE.UTF-8") else [])
    for name, commands, want in found:
        for loc in locales:
            with tempfile.TemporaryDirectory(prefix="servq-recipe.") as work:
                os.symlink(os.path.join(src, "samples"), os.path.join(work, "samples"))
                env = {k: v for k, v in os.environ.items()
                       if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
                env.update(PATH=bindir + os.pathsep + env.get("PATH", "/usr/bin:/bin"),
                           LC_ALL=loc, TZ="UTC", NO_COLOR="1")
                r = subprocess.run(["bash", "-o", "pipefail", "-c", commands], cwd=work, env=env,
                                   capture_output=True, text=True, timeout=120)
            label = "%s (LC_ALL=%s)" % (name, loc)
            if r.returncode != 0 or r.stderr or r.stdout != want:
                failed = 1
                print("FAIL: %s: exit %d" % (label, r.returncode))
                for line in r.stderr.splitlines():
                    print("  stderr: " + line)
                if r.stdout != want:
                    print("  want:\n" + "".join("    " + x + "\n" for x in want.splitlines()))
                    print("  got:\n" + "".join("    " + x + "\n" for x in r.stdout.splitlines()))
            else:
                print("PASS: %s" % label)
    return failed


if __name__ == "__main__":
    sys.exit(main())
