#!/usr/bin/env python3
"""Every library module has its unit test program.

A module is lib/<stage>/<module>.c; its program is tests/unit/test-<module>.c
(STYLE.md section 8: one TAP executable per library module). The modules
below have none yet. The list is checked both ways: a module missing from
it without a program fails, and so does a module on it that has one, so
the list only ever shrinks. Prints every problem and exits 1 if there is
any.

Usage: unit-coverage.py SOURCE_ROOT
       unit-coverage.py --self-test
"""
import os
import subprocess
import sys
import tempfile

# Modules without a program of their own, by stage. Delete a line when its
# tests/unit/test-<module>.c is added.
NOT_YET_COVERED = {
    # lib/model/
    "model/instrument",
    "model/responses",
    # lib/import/ (lookalike.c's cases are in test-import.c for now)
    "import/lookalike",
    "import/map",
    "import/map-suggest",
    # lib/analysis/ (analysis.c's program covers much of state.c and results.c)
    "analysis/feature-weights",
    "analysis/input-warnings",
    "analysis/reliability",
    "analysis/results",
    "analysis/score",
    "analysis/state",
    # lib/render/ (the report, tested whole by tests/cli)
    "render/report",
    "render/report-common",
    "render/report-html",
    "render/report-i18n",
    "render/report-layout",
    "render/report-text",
    # the backends and their tables, driven together by test-report-backend
    "render/report-markdown",
    "render/report-table",
}


def modules(root):
    """{"stage/module"} for every lib/<stage>/<module>.c."""
    lib = os.path.join(root, "lib")
    found = set()
    for stage in sorted(os.listdir(lib)):
        folder = os.path.join(lib, stage)
        if not os.path.isdir(folder):
            continue
        for f in os.listdir(folder):
            if f.endswith(".c"):
                found.add(f"{stage}/{f[:-2]}")
    return found


def programs(root):
    """{"module"} for every tests/unit/test-<module>.c."""
    unit = os.path.join(root, "tests", "unit")
    return {f[5:-2] for f in os.listdir(unit) if f.startswith("test-") and f.endswith(".c")}


def problems(root, allow):
    mods, progs = modules(root), programs(root)
    out = []
    for m in sorted(mods):
        has = m.split("/", 1)[1] in progs
        if not has and m not in allow:
            out.append(f"lib/{m}.c has no tests/unit/test-{m.split('/', 1)[1]}.c")
        if has and m in allow:
            out.append(f"lib/{m}.c has its program now: delete \"{m}\" from "
                       "NOT_YET_COVERED in tests/docs/unit-coverage.py")
    for m in sorted(allow - mods):
        out.append(f"NOT_YET_COVERED names \"{m}\", but there is no lib/{m}.c")
    return out


def self_test():
    """The check fails on each of its three problems, and passes a tree without them."""
    cases = [  # (lib modules, test programs, allowlist entries, problems wanted)
        (["a/x", "a/y"], ["x", "y"], [], 0),
        (["a/x", "a/y"], ["x"], ["a/y"], 0),
        (["a/x", "a/y"], ["x"], [], 1),
        (["a/x", "a/y"], ["x", "y"], ["a/y"], 1),
        (["a/x"], ["x"], ["a/gone"], 1),
    ]
    for mods, progs, allow, want in cases:
        with tempfile.TemporaryDirectory() as t:
            os.makedirs(os.path.join(t, "tests", "unit"))
            for m in mods:
                os.makedirs(os.path.join(t, "lib", m.split("/")[0]), exist_ok=True)
                open(os.path.join(t, "lib", m + ".c"), "w").close()
            for p in progs:
                open(os.path.join(t, "tests", "unit", f"test-{p}.c"), "w").close()
            got = problems(t, set(allow))
            if len(got) != want:
                print(f"self-test: modules {mods}, programs {progs}, allowlist {allow}: "
                      f"{got}, want {want} problem(s)")
                return 1
    # The real script, run as the suite runs it, fails too.
    with tempfile.TemporaryDirectory() as t:
        os.makedirs(os.path.join(t, "lib", "a"))
        os.makedirs(os.path.join(t, "tests", "unit"))
        open(os.path.join(t, "lib", "a", "uncovered.c"), "w").close()
        r = subprocess.run([sys.executable, __file__, t], capture_output=True)
        if r.returncode != 1:
            print(f"self-test: a tree with an uncovered module exits {r.returncode}, want 1")
            return 1
    print("ok: the check refuses a module without a program, an allowlisted module "
          "with one, and an allowlisted module that does not exist")
    return 0


def main():
    if sys.argv[1] == "--self-test":
        return self_test()
    found = problems(sys.argv[1], NOT_YET_COVERED)
    for p in found:
        print(p)
    if not found:
        print(f"ok: every lib module has a unit test program, but the "
              f"{len(NOT_YET_COVERED)} listed in NOT_YET_COVERED")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
