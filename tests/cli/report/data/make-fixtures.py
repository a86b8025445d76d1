#!/usr/bin/env python3
"""Makes the report's hand-made test documents (tests/cli/report/data/).

The golden tests of servq report need documents with everything the report
can show: several periods, segments (one suppressed, one with a low base),
managers' and staff's answers compared with customers' (gap 1 and the
internal view), the zone of tolerance (A and D), NPS and CSAT, reliability
warnings and missed targets. This script writes a small instrument and
seeded synthetic canonical responses for three ISO weeks, runs the real
servq-gap-analysis on them, and keeps the documents, so the report tests do
not change when gap-analysis output does.

usage: make-fixtures.py BUILD_CMD_DIR
  e.g. tests/cli/report/data/make-fixtures.py build/cmd

It writes, beside itself: shop.json (instrument), targets.json,
full-w45.json, full-w46.json, full-w47.json, and xss-w47.json (the last week
with segment names that must be escaped). The CSV inputs are rebuilt each
time in a temporary directory.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

INSTRUMENT = {
    "schema": "servq.instrument/1",
    "id": "shop4z",
    "name": {"en": "Shop service (4 items)", "es": "Servicio de la tienda (4 ítems)",
             "pt": "Serviço da loja (4 itens)", "ru": "Обслуживание в магазине (4 пункта)"},
    "scale": {"min": 1, "max": 7},
    "measures": ["E", "P", "A", "D"],
    "importance": True,
    "dimensions": [
        {"id": "speed", "name": {"en": "Speed", "es": "Rapidez", "pt": "Rapidez",
                                 "ru": "Скорость"}},
        {"id": "care", "name": {"en": "Care", "es": "Atención", "pt": "Cuidado",
                                "ru": "Забота"}},
    ],
    "items": [
        {"id": "s1", "dimension": "speed",
         "label": {"en": "Short queues at the till", "es": "Colas cortas en caja",
                   "pt": "Filas curtas no caixa", "ru": "Короткие очереди на кассе"}},
        {"id": "s2", "dimension": "speed",
         "label": {"en": "Quick answers to questions", "es": "Respuestas rápidas",
                   "pt": "Respostas rápidas", "ru": "Быстрые ответы на вопросы"}},
        {"id": "c1", "dimension": "care",
         "label": {"en": "Friendly staff", "es": "Personal amable",
                   "pt": "Equipe simpática", "ru": "Доброжелательный персонал"}},
        {"id": "c2", "dimension": "care",
         "label": {"en": "Staff remember regular customers",
                   "es": "El personal recuerda a los clientes habituales",
                   "pt": "A equipe lembra dos clientes habituais",
                   "ru": "Персонал помнит постоянных клиентов"}},
    ],
    "extras": [
        {"id": "nps", "type": "nps", "label": "Likelihood to recommend"},
        {"id": "sat", "type": "csat", "scale": {"min": 1, "max": 5}},
    ],
}

TARGETS = {
    "schema": "servq.targets/1",
    "sq": -0.3,
    "dimensions": {"care": -0.5},
    "items": {"s1": -0.5},
    "nps": 10,
    "csat": 60,
}

# Item: mean E, P, A, D for customers. s1 falls below the zone, c2 above it.
ITEMS = {"s1": (6.2, 4.5, 5.3, 6.6), "s2": (5.8, 5.0, 4.4, 6.4),
         "c1": (5.4, 5.3, 4.3, 6.1), "c2": (4.9, 5.9, 3.9, 5.3)}
WEEKS = [("2026-11-02", 0), ("2026-11-09", 1), ("2026-11-16", 2)]


def rating(rng, mean, sd=0.9):
    return max(1, min(7, int(round(rng.gauss(mean, sd)))))


def rows_for_week(rng, day0, k, stores):
    out = []
    n = 0
    for store, count in stores:
        for i in range(count):
            n += 1
            r = {"respondent_id": "w%d-%03d" % (k, n), "date": "%s" % day0,
                 "role": "customer", "store": store}
            lift = 0.25 * k if store != "Norte" else -0.1 * k
            for it, (e, p, a, d) in ITEMS.items():
                pp = p + lift + (0.3 * k if it.startswith("c") else 0)
                r["E_" + it] = rating(rng, e)
                r["P_" + it] = rating(rng, pp)
                r["A_" + it] = rating(rng, a)
                r["D_" + it] = rating(rng, d)
            if i % 9 == 4:
                r["P_s2"] = ""
            w = [rng.randint(10, 60), rng.randint(10, 60)]
            r["I_speed"], r["I_care"] = w
            r["X_nps"] = max(0, min(10, int(round(rng.gauss(7.4 + 0.4 * k, 2.0)))))
            r["X_sat"] = max(1, min(5, int(round(rng.gauss(3.7 + 0.1 * k, 0.9)))))
            out.append(r)
    for role, count, shift in (("manager", 7, -1.1), ("staff", 9, 0.9)):
        for i in range(count):
            n += 1
            r = {"respondent_id": "w%d-%s%d" % (k, role[0], i), "date": day0, "role": role,
                 "store": "Centro"}
            for it, (e, p, a, d) in ITEMS.items():
                r["E_" + it] = rating(rng, e + (shift if role == "manager" and it[0] == "s"
                                                else 0))
                r["P_" + it] = rating(rng, p + (shift if role == "staff" else 0))
                r["A_" + it] = rating(rng, a)
                r["D_" + it] = rating(rng, d)
            r["I_speed"], r["I_care"] = 50, 50
            r["X_nps"], r["X_sat"] = "", ""
            out.append(r)
    return out


def write_csv(path, rows):
    cols = ["respondent_id", "date", "role", "store"]
    for it in ITEMS:
        cols += ["E_" + it, "P_" + it, "A_" + it, "D_" + it]
    cols += ["I_speed", "I_care", "X_nps", "X_sat"]

    def cell(v):
        s = str(v)
        if any(c in s for c in ',"\n'):
            s = '"' + s.replace('"', '""') + '"'
        return s
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(cols) + "\n")
        for r in rows:
            f.write(",".join(cell(r.get(c, "")) for c in cols) + "\n")


def analyse(bindir, tmp, csv, out):
    cmd = [os.path.join(bindir, "servq-gap-analysis"), "-i", os.path.join(HERE, "shop.json"),
           "--by", "store", "--period", "week", "--compare-roles",
           "--targets", os.path.join(HERE, "targets.json"), csv]
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp)
    if res.returncode not in (0, 3):
        sys.exit("make-fixtures.py: %s failed:\n%s" % (" ".join(cmd), res.stderr.decode()))
    with open(os.path.join(HERE, out), "wb") as f:
        f.write(res.stdout)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    bindir = os.path.abspath(sys.argv[1])
    with open(os.path.join(HERE, "shop.json"), "w", encoding="utf-8") as f:
        json.dump(INSTRUMENT, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(os.path.join(HERE, "targets.json"), "w", encoding="utf-8") as f:
        json.dump(TARGETS, f, indent=2)
        f.write("\n")
    rng = random.Random(20261102)
    stores = [("Centro", 42), ("Norte", 24), ("Sur", 3)]
    with tempfile.TemporaryDirectory() as tmp:
        for day0, k in WEEKS:
            csv = os.path.join(tmp, "w%d.csv" % k)
            rows = rows_for_week(rng, day0, k, stores)
            write_csv(csv, rows)
            analyse(bindir, tmp, csv, "full-w%d.json" % (45 + k))
            if k == 2:
                # The same week with names that HTML and Markdown must escape.
                for r in rows:
                    if r["store"] == "Norte":
                        r["store"] = "<script>alert(1)</script>"
                    elif r["store"] == "Centro":
                        r["store"] = "a|b*c_[x](y) & <b>"
                write_csv(csv, rows)
                analyse(bindir, tmp, csv, "xss-w47.json")


if __name__ == "__main__":
    main()
