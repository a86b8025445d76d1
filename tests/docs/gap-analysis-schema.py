#!/usr/bin/python3
"""Validates real gap-analysis documents against docs/gap-analysis.schema.json.

Usage: gap-analysis-schema.py BINDIR SRCDIR

BINDIR holds servq-import, servq-gap-analysis and servq-merge; SRCDIR is
the source root. In a temporary directory the script makes documents from
the data in the repository:

- samples/exports/generic_servqual.csv through servq import, analysed
  plain, --by branch, --period week, --by branch,channel --period month,
  --weight (a weight column added here), with --ipa-center scale,
  --adjust bh and --missing pairwise, with --min-n above n (everyone
  suppressed), and as the merge of two shards' states;
- tests/data/weighted.csv (--weight weight), tests/data/roles.csv
  (--compare-roles, with and without --by role), tests/data/zot.csv with
  samples/instruments/quality_treatment14.json (the zone of tolerance),
  tests/data/nps.csv with tests/data/nps.json (NPS and CSAT);
- psych's bfi data (tests/data/bfi/) through servq import with
  tests/data/instruments/bfi25.json: a perception-only instrument, also by
  gender and with weights; and a perception-only instrument with A, D and
  importance columns, written out below;
- tests/cli/data/mini10.csv with mini3.json and --targets (targets met and
  missed, and a target whose value is null);
- instruments whose items are on different scales (mixed_scales), with E
  and P (on mini10.csv, an item unanswered) and perception-only;
- every adversarial set of tests/data/adversarial/ with --min-n 1.

Each document must validate with the validator of the draft the schema
declares ($schema), with format checking. The schema itself must pass its
metaschema, have an absolute $id (given in docs/gap-analysis-json.md,
which must also name every key the schema declares), and be closed: every
object it describes lists its keys (additionalProperties or unevaluatedProperties false, or
propertyNames), apart from the objects that are maps by design (a group's
key, names by language). To show that closedness bites, one unknown key is
planted in turn at each level of a document (top, dates, group, item, dimension,
overall, weighted, alpha, NPS, a role comparison, a target...) and each
must fail.

Exit status: 0 all passed, 1 a failure, 77 (skipped) when the Python
module jsonschema is missing (Debian: python3-jsonschema;
scripts/install-deps installs it).
"""

import copy
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

try:
    import jsonschema
except ImportError:
    print("SKIP: the Python module jsonschema is missing (Debian: python3-jsonschema)")
    sys.exit(77)

# Objects that are maps by design: their keys come from the data.
MAPS = {"#/$defs/group/properties/key", "#/$defs/names"}
# Bases that are only used through $ref from objects with
# "unevaluatedProperties": false, which closes them there.
BASES = {"#/$defs/test", "#/$defs/gap_figures"}

failures = []


def fail(msg):
    failures.append(msg)
    print("not ok: " + msg)


def run(argv, stdin=None, cwd=None, ok=(0,)):
    p = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       cwd=cwd)
    if p.returncode not in ok:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(argv), p.returncode,
                                                 p.stderr.decode(errors="replace")))
    return p.stdout


def closed(node):
    """True when an object schema admits only the keys it lists."""
    return (node.get("additionalProperties") is False
            or node.get("unevaluatedProperties") is False
            or ("propertyNames" in node and "enum" in node["propertyNames"])
            or ("then" in node and "else" in node
                and "propertyNames" in node["then"] and "propertyNames" in node["else"]))


def resolve(schema, ref):
    node = schema
    for step in ref.lstrip("#/").split("/"):
        node = node[step]
    return node


def check_closed(schema, node, path):
    """Every object the schema describes is closed, but for MAPS and BASES."""
    if isinstance(node, dict):
        if ((node.get("type") == "object" or "properties" in node) and path not in MAPS
                and path not in BASES and not closed(node)
                and not ("$ref" in node and closed(resolve(schema, node["$ref"])))):
            fail("the schema's object %s does not close its keys" % path)
        for k, v in node.items():
            # Conditions (if/then/else/not) test keys, they describe no object.
            if k not in ("if", "then", "else", "not"):
                check_closed(schema, v, path + "/" + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            check_closed(schema, v, path + "/" + str(i))


def schema_keys(node):
    """Every property name the schema declares."""
    keys = set()
    if isinstance(node, dict):
        keys.update(node.get("properties", {}))
        for v in node.values():
            keys |= schema_keys(v)
    elif isinstance(node, list):
        for v in node:
            keys |= schema_keys(v)
    return keys


def plant(doc, path, key="unknown_key"):
    """A copy of doc with key added to the object at path (a list of steps)."""
    d = copy.deepcopy(doc)
    o = d
    for step in path:
        o = o[step]
    if not isinstance(o, dict):
        raise TypeError("not an object at %r" % (path,))
    o[key] = 1
    return d


def csv_add_column(text, name, values):
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(rows[0] + [name])
    for i, r in enumerate(rows[1:]):
        w.writerow(r + [values(i)])
    return out.getvalue()


def main():
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 1
    bindir, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    imp = os.path.join(bindir, "servq-import")
    gap = os.path.join(bindir, "servq-gap-analysis")
    merge = os.path.join(bindir, "servq-merge")

    with open(os.path.join(src, "docs", "gap-analysis.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as e:
        fail("the schema fails its metaschema: %s" % e.message)
        return 1
    print("ok: the schema passes the %s metaschema" % cls.__name__)
    sid = schema.get("$id", "")
    if not urllib.parse.urlsplit(sid).scheme:
        fail("$id %r is not an absolute URI" % sid)
    else:
        print("ok: $id %s is absolute" % sid)
    with open(os.path.join(src, "docs", "gap-analysis-json.md"), encoding="utf-8") as f:
        reference = f.read()
    if sid not in reference:
        fail("docs/gap-analysis-json.md does not give the schema's $id %s" % sid)
    # Every key the schema allows is described in the reference, as `key`
    # or inside a code span such as `weights.n_eff`.
    fenced = re.findall(r"^```[^\n]*\n(.*?)^```", reference, flags=re.S | re.M)
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", reference, flags=re.S | re.M)
    spans = set(re.findall(r"`([^`\n]+)`", prose)) | set(fenced)
    words = set(w for s in spans for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", s))
    for key in sorted(schema_keys(schema)):
        if key not in words:
            fail("the schema's key %r is not described in docs/gap-analysis-json.md" % key)
    check_closed(schema, schema, "#")
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)

    docs = {}
    with tempfile.TemporaryDirectory(prefix="servq-schema.") as tmp:
        def data(*parts):
            return os.path.join(src, *parts)

        def analyse(name, args, stdin=None, ok=(0,)):
            out = run([gap] + args, stdin=stdin, cwd=tmp, ok=ok)
            docs[name] = json.loads(out)

        responses = run([imp, "-q", data("samples", "exports", "generic_servqual.csv")])
        weighted = csv_add_column(responses.decode(), "w",
                                  lambda i: "%.3f" % (0.4 + (i * 37 % 23) / 10))
        analyse("sample", [], responses)
        analyse("sample --by branch", ["--by", "branch"], responses)
        analyse("sample --period week", ["--period", "week"], responses)
        analyse("sample --by branch,channel --period month",
                ["--by", "branch,channel", "--period", "month"], responses)
        analyse("sample --weight w --by branch", ["--weight", "w", "--by", "branch"],
                weighted.encode())
        analyse("sample --ipa-center scale --adjust bh --missing pairwise",
                ["--ipa-center", "scale", "--adjust", "bh", "--missing", "pairwise"], responses)
        analyse("sample --min-n 1000 --by branch", ["--min-n", "1000", "--by", "branch"],
                responses)

        # The merge of two shards' states is a gap-analysis document too.
        lines = responses.decode().splitlines(keepends=True)
        half = len(lines) // 2
        states = b""
        for part in (lines[1:half], lines[half:]):
            states += run([gap, "--state", "--by", "branch"],
                          stdin=(lines[0] + "".join(part)).encode())
        docs["merge of two states --by branch"] = json.loads(run([merge], stdin=states))

        analyse("weighted.csv --weight weight",
                ["--weight", "weight", data("tests", "data", "weighted.csv")])
        analyse("roles.csv --compare-roles",
                ["--compare-roles", data("tests", "data", "roles.csv")])
        analyse("roles.csv --by role", ["--by", "role", data("tests", "data", "roles.csv")])
        analyse("zot.csv (A and D)",
                ["-i", data("samples", "instruments", "quality_treatment14.json"),
                 data("tests", "data", "zot.csv")])
        analyse("nps.csv (NPS and CSAT)",
                ["-i", data("tests", "data", "nps.json"), data("tests", "data", "nps.csv")])
        analyse("mini10.csv --targets (missed)",
                ["-i", data("tests", "cli", "data", "mini3.json"), "--targets",
                 data("tests", "cli", "data", "targets.json"),
                 data("tests", "cli", "data", "mini10.csv")], ok=(3,))
        with open(os.path.join(tmp, "targets.json"), "w") as f:
            json.dump({"schema": "servq.targets/1", "sq": -5, "wsq": -5,
                       "dimensions": {"care": -5}, "items": {"s1": -5}}, f)
        analyse("mini10.csv --targets (met, and wsq null)",
                ["-i", data("tests", "cli", "data", "mini3.json"), "--targets", "targets.json",
                 data("tests", "cli", "data", "mini10.csv")], ok=(3,))

        # Perception-only: psych's bfi through import, with a map naming
        # each column A1..O5 as the P rating of item a1..o5.
        bfi_ins = data("tests", "data", "instruments", "bfi25.json")
        cols = [{"column": "%s%d" % (t, k), "item": "%s%d" % (t.lower(), k), "measure": "P"}
                for t in "ACENO" for k in range(1, 6)]
        with open(os.path.join(tmp, "bfi-map.json"), "w") as f:
            json.dump({"schema": "servq.map/1", "instrument": bfi_ins, "id": "rownames",
                       "segments": ["gender", "education", "age"], "columns": cols}, f)
        bfi = run([imp, "-q", "--map", "bfi-map.json",
                   data("tests", "data", "bfi", "Rdatasets_psych_bfi.csv")], cwd=tmp)
        analyse("bfi (perception-only)", ["-i", bfi_ins], bfi)
        bfi_w = csv_add_column(bfi.decode(), "w", lambda i: "%.2f" % (0.5 + (i % 5) / 4))
        analyse("bfi (perception-only) --by gender --weight w",
                ["-i", bfi_ins, "--by", "gender", "--weight", "w"], bfi_w.encode())

        with open(os.path.join(tmp, "pad.json"), "w") as f:
            json.dump({"schema": "servq.instrument/1", "id": "pad", "scale": {"min": 1, "max": 5},
                       "measures": ["P", "A", "D"], "importance": True,
                       "dimensions": [{"id": "d"}, {"id": "e"}],
                       "items": [{"id": "a", "dimension": "d"}, {"id": "b", "dimension": "d"},
                                 {"id": "c", "dimension": "e"}],
                       "extras": [{"id": "nps", "type": "nps"}]}, f)
        pad = ("respondent_id,P_a,A_a,D_a,P_b,A_b,D_b,P_c,A_c,D_c,I_d,I_e,X_nps\n"
               "1,4,3,5,3,2,4,2,3,4,60,40,9\n2,5,3,4,4,3,5,3,2,4,20,80,7\n"
               "3,3,4,5,3,3,4,4,3,5,50,50,10\n4,4,3,5,5,2,4,5,4,5,0,0,3\n"
               "5,5,2,4,4,3,5,1,2,3,10,90,\n6,2,3,4,,,,3,3,3,,,8\n")
        analyse("perception-only with A, D and importance", ["-i", "pad.json", "--min-n", "1"],
                pad.encode())

        # Items on different scales: the dimension and overall marked
        # mixed_scales, with E and P and perception-only; c2 unanswered.
        with open(os.path.join(tmp, "mixed.json"), "w") as f:
            json.dump({"schema": "servq.instrument/1", "id": "mixed4",
                       "scale": {"min": 1, "max": 5},
                       "dimensions": [{"id": "speed"}, {"id": "care"}],
                       "items": [{"id": "s1", "dimension": "speed"},
                                 {"id": "s2", "dimension": "speed",
                                  "scale": {"min": 1, "max": 7}},
                                 {"id": "c1", "dimension": "care"},
                                 {"id": "c2", "dimension": "care"}]}, f)
        analyse("mini10.csv, items on different scales --by branch",
                ["-i", "mixed.json", "--by", "branch",
                 data("tests", "cli", "data", "mini10.csv")])
        with open(os.path.join(tmp, "pad.json")) as f:
            pad_mixed = json.load(f)
        pad_mixed["id"] = "pad_mixed"
        pad_mixed["items"][1]["scale"] = {"min": 1, "max": 7}
        with open(os.path.join(tmp, "pad-mixed.json"), "w") as f:
            json.dump(pad_mixed, f)
        analyse("perception-only, items on different scales",
                ["-i", "pad-mixed.json", "--min-n", "1"], pad.encode())
        for name in ("mini10.csv, items on different scales --by branch",
                     "perception-only, items on different scales"):
            g = docs[name]["groups"][0]
            if not (g["dimensions"][0].get("mixed_scales") is True
                    and g["overall"].get("mixed_scales") is True
                    and "mixed_scales" not in g["dimensions"][1]):
                fail("%s: the first dimension and overall are not marked mixed_scales" % name)

        adv = data("tests", "data", "adversarial")
        for name in sorted(os.listdir(adv)):
            if name.endswith(".csv"):
                analyse("adversarial/" + name,
                        ["-i", os.path.join(adv, "adv5.json"), "--min-n", "1",
                         os.path.join(adv, name)])

    for name, doc in docs.items():
        try:
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        except Exception as e:  # a $ref that does not resolve, in any version
            fail("%s: validation failed: %s: %s" % (name, type(e).__name__, e))
            continue
        if errors:
            for e in errors[:5]:
                fail("%s: %s: %s" % (name, e.json_path, e.message[:300]))
        else:
            print("ok: %s validates" % name)

    # What the documents above must have covered, or a planted key would
    # have nowhere to go.
    d = docs["sample --weight w --by branch"]
    roles = docs["roles.csv --compare-roles"]
    zot = docs["zot.csv (A and D)"]
    nps = docs["nps.csv (NPS and CSAT)"]
    tgt = docs["mini10.csv --targets (missed)"]
    perf = docs["bfi (perception-only) --by gender --weight w"]
    supp = docs["sample --min-n 1000 --by branch"]
    mixed = docs["mini10.csv, items on different scales --by branch"]
    pmixed = docs["perception-only, items on different scales"]
    plants = [
        ("top level", d, []),
        ("instrument", d, ["instrument"]),
        ("instrument item", d, ["instrument", "items", 0]),
        ("instrument item scale", d, ["instrument", "items", 0, "scale"]),
        ("instrument name", d, ["instrument", "name"]),
        ("options", d, ["options"]),
        ("dates", d, ["dates"]),
        ("group", d, ["groups", 1]),
        ("suppressed group", supp, ["groups", 1]),
        ("everyone's key", d, ["groups", 0, "key"]),
        ("item", d, ["groups", 0, "items", 0]),
        ("item weighted", d, ["groups", 0, "items", 0, "weighted"]),
        ("dimension", d, ["groups", 0, "dimensions", 0]),
        ("dimension alpha", d, ["groups", 0, "dimensions", 0, "alpha_e"]),
        ("alpha item", d, ["groups", 0, "dimensions", 0, "alpha_e", "items", 0]),
        ("overall", d, ["groups", 0, "overall"]),
        ("overall weighted", d, ["groups", 0, "overall", "weighted"]),
        ("wsq", d, ["groups", 0, "overall", "wsq"]),
        ("weights", d, ["groups", 0, "weights"]),
        ("ipa", d, ["groups", 0, "ipa"]),
        ("zot item", zot, ["groups", 0, "items", 0]),
        ("nps", nps, ["groups", 0, "nps"]),
        ("csat", nps, ["groups", 0, "csat"]),
        ("roles", roles, ["roles"]),
        ("role counts", roles, ["roles", "counts"]),
        ("gap 1", roles, ["roles", "gap1"]),
        ("role comparison row", roles, ["roles", "internal", "items", 0]),
        ("target", tgt, ["targets", 0]),
        ("perception-only item", perf, ["groups", 0, "items", 0]),
        ("perception-only dimension", perf, ["groups", 0, "dimensions", 0]),
        ("perception-only overall", perf, ["groups", 0, "overall"]),
        ("mixed-scale dimension", mixed, ["groups", 1, "dimensions", 0]),
        ("mixed-scale overall", mixed, ["groups", 0, "overall"]),
        ("perception-only mixed-scale dimension", pmixed, ["groups", 0, "dimensions", 0]),
        ("perception-only mixed-scale overall", pmixed, ["groups", 0, "overall"]),
    ]
    for what, doc, path in plants:
        if validator.is_valid(plant(doc, path)):
            fail("an unknown key in the %s validates: the schema does not close it" % what)
        else:
            print("ok: an unknown key in the %s is refused" % what)

    print("%d documents, %d planted keys, %d failures" % (len(docs), len(plants), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
