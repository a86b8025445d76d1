#!/usr/bin/env python3
"""Moves golden cases of the two former formats into the one of tests/cli/README.md.

Usage: tests/cli/convert-cases.py   (from the source root; uses git mv)

  tests/cli/<cmd>/<case>.sh, .stdout, .stderr, .exit
      -> tests/cli/<cmd>/<case>/cmd, stdout, stderr, exit
  tests/bad-input/<case>/ (cmd, stdout, stderr, exit, counts, inputs)
      -> tests/cli/bad-input/<case>/, as it is

Only files move; their bytes stay the same. Kept for branches that still
add cases the former way: run it after merging one, then list nothing
(cases are found on disk).
"""

import glob
import os
import subprocess
import sys


def git_mv(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    subprocess.run(["git", "mv", src, dst], check=True)


def main():
    for script in sorted(glob.glob("tests/cli/*/*.sh")):
        if script.startswith("tests/cli/report/data/") or "/data/" in script:
            continue
        base = script[:-3]
        git_mv(script, os.path.join(base, "cmd"))
        for ext in ("stdout", "stderr", "exit"):
            if os.path.exists(base + "." + ext):
                git_mv(base + "." + ext, os.path.join(base, ext))
    for case in sorted(glob.glob("tests/bad-input/*/")):
        case = case.rstrip("/")
        git_mv(case, os.path.join("tests/cli/bad-input", os.path.basename(case)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
