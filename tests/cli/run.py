#!/usr/bin/env python3
"""Runs golden cases: tests/cli/<group>/<case>/ (the format: README.md here).

Usage: run.py [--update] [--locale LOCALE] CASE...
       run.py --list                  the cases on disk, one a line
       run.py --check-list CASE...    the configured cases are those on disk

CASE is "<group>/<case>", as "import/crlf" or "bad-input/import-empty-file".

--locale LOCALE runs under LC_ALL=LOCALE (LANGUAGE=en, so libc's own
messages stay English) and compares with the same expected files: output
must not depend on the locale. It never rewrites them, and exits 77
(skipped) when LOCALE is not installed or in update mode.

Environment: SERVQ_BIN (the commands), SERVQ_SRC (the source root),
SERVQ_TEST_BIN (the test tools built in tests/cli, such as make-sav);
SERVQ_UPDATE_GOLDEN=1 (or --update) rewrites the expected files;
SERVQ_KEEP_TMP=1 keeps each case's working directory.
Exit status: 0 all passed, 1 a failure, 77 skipped.
"""

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

csv.field_size_limit(sys.maxsize)
HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = ("stdout", "stderr", "exit")
CASE_FILES = EXPECTED + ("counts",)
# Groups whose cases are hostile inputs, held to the checks of strict_problems().
STRICT_GROUPS = ("bad-input",)
SUMMARY = re.compile(r"^servq-import: read (\d+), imported (\d+), rejected (\d+)$", re.M)
PROGRAM = re.compile(r"^servq(-[a-z-]+)?: ")
SOURCED = re.compile(r'"\$SERVQ_SRC/([^"$]+)"')
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


def discover():
    """The cases on disk, and the problems with what is there that is no case."""
    cases, problems = [], []
    for group in sorted(os.listdir(HERE)):
        gdir = os.path.join(HERE, group)
        if not os.path.isdir(gdir) or group == "data":
            continue
        for name in sorted(os.listdir(gdir)):
            path = os.path.join(gdir, name)
            if os.path.isdir(path) and name != "data":
                if os.path.isfile(os.path.join(path, "cmd")):
                    cases.append(group + "/" + name)
                else:
                    problems.append("tests/cli/%s/%s/ has no cmd: it is no case" % (group, name))
            elif re.search(r"\.(sh|stdout|stderr|exit)$", name):
                problems.append("tests/cli/%s/%s is in the former format: make it a case "
                                "folder (tests/cli/convert-cases.py)" % (group, name))
    return cases, problems


def case_text(cmd):
    """cmd and the scripts it sources from the source tree: what it names."""
    texts = [cmd]
    for rel in SOURCED.findall(cmd):
        path = os.path.join(os.environ["SERVQ_SRC"], rel)
        if rel.endswith(".sh") and os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                texts.append(f.read())
    return "\n".join(texts)


def named(text, prefix):
    return re.search(r"(^|[^\w/.$-])" + re.escape(prefix), text, re.M) is not None


def prepare(case_dir, work):
    """The working directory: the case's files, and the fixtures it names."""
    src = os.environ["SERVQ_SRC"]
    shutil.copytree(case_dir, work, symlinks=True)
    for e in CASE_FILES:
        if os.path.exists(os.path.join(work, e)) and e != "cmd":
            os.remove(os.path.join(work, e))
    with open(os.path.join(case_dir, "cmd"), encoding="utf-8", errors="replace") as f:
        text = case_text(f.read())
    if named(text, "samples/") or named(text, "tests/data/"):
        # The maps in samples/maps name their instruments in tests/data/instruments.
        shutil.copytree(os.path.join(src, "samples"), os.path.join(work, "samples"))
        shutil.copytree(os.path.join(src, "tests", "data", "instruments"),
                        os.path.join(work, "tests", "data", "instruments"))
    if named(text, "data/"):
        shutil.copytree(os.path.join(HERE, "data"), os.path.join(work, "data"))
    for name in sorted(set(re.findall(r"gen/([A-Za-z0-9._-]+)", text))):
        if name not in GENERATORS:
            raise ValueError("cmd names gen/%s, which run.py does not make" % name)
        os.makedirs(os.path.join(work, "gen"), exist_ok=True)
        with open(os.path.join(work, "gen", name), "wb") as f:
            GENERATORS[name](f)


def count_records(path):
    with open(path, newline="", encoding="utf-8", errors="surrogateescape") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def count_problems(case_dir, work, stderr, strict):
    """Problems with servq import's accounting, as a list of strings."""
    problems = []
    found = SUMMARY.findall(stderr)
    for n, a, r in found:
        if int(n) != int(a) + int(r):
            problems.append("read %s != imported %s + rejected %s" % (n, a, r))
    path = os.path.join(case_dir, "counts")
    if not os.path.exists(path):
        if strict and any(int(n) > 0 for n, _, _ in found):
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


def case_env(lc):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE", "CDPATH")}
    env.update(LC_ALL=lc or "C.UTF-8", NO_COLOR="1", TZ="UTC")
    if lc:
        env["LANGUAGE"] = "en"
    return env


def read_expected(path):
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
        return f.read()


def compare(case_dir, got):
    problems = []
    for key in EXPECTED:
        path = os.path.join(case_dir, key)
        if os.path.exists(path):
            want = read_expected(path)
        elif key == "stdout":
            want = ""
        else:
            problems.append("no expected %s; run with SERVQ_UPDATE_GOLDEN=1" % key)
            continue
        if want != got[key]:
            problems.append("%s differs:\n--- expected\n%s--- actual\n%s" % (key, want, got[key]))
    return problems


def update(case_dir, got):
    for key in EXPECTED:
        path = os.path.join(case_dir, key)
        # An empty stdout needs no file; one that is there stays.
        if key == "stdout" and not got[key] and not os.path.exists(path):
            continue
        if os.path.exists(path) and read_expected(path) == got[key]:
            continue
        with open(path, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
            f.write(got[key])
        print("updated %s" % os.path.relpath(path, HERE))


def run_case(name, lc, do_update):
    """Runs one case; returns its problems (none: it passed)."""
    case_dir = os.path.join(HERE, name)
    if not os.path.isfile(os.path.join(case_dir, "cmd")):
        return ["no case folder tests/cli/%s with a cmd file" % name]
    tmp = tempfile.mkdtemp(prefix="servq-case.")
    try:
        work = os.path.join(tmp, "work")
        prepare(case_dir, work)
        proc = subprocess.run(["sh", "cmd"], cwd=work, env=case_env(lc),
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=600)
        got = {
            "stdout": proc.stdout.decode("utf-8", "surrogateescape"),
            "stderr": proc.stderr.decode("utf-8", "surrogateescape"),
            "exit": "%d\n" % proc.returncode,
        }
        problems = []
        for key, text in got.items():
            for p in (tmp, os.environ["SERVQ_BIN"], os.environ["SERVQ_SRC"]):
                if p in text:
                    problems.append("%s names the absolute path %s" % (key, p))
        strict = name.split("/")[0] in STRICT_GROUPS
        if strict:
            for line in got["stderr"].splitlines():
                if not PROGRAM.match(line):
                    problems.append("a line of stderr without the program's name: %r"
                                    % line[:200])
        problems += count_problems(case_dir, work, got["stderr"], strict)
        if do_update:
            if not problems:
                update(case_dir, got)
            return problems
        return problems + compare(case_dir, got)
    finally:
        if os.environ.get("SERVQ_KEEP_TMP") == "1":
            print("kept %s" % tmp, file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def check_list(configured):
    cases, problems = discover()
    for c in sorted(set(cases) - set(configured)):
        problems.append("tests/cli/%s is not among the configured cases: run "
                        "'meson setup --reconfigure' on the build directory" % c)
    for c in sorted(set(configured) - set(cases)):
        problems.append("the build runs tests/cli/%s, which is gone: reconfigure" % c)
    for p in problems:
        print(p)
    return 1 if problems else 0


def locale_installed(lc):
    try:
        proc = subprocess.run(["locale"], env=dict(os.environ, LC_ALL=lc),
                              capture_output=True, text=True)
    except OSError:
        return False
    return proc.returncode == 0 and not proc.stderr


def main(argv):
    if argv[:1] == ["--list"]:
        cases, problems = discover()
        for p in problems:
            print(p, file=sys.stderr)
        print("\n".join(cases))
        return 1 if problems else 0
    if argv[:1] == ["--check-list"]:
        return check_list(argv[1:])
    do_update = os.environ.get("SERVQ_UPDATE_GOLDEN") == "1"
    lc = None
    while argv and argv[0] in ("--update", "--locale"):
        if argv[0] == "--update":
            do_update, argv = True, argv[1:]
        elif len(argv) > 1:
            lc, argv = argv[1], argv[2:]
        else:
            print("run.py: --locale needs a value", file=sys.stderr)
            return 1
    if not argv:
        print(__doc__, file=sys.stderr)
        return 1
    for var in ("SERVQ_BIN", "SERVQ_SRC"):
        if not os.environ.get(var):
            print("run.py: set %s" % var, file=sys.stderr)
            return 1
    if lc and do_update:
        print("SKIP: update mode rewrites expected files from the C.UTF-8 run only")
        return 77
    if lc and not locale_installed(lc):
        print("SKIP: locale %s is not installed (Debian: install 'locales', enable it in "
              "/etc/locale.gen, run locale-gen)" % lc)
        return 77
    status = 0
    for name in argv:
        name = name.rstrip("/")
        problems = run_case(name, lc, do_update)
        status |= bool(problems)
        if problems:
            print("FAIL: %s%s" % (name, " (LC_ALL=%s)" % lc if lc else ""))
            for p in problems:
                print("  " + p.replace("\n", "\n  "))
        elif not do_update:
            print("PASS: %s%s" % (name, " (LC_ALL=%s)" % lc if lc else ""))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
