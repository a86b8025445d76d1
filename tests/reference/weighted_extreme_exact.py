#!/usr/bin/python3
"""Checks the se values of tests/reference/weighted_extreme.csv for the
heavy cases against exact rational arithmetic (fractions), from the same
data, tests/data/weighted-heavy.csv: se^2 = n/(n-1) sum w^2 (x - m)^2 / W^2
with m = sum w x / W, x the item gap, the dimension score (mean of the
respondent's item gaps in it) or sq (mean of the dimension scores).

Run from the repository root:
    python3 tests/reference/weighted_extreme_exact.py
Prints the largest relative difference per case; exits 1 above 1e-14.
"""
import csv
import math
import sys
from fractions import Fraction

ITEMS = ["q%d" % i for i in range(1, 23)]
DIMS = {
    "tangibles": ITEMS[0:4],
    "reliability": ITEMS[4:9],
    "responsiveness": ITEMS[9:13],
    "assurance": ITEMS[13:17],
    "empathy": ITEMS[17:22],
}


def se(xs, ws):
    n, total = len(xs), sum(ws)
    m = sum(w * x for w, x in zip(ws, xs)) / total
    s = sum(w * w * (x - m) ** 2 for w, x in zip(ws, xs))
    return math.sqrt(Fraction(n, n - 1) * s / total ** 2)


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def main():
    rows = list(csv.DictReader(open("tests/data/weighted-heavy.csv")))
    ref = {}
    for r in csv.DictReader(open("tests/reference/weighted_extreme.csv")):
        ref[(r["case"], r["scope"], r["id"], r["field"])] = float(r["value"])

    def gap(r, i):
        e, p = r["E_" + i], r["P_" + i]
        return Fraction(int(p) - int(e)) if e and p else None

    gaps = [{i: gap(r, i) for i in ITEMS} for r in rows]
    dims = [{d: mean(g[i] for i in its) for d, its in DIMS.items()} for g in gaps]
    sq = [mean(d.values()) for d in dims]
    status = 0
    for col in ("w8", "w10", "w11"):
        case = "heavy" + col[1:]
        weights = [Fraction(r[col]) for r in rows]
        series = [("item", i, [g[i] for g in gaps]) for i in ITEMS]
        series += [("dimension", d, [x[d] for x in dims]) for d in DIMS]
        series.append(("overall", "sq", sq))
        worst = 0.0
        for scope, ident, xs in series:
            pairs = [(x, w) for x, w in zip(xs, weights) if x is not None]
            exact = se([x for x, _ in pairs], [w for _, w in pairs])
            worst = max(worst, abs(ref[(case, scope, ident, "se")] / exact - 1))
        print("%s: the reference se differs from exact arithmetic by %.2g at most" % (case, worst))
        if worst > 1e-14:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
