#!/usr/bin/env python3
"""Import every export of tests/data/zeroconf with its hand-written map and
compare with the canonical responses make.py wrote from the true answers.

Compared: the respondents, in order, and for each one every column of the
expected file (respondent_id, date, segments, E_/P_/A_/D_ ratings) as text;
servq's header must hold exactly the expected columns, in any order.  The
rows listed in a case's drop_ids (rows that are not responses, which
today's servq still imports) are left out of servq's output first.  A
second check regenerates the corpus into a temporary folder and requires
it byte-identical to the committed one.
"""
import csv, filecmp, json, os, subprocess, sys, tempfile


def read(text):
    rows = list(csv.reader(text.splitlines()))
    return rows[0], rows[1:]


def compare(case, data_dir, importer):
    res = subprocess.run([importer, "--map", os.path.join(data_dir, case["map"]),
                          os.path.join(data_dir, case["export"])], capture_output=True)
    if res.returncode != 0:
        return ["exit %d: %s" % (res.returncode, res.stderr.decode(errors="replace").strip())]
    got_head, got = read(res.stdout.decode())
    with open(os.path.join(data_dir, case["expected"]), encoding="utf-8") as f:
        want_head, want = read(f.read())
    if sorted(got_head) != sorted(want_head):
        return ["columns differ: got %s, want %s" % (got_head, want_head)]
    pos = {c: i for i, c in enumerate(got_head)}
    got = [r for r in got if r[pos["respondent_id"]] not in case["drop_ids"]]
    errors = []
    if len(got) != len(want):
        errors.append("%d respondents, want %d" % (len(got), len(want)))
    for g, w in zip(got, want):
        for col, value in zip(want_head, w):
            if g[pos[col]] != value:
                errors.append("respondent %s: column %s: got '%s', want '%s'" % (w[0], col, g[pos[col]], value))
    return errors[:10]


def reproducible(data_dir):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(data_dir, "make.py"), tmp], check=True)
        diffs = []
        for root, _, files in os.walk(tmp):
            for name in files:
                rel = os.path.relpath(os.path.join(root, name), tmp)
                if not filecmp.cmp(os.path.join(tmp, rel), os.path.join(data_dir, rel), shallow=False):
                    diffs.append(rel)
        return diffs


def main():
    importer, data_dir = sys.argv[1], sys.argv[2]
    with open(os.path.join(data_dir, "manifest.json"), encoding="utf-8") as f:
        cases = [c for c in json.load(f)["cases"] if c["importable_today"]]
    print("1..%d" % (len(cases) + 1))
    failed = 0
    for n, case in enumerate(cases, 1):
        errors = compare(case, data_dir, importer)
        print("%s %d - %s" % ("not ok" if errors else "ok", n, case["export"]))
        for e in errors:
            print("# " + e)
        failed += bool(errors)
    diffs = reproducible(data_dir)
    print("%s %d - make.py regenerates the corpus byte for byte" % ("not ok" if diffs else "ok", len(cases) + 1))
    for d in diffs:
        print("# differs: " + d)
    return 1 if failed or diffs else 0


if __name__ == "__main__":
    sys.exit(main())
