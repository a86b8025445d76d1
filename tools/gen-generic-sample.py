#!/usr/bin/env python3
"""Generate a seeded synthetic SERVQUAL export in the generic CSV layout.

Usage:
    python3 tools/gen-generic-sample.py [--seed N] [--rows N] > samples/exports/generic_servqual.csv

The committed sample samples/exports/generic_servqual.csv is the default output
(seed 20261123, 600 data rows):
    python3 tools/gen-generic-sample.py > samples/exports/generic_servqual.csv

Standard library only; all randomness comes from one random.Random(seed).

Layout: respondent_id,date,branch,channel,E01..E22,P01..P22,
        I_tangibles,I_reliability,I_responsiveness,I_assurance,I_empathy
7-point scale. Items 1-4 tangibles, 5-9 reliability, 10-13 responsiveness,
14-17 assurance, 18-22 empathy. Dates cover ISO weeks 2026-W44..W47
(Monday 2026-10-26 .. Sunday 2026-11-22). Ids R0001.. in date order.

Deliberately bad rows (default output, --rows 600). "Data row" counts from 1
after the header; "line" is the 1-based file line (header = line 1), i.e.
line = data row + 1. Each bad row is counted in the 600 rows and is bad for
exactly one reason:
    data row  37 (line  38), R0037: item value out of range, E05 = 8
    data row 112 (line 113), R0112: item value 0, P10 = 0
    data row 205 (line 206), R0205: non-numeric item value, P03 = abc
    data row 288 (line 289), R0288: decimal item value, E14 = 5.5
    data row 341 (line 342), R0341: ragged row, I_empathy field removed
                                    (one field fewer than the header)
    data row 419 (line 420), id R0150: duplicate respondent_id (first
                                    occurrence, data row 150 / line 151, is
                                    kept; this later row is the bad one;
                                    the id R0419 does not appear)
    data row 503 (line 504), R0503: negative importance, I_assurance = -5
                                    (points still sum to 100)
    data row 577 (line 578), (empty): empty respondent_id
With another --rows value, bad rows whose data row exceeds --rows are
skipped (and the duplicate only when row 150 exists).
"""

import argparse
import datetime
import math
import random
import sys

DEFAULT_SEED = 20261123
DEFAULT_ROWS = 600

DIMS = [
    ("tangibles", range(1, 5)),
    ("reliability", range(5, 10)),
    ("responsiveness", range(10, 14)),
    ("assurance", range(14, 18)),
    ("empathy", range(18, 23)),
]
DIM_OF = {}
for _d, _items in DIMS:
    for _k in _items:
        DIM_OF[_k] = _d

# Latent (pre-rounding) target shift of P relative to E, per item.
ITEM_GAP = {
    1: -0.05, 2: -0.20, 3: 0.00, 4: -0.15,
    5: -1.35, 6: -1.20, 7: -1.50, 8: -1.10, 9: -1.25,
    10: -1.20, 11: -1.40, 12: -1.05, 13: -1.30,
    14: -0.55, 15: -0.70, 16: -0.45, 17: -0.60,
    18: -0.50, 19: -0.65, 20: 0.30, 21: -0.55, 22: -0.40,
}
# Expectation level per dimension (latent, 7-point scale).
DIM_E = {
    "tangibles": 5.4, "reliability": 6.3, "responsiveness": 6.1,
    "assurance": 6.1, "empathy": 5.8,
}
BRANCHES = [("Centro", 0.45), ("Norte", 0.35), ("Sur", 0.20)]
CHANNELS = [("web", 0.50), ("phone", 0.30), ("branch", 0.20)]
# Branch effect on P per dimension (Sur is clearly worse on responsiveness).
BRANCH_EFFECT = {
    "Centro": {},
    "Norte": {"tangibles": -0.10},
    "Sur": {"responsiveness": -0.70, "reliability": -0.15},
}
WEEK_GAIN = 0.15          # P improves by this much per ISO week
MISSING_RATE = 0.03       # per item cell, E and P independently
NO_IMPORTANCE_RATE = 0.10
IMPORTANCE_BASE = {       # mean share of the 100 points
    "tangibles": 12, "reliability": 30, "responsiveness": 22,
    "assurance": 19, "empathy": 17,
}
START = datetime.date(2026, 10, 26)   # Monday of ISO week 2026-W44
DAYS = 28

BAD_ROWS = {
    37: "E05=8",
    112: "P10=0",
    205: "P03=abc",
    288: "E14=5.5",
    341: "ragged",
    419: "dup:150",
    503: "I_assurance=-5",
    577: "empty_id",
}


def pick(rng, choices):
    x = rng.random()
    acc = 0.0
    for name, w in choices:
        acc += w
        if x < acc:
            return name
    return choices[-1][0]


def clip7(x):
    v = int(math.floor(x + 0.5))
    return min(7, max(1, v))


def importance(rng):
    names = [d for d, _ in DIMS]
    raw = [max(0.0, rng.gammavariate(4.0, 1.0) * IMPORTANCE_BASE[d]) for d in names]
    tot = sum(raw)
    exact = [r * 100.0 / tot for r in raw]
    # Respondents tend to answer in multiples of 5.
    step = 5 if rng.random() < 0.7 else 1
    units = 100 // step
    base = [int(math.floor(e / step)) for e in exact]
    rem = units - sum(base)
    order = sorted(range(5), key=lambda i: -(exact[i] / step - base[i]))
    for i in order[:rem]:
        base[i] += 1
    pts = [b * step for b in base]
    assert sum(pts) == 100 and min(pts) >= 0
    return pts


def make_row(rng, rid, date):
    branch = pick(rng, BRANCHES)
    channel = pick(rng, CHANNELS)
    week = (date - START).days // 7
    e_lat = rng.gauss(0.0, 0.55)      # respondent expectation level
    p_lat = rng.gauss(0.0, 0.75)      # respondent perception level
    dim_lat = {d: rng.gauss(0.0, 0.30) for d, _ in DIMS}
    es, ps = [], []
    for k in range(1, 23):
        d = DIM_OF[k]
        e_true = DIM_E[d] + e_lat + rng.gauss(0.0, 0.55)
        e = clip7(e_true)
        p_true = (DIM_E[d] + e_lat * 0.5 + ITEM_GAP[k] + p_lat + dim_lat[d]
                  + BRANCH_EFFECT[branch].get(d, 0.0)
                  + WEEK_GAIN * (week - 1.5) + rng.gauss(0.0, 0.70))
        p = clip7(p_true)
        es.append("" if rng.random() < MISSING_RATE else str(e))
        ps.append("" if rng.random() < MISSING_RATE else str(p))
    if rng.random() < NO_IMPORTANCE_RATE:
        imp = [""] * 5
    else:
        imp = [str(v) for v in importance(rng)]
    return [rid, date.isoformat(), branch, channel] + es + ps + imp


def header():
    h = ["respondent_id", "date", "branch", "channel"]
    h += ["E%02d" % k for k in range(1, 23)]
    h += ["P%02d" % k for k in range(1, 23)]
    h += ["I_" + d for d, _ in DIMS]
    return h


def col(name):
    return header().index(name)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)

    n = args.rows
    offsets = sorted(rng.randrange(DAYS) for _ in range(n))
    rows = []
    for i in range(n):
        date = START + datetime.timedelta(days=offsets[i])
        rows.append(make_row(rng, "R%04d" % (i + 1), date))

    # Inject the bad rows (1-based data row numbers).
    for r, what in sorted(BAD_ROWS.items()):
        if r > n:
            continue
        row = rows[r - 1]
        if what.startswith("I_"):
            name, val = what.split("=")
            if row[col("I_tangibles")] == "":
                row[col("I_tangibles"):] = [str(v) for v in importance(rng)]
            # Keep the sum at 100: move the points into the largest other cell.
            i_cols = [col("I_" + d) for d, _ in DIMS]
            tgt = col(name)
            other = max((c for c in i_cols if c != tgt), key=lambda c: int(row[c]))
            row[other] = str(int(row[other]) + int(row[tgt]) - int(val))
            row[tgt] = val
        elif "=" in what:
            name, val = what.split("=")
            row[col(name)] = val
        elif what == "ragged":
            if row[col("I_tangibles")] == "":
                row[col("I_tangibles"):] = [str(v) for v in importance(rng)]
            del row[col("I_empathy")]
        elif what.startswith("dup:"):
            src = int(what[4:])
            if src > n:
                continue
            row[0] = rows[src - 1][0]
        elif what == "empty_id":
            row[0] = ""

    out = sys.stdout
    out.write(",".join(header()) + "\n")
    for row in rows:
        out.write(",".join(row) + "\n")


if __name__ == "__main__":
    main()
