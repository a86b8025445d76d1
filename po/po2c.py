#!/usr/bin/env python3
"""Compiles the report's gettext catalogs into a C table, or checks them.

The library translates the report with an explicit language and never
calls setlocale, so a report in Russian works on a machine with no Russian
locale installed. This script turns po/<lang>.po into the table that
lib/render/report-i18n.c searches (struct servq_tr_entry, sorted by msgid).

usage:
  po2c.py OUTPUT.c es=es.po pt=pt_BR.po ru=ru.po
      write the table; the languages must be es, pt and ru, in any order
  po2c.py --check SOURCE.c... -- es=es.po pt=pt_BR.po ru=ru.po
      check that every N_("...") string of the sources has a translation in
      every catalog (not empty, not fuzzy), that no catalog has entries the
      sources no longer use, and that each translation uses the same {1},
      {2}... placeholders as its msgid; exit 1 with a list of problems

Only the subset of the PO format that the catalogs use is read: comments,
msgid, msgstr and continued string lines; msgctxt and plurals are refused.
"""
import re
import sys

LANGS = ["es", "pt", "ru"]


def unquote(s, where):
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise SystemExit("%s: expected a quoted string" % where)
    out = []
    i, body = 0, s[1:-1]
    esc = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while i < len(body):
        c = body[i]
        if c == "\\":
            if i + 1 >= len(body) or body[i + 1] not in esc:
                raise SystemExit("%s: unknown escape in %s" % (where, s))
            out.append(esc[body[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_po(path):
    """Returns {msgid: (msgstr, fuzzy)} without the header entry."""
    entries = {}
    cur = {}
    key = None
    fuzzy = False

    def flush(lineno):
        nonlocal cur, fuzzy, key
        if "msgid" in cur:
            if "msgstr" not in cur:
                raise SystemExit("%s:%d: msgid without msgstr" % (path, lineno))
            if cur["msgid"] != "":
                if cur["msgid"] in entries:
                    raise SystemExit("%s:%d: duplicate msgid %r" % (path, lineno, cur["msgid"]))
                entries[cur["msgid"]] = (cur["msgstr"], fuzzy)
        cur, key, fuzzy = {}, None, False

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        where = "%s:%d" % (path, n)
        if not line:
            flush(n)
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if "msgstr" in cur:
                flush(n)
            fuzzy = fuzzy or "fuzzy" in line
            continue
        if line.startswith("#"):
            if "msgstr" in cur:
                flush(n)
            continue
        if line.startswith("msgctxt") or line.startswith("msgid_plural") or line.startswith("msgstr["):
            raise SystemExit("%s: msgctxt and plural forms are not supported" % where)
        m = re.match(r'^(msgid|msgstr)\s+(".*")$', line)
        if m:
            if m.group(1) == "msgid" and "msgstr" in cur:
                flush(n)
            key = m.group(1)
            cur[key] = unquote(m.group(2), where)
            continue
        if line.startswith('"') and key:
            cur[key] += unquote(line, where)
            continue
        raise SystemExit("%s: cannot read %r" % (where, raw))
    flush(len(lines))
    return entries


def c_string(s):
    out = ['"']
    for b in s.encode("utf-8"):
        c = chr(b)
        if c == '"' or c == "\\":
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif 32 <= b < 127 and c != "?":
            out.append(c)
        else:
            out.append("\\%03o" % b)
    out.append('"')
    return "".join(out)


def parse_catalogs(args):
    cats = {}
    for a in args:
        lang, _, path = a.partition("=")
        if lang not in LANGS or not path:
            raise SystemExit("po2c.py: expected LANG=FILE with LANG in %s, got %r" % (LANGS, a))
        cats[lang] = read_po(path)
    if sorted(cats) != sorted(LANGS):
        raise SystemExit("po2c.py: need one catalog for each of %s" % LANGS)
    return cats


# N_("...") and TR("..."), whose literal may be split into adjacent pieces.
LIT = r'"(?:[^"\\\n]|\\.)*"'
MARK = re.compile(r"\b(?:N_|TR)\(\s*((?:%s\s*)+)\)" % LIT)
MARK_ANY = re.compile(r"\b(?:N_|TR)\(")


def source_strings(paths):
    found, problems = [], []
    for p in paths:
        text = open(p, encoding="utf-8").read()
        good = {m.start() for m in MARK.finditer(text)}
        for m in MARK_ANY.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if m.start() not in good and not text[line_start:].startswith("#define"):
                line = text.count("\n", 0, m.start()) + 1
                problems.append("%s:%d: N_() and TR() must hold string literals" % (p, line))
        for m in MARK.finditer(text):
            found.append("".join(unquote(x, p) for x in re.findall(LIT, m.group(1))))
    return found, problems


def placeholders(s):
    return sorted(set(re.findall(r"\{[1-9]\}", s)))


def check(sources, cats):
    strings, problems = source_strings(sources)
    wanted = set(strings)
    for lang in LANGS:
        cat = cats[lang]
        for s in sorted(wanted):
            if s not in cat:
                problems.append("%s: missing %r" % (lang, s))
                continue
            t, fuzzy = cat[s]
            if not t:
                problems.append("%s: untranslated %r" % (lang, s))
            elif fuzzy:
                problems.append("%s: fuzzy %r" % (lang, s))
            elif placeholders(t) != placeholders(s):
                problems.append("%s: placeholders of %r differ in %r" % (lang, s, t))
        for s in sorted(set(cat) - wanted):
            problems.append("%s: %r is no longer used by the sources" % (lang, s))
    for p in problems:
        print(p)
    print("%d strings, %d problems" % (len(wanted), len(problems)))
    return 1 if problems else 0


def write(output, cats):
    ids = sorted(set().union(*[set(c) for c in cats.values()]), key=lambda s: s.encode("utf-8"))
    with open(output, "w", encoding="ascii") as f:
        f.write("/* Generated from the po/ catalogs by po/po2c.py; do not edit. */\n")
        f.write('#include "render/report-i18n-priv.h"\n\n')
        f.write("const struct servq_tr_entry servq_tr_table[] = {\n")
        for s in ids:
            cells = []
            for lang in LANGS:
                t, fuzzy = cats[lang].get(s, ("", False))
                cells.append(c_string(t) if t and not fuzzy else "NULL")
            f.write("    {%s, {%s}},\n" % (c_string(s), ", ".join(cells)))
        if not ids:
            f.write("    {\"\", {NULL, NULL, NULL}},\n")
        f.write("};\n")
        f.write("const size_t servq_tr_table_len = %d;\n" % len(ids))


def main(argv):
    if len(argv) >= 2 and argv[1] == "--check":
        if "--" not in argv:
            raise SystemExit(__doc__)
        i = argv.index("--")
        return check(argv[2:i], parse_catalogs(argv[i + 1:]))
    if len(argv) < 3:
        raise SystemExit(__doc__)
    write(argv[1], parse_catalogs(argv[2:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
