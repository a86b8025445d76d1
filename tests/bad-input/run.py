#!/usr/bin/env python3
"""Runs the bad-input corpus: tests/bad-input/<case>/.

Usage: run.py [--update] [--tap] CASE...
       run.py --check-registered CASE...   (configure time: the meson list
                                            and the case folders agree)

Cases run two at a time (SERVQ_TEST_JOBS to change that); --tap reports
each as a TAP test, as meson reads it.

A case is a folder holding:
  cmd       the command line(s), run by sh in a copy of the folder (with
            a copy of samples/ when it names samples/); it calls
            "$SERVQ_BIN/servq-import" and so on
  stderr    standard error, exactly
  exit      the exit status of cmd
  stdout    standard output, exactly (absent: it must be empty)
  counts    for a case where servq import read rows (required then): lines
            "read N", "imported A", "rejected R", and optionally
            "output FILE" and "rejects FILE", files cmd wrote whose CSV
            records (less the header) must number A and R
  anything else: input files

Inputs too large to commit are made here, when cmd names them:
  gen/field-50MB.csv      one data row whose comment is a 50 MB field
  gen/columns-100000.csv  a header and one row of 100 000 columns
  gen/rows-20000.csv      20 000 good rows, for pipes that close early
  gen/late-bad-utf8.csv   good UTF-8 rows past 64 KiB, then a byte that
                          is not UTF-8

Every line of a case's stderr must start with the name of the program that
wrote it ("servq-import: "), and wherever servq import printed its
accounting line, read = imported + rejected.

Environment: SERVQ_BIN (the commands), SERVQ_SRC (the source root);
SERVQ_UPDATE_GOLDEN=1 (or --update) rewrites stderr, stdout and exit.
Exit status: 0 all passed, 1 a failure.
"""

import concurrent.futures
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

csv.field_size_limit(sys.maxsize)
HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = ("stderr", "exit", "stdout")
SUMMARY = re.compile(r"^servq-import: read (\d+), imported (\d+), rejected (\d+)$", re.M)
PROGRAM = re.compile(r"^servq(-[a-z-]+)?: ")
HEADER = "respondent_id,branch,comment,E01,E02,P01,P02\n"


def gen_field_50mb(f):
    f.write(HEADER.encode())
    f.write(b"r1,A,")
    f.write(b"x" * (50 * 1000 * 1000))
    f.write(b",5,6,7,4\nr2,B,short,4,4,4,4\n")


def gen_columns_100000(f):
    n = 100000
    names = ["respondent_id", "E01", "P01"] + ["c%d" % i for i in range(n - 3)]
    f.write((",".join(names) + "\n").encode())
    f.write((",".join(["r1", "5", "6"] + ["x"] * (n - 3)) + "\n").encode())


def gen_rows_20000(f):
    f.write(HEADER.encode())
    for i in range(20000):
        f.write(("r%d,%s,ok,%d,%d,%d,%d\n" % (i, "ABC"[i % 3], 1 + i % 7, 1 + i % 5,
                                              1 + i % 6, 1 + i % 4)).encode())


def gen_late_bad_utf8(f):
    # Past the 64 KiB the decoder looks at to choose, still UTF-8 ("São").
    f.write(HEADER.encode())
    row = 0
    while f.tell() < 70 * 1024:
        row += 1
        f.write(("r%d,São Paulo,ok,5,6,7,4\n" % row).encode())
    f.write(b"rbad,S\xe3o Paulo,ok,5,6,7,4\n")
    f.write(b"rlast,Rio,ok,1,2,3,4\n")


GENERATORS = {
    "field-50MB.csv": gen_field_50mb,
    "columns-100000.csv": gen_columns_100000,
    "rows-20000.csv": gen_rows_20000,
    "late-bad-utf8.csv": gen_late_bad_utf8,
}


def generate(cmd, work):
    for name in sorted(set(re.findall(r"gen/([A-Za-z0-9._-]+)", cmd))):
        if name not in GENERATORS:
            raise ValueError("cmd names gen/%s, which run.py does not make" % name)
        os.makedirs(os.path.join(work, "gen"), exist_ok=True)
        with open(os.path.join(work, "gen", name), "wb") as f:
            GENERATORS[name](f)


def count_records(path):
    with open(path, newline="", encoding="utf-8", errors="surrogateescape") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def check_counts(case_dir, work, stderr):
    """Problems with the import accounting, as a list of strings."""
    problems = []
    found = SUMMARY.findall(stderr)
    for n, a, r in found:
        if int(n) != int(a) + int(r):
            problems.append("read %s != imported %s + rejected %s" % (n, a, r))
    path = os.path.join(case_dir, "counts")
    if not os.path.exists(path):
        if any(int(n) > 0 for n, _, _ in found):
            problems.append("servq import read rows: add a 'counts' file")
        return problems
    want = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                key, value = line.split(None, 1)
                want[key] = value.strip()
    if not found:
        return problems + ["a 'counts' file, but no accounting line on stderr"]
    got = dict(zip(("read", "imported", "rejected"), found[-1]))
    for key in ("read", "imported", "rejected"):
        if key in want and want[key] != got[key]:
            problems.append("%s: expected %s, got %s" % (key, want[key], got[key]))
    for key, what in (("output", "imported"), ("rejects", "rejected")):
        if key not in want:
            continue
        file = os.path.join(work, want[key])
        if not os.path.exists(file):
            problems.append("no %s file %s" % (key, want[key]))
        elif count_records(file) != int(got[what]):
            problems.append("%s has %d records, but %s %s were %s"
                            % (want[key], count_records(file), got[what], key, what))
    return problems


def case_env():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE", "CDPATH")}
    env.update(LC_ALL="C.UTF-8", NO_COLOR="1", TZ="UTC")
    return env


def run_case(name, update):
    case_dir = os.path.join(HERE, name)
    if not os.path.isfile(os.path.join(case_dir, "cmd")):
        return ["no case folder %s with a cmd file" % case_dir]
    src = os.environ["SERVQ_SRC"]
    tmp = tempfile.mkdtemp(prefix="servq-bad-input.")
    try:
        work = os.path.join(tmp, "work")
        shutil.copytree(case_dir, work)
        for e in EXPECTED + ("counts",):
            if os.path.exists(os.path.join(work, e)):
                os.remove(os.path.join(work, e))
        with open(os.path.join(case_dir, "cmd")) as f:
            cmd = f.read()
        if "samples/" in cmd:
            shutil.copytree(os.path.join(src, "samples"), os.path.join(work, "samples"))
        generate(cmd, work)
        proc = subprocess.run(["sh", "cmd"], cwd=work, env=case_env(),
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=600)
        os.rename(os.path.join(work, "cmd"), os.path.join(tmp, "cmd"))
        got = {
            "stdout": proc.stdout.decode("utf-8", "surrogateescape"),
            "stderr": proc.stderr.decode("utf-8", "surrogateescape"),
            "exit": "%d\n" % proc.returncode,
        }
        problems = []
        for key, text in got.items():
            for p in (tmp, os.environ["SERVQ_BIN"], src):
                if p in text:
                    problems.append("%s names the absolute path %s" % (key, p))
        for line in got["stderr"].splitlines():
            if not PROGRAM.match(line):
                problems.append("a line of stderr without the program's name: %r" % line[:200])
        problems += check_counts(case_dir, work, got["stderr"])
        for key in EXPECTED:
            path = os.path.join(case_dir, key)
            if update and not problems:
                if key == "stdout" and not got[key]:
                    if os.path.exists(path):
                        os.remove(path)
                    continue
                with open(path, "w", encoding="utf-8", errors="surrogateescape",
                          newline="") as f:
                    f.write(got[key])
                continue
            want = ""
            if os.path.exists(path):
                with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
                    want = f.read()
            elif key != "stdout":
                problems.append("no expected %s; run with SERVQ_UPDATE_GOLDEN=1" % key)
                continue
            if want != got[key]:
                problems.append("%s differs:\n--- expected\n%s--- actual\n%s" % (key, want, got[key]))
        return problems
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_registered(names):
    on_disk = sorted(d for d in os.listdir(HERE)
                     if os.path.isdir(os.path.join(HERE, d)) and not d.startswith("."))
    status = 0
    for d in on_disk:
        if d not in names:
            print("tests/bad-input/%s is not registered in tests/bad-input/meson.build" % d)
            status = 1
    for n in names:
        if n not in on_disk:
            print("tests/bad-input/meson.build registers '%s', which has no folder" % n)
            status = 1
    if len(set(names)) != len(names):
        print("tests/bad-input/meson.build registers a case twice")
        status = 1
    return status


def main(argv):
    if argv and argv[0] == "--check-registered":
        return check_registered(argv[1:])
    update = os.environ.get("SERVQ_UPDATE_GOLDEN") == "1"
    if argv and argv[0] == "--update":
        update, argv = True, argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 1
    for var in ("SERVQ_BIN", "SERVQ_SRC"):
        if not os.environ.get(var):
            print("run.py: set %s" % var, file=sys.stderr)
            return 1
    tap = argv[0] == "--tap"
    names = [n.rstrip("/") for n in (argv[1:] if tap else argv)]
    jobs = int(os.environ.get("SERVQ_TEST_JOBS", "2"))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = pool.map(lambda n: run_case(n, update), names)
        status = 0
        if tap:
            print("1..%d" % len(names))
        for i, (name, problems) in enumerate(zip(names, results), 1):
            status |= bool(problems)
            if tap:
                print("%s %d - %s" % ("not ok" if problems else "ok", i, name))
                for p in problems:
                    print("\n".join("# " + line for line in p.splitlines()))
            elif problems:
                print("FAIL: %s" % name)
                for p in problems:
                    print("  " + p)
            else:
                print("%s: %s" % ("updated" if update else "PASS", name))
            sys.stdout.flush()
    return 0 if tap else status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
