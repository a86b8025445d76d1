#!/usr/bin/env python3
"""Checks that each command's --help and its manual page list the same options.

Usage: man-options.py BINDIR SRCDIR
       man-options.py --self-test

For servq and for every servq-NAME that 'servq --help' lists under
"Commands:", the options are read from two places:

- '--help': every line that starts, within its first 8 columns, with
  "-x" or "--name" (descriptions are indented further, so an option named
  in a description does not count), and the option names up to the first
  blank: "-f, --format=FORMAT", "--color[=WHEN]", "--max-rejects=N|P%";
- docs/man/NAME.1.scd: the terms of the definition lists in the sections
  whose title holds OPTIONS or LIMITS (the commands list their --max-*
  limits in a section of their own in both places). A term is a line at
  the margin, starting with an option in scdoc markup or without
  ("*-i*, *--instrument*=_FILE_", "*--color*[=_WHEN_]"), whose next
  non-blank line is indented with a tab, as scdoc wants a term's body.

The test fails, naming the command and the option, when an option is on
one side only, or when a long option's short form differs between the two
(-w for --weight in one, nothing or -W in the other). It also checks that
the commands of 'servq --help', the COMMANDS section of servq(1) and the
pages docs/man/servq-NAME.1.scd name the same commands.

--self-test runs both parsers on small samples in the forms above,
including the ones that must not count, and exits 1 on a wrong result.
"""

import os
import re
import subprocess
import sys

OPT = re.compile(r"(?<![\w-])(--[A-Za-z0-9][A-Za-z0-9_-]*|-[A-Za-z0-9])(?![\w-])")
HELP_LINE = re.compile(r"^ {1,8}(-\S.*)$")
SECTION = re.compile(r"^# (.+)$")

failures = []


def fail(msg):
    failures.append(msg)
    print("not ok: " + msg)


def options_of(spec):
    """{long or short name: short form or None} from one option's spec."""
    names = OPT.findall(spec)
    longs = [n for n in names if n.startswith("--")]
    shorts = [n for n in names if not n.startswith("--")]
    out = {}
    for name in longs:
        out[name] = shorts[0] if len(shorts) == 1 else None
    if not longs:
        for s in shorts:
            out[s] = s
    return out


def help_options(text):
    """{option: short form} from --help output."""
    found = {}
    for line in text.split("\n"):
        m = HELP_LINE.match(line)
        if not m:
            continue
        # The names come before the description: up to two blanks, or the
        # end of the line when the description starts on the next one.
        spec = re.split(r"\s{2,}", m.group(1).rstrip(), maxsplit=1)[0]
        # "-f, --format=FORMAT": cut each name's argument off.
        parts = [re.split(r"[=\[ ]", p.strip(), maxsplit=1)[0] for p in spec.split(",")]
        found.update(options_of(" ".join(p for p in parts if p.startswith("-"))))
    return found


def unmark(s):
    """scdoc term text without its markup: *bold*, _underline_, escapes."""
    s = s.replace("\\_", "\x00").replace("\\*", "\x01")
    s = s.replace("*", "").replace("_", "")
    return s.replace("\x00", "_").replace("\x01", "*")


def man_sections(text):
    """{section title: [lines]} of an scdoc page."""
    sections, title = {}, None
    for line in text.split("\n"):
        m = SECTION.match(line)
        if m:
            title = m.group(1).strip()
            sections[title] = []
        elif title is not None:
            sections[title].append(line)
    return sections


def man_options(text):
    """{option: short form} from the OPTIONS and LIMITS sections."""
    found = {}
    in_code = False
    for title, lines in man_sections(text).items():
        if "OPTIONS" not in title.upper() and "LIMITS" not in title.upper():
            continue
        for i, line in enumerate(lines):
            if line.startswith("```"):
                in_code = not in_code
            if in_code or not line or line[0] in "\t ":
                continue
            term = unmark(line).strip()
            if not term.startswith("-"):
                continue
            nxt = next((x for x in lines[i + 1:] if x.strip()), "")
            if not nxt.startswith("\t"):
                continue  # a paragraph that starts with an option, not a term
            spec = [re.split(r"[=\[ ]", p.strip(), maxsplit=1)[0] for p in term.split(",")]
            found.update(options_of(" ".join(p for p in spec if p.startswith("-"))))
    return found


def help_commands(text):
    cmds, on = [], False
    for line in text.split("\n"):
        if line.strip() == "Commands:":
            on = True
            continue
        if on:
            m = re.match(r"^ {1,8}([a-z][a-z0-9-]*)\s{2,}\S", line)
            if not m:
                break
            cmds.append(m.group(1))
    return cmds


def man_commands(text):
    cmds = []
    lines = man_sections(text).get("COMMANDS", [])
    for i, line in enumerate(lines):
        if line and line[0] not in "\t " and line.startswith("*"):
            nxt = next((x for x in lines[i + 1:] if x.strip()), "")
            if nxt.startswith("\t"):
                cmds.append(unmark(line).strip())
    return cmds


def compare(cmd, page, helped, manned):
    before = len(failures)
    for opt in sorted(set(helped) | set(manned)):
        if opt not in manned:
            fail("%s: %s is in --help but not in the OPTIONS or LIMITS of %s" % (cmd, opt, page))
        elif opt not in helped:
            fail("%s: %s is in the OPTIONS or LIMITS of %s but not in --help" % (cmd, opt, page))
        elif opt.startswith("--") and helped[opt] != manned[opt]:
            fail("%s: %s has the short form %s in --help but %s in %s"
                 % (cmd, opt, helped[opt] or "(none)", manned[opt] or "(none)", page))
    if len(failures) == before:
        print("ok: %s: --help and %s agree on %d options" % (cmd, page, len(helped)))


def self_test():
    helped = help_options(
        "Usage: x [OPTION]...\n"
        "Options:\n"
        "  -f, --format=FORMAT    json (default), text\n"
        "      --max-rejects=N|P% fail (exit 1) when more than N rows,\n"
        "                         --import-stats), replacing FILE atomically\n"
        "      --import-stats=FILE\n"
        "                       rows read, imported and rejected\n"
        "      --color[=WHEN]\n"
        "  -b, --by=COL[,COL]...  also analyse each group\n"
        "  --inspiring-share=S  top-box share\n"
        "  -h, --help      show this help and exit\n"
        "Examples:\n"
        "  servq-import --suggest-map export.csv > map.json\n"
        "  N is a count of bytes, with K, M or G\n")
    want = {"--format": "-f", "--max-rejects": None, "--import-stats": None, "--color": None,
            "--by": "-b", "--inspiring-share": None, "--help": "-h"}
    ok = helped == want
    print("%s: self-test: --help parser: %s" % ("ok" if ok else "not ok", sorted(helped.items())))
    manned = man_options(
        "x(1)\n\n# SYNOPSIS\n\n*x* [_OPTION_]...\n\n# DESCRIPTION\n\n"
        "*--not-this*\n\tA definition outside OPTIONS.\n\n"
        "# OPTIONS\n\n"
        "*-i*, *--instrument*=_FILE_\n\tThe instrument.\n\n"
        "*--color*[=_WHEN_]\n\tColour.\n\n"
        "*--max-rejects*=_N_|_P_*%*\n\tExit with status 1.\n\n"
        "*--raw\\_csv*\n\tEscaped underscore.\n\n"
        "-q, --quiet\n\tWithout markup.\n\n"
        "*--format csv* writes one header row and then a paragraph,\n"
        "not a term: its next line is not indented with a tab.\n\n"
        "```\n*--in-code*\n\tnot a term\n```\n\n"
        "# LIMITS\n\n*--max-json-bytes*=_N_\n\tThe largest.\n\n"
        "# EXIT STATUS\n\n*-z*\n\tNot an option section.\n")
    want_m = {"--instrument": "-i", "--color": None, "--max-rejects": None, "--raw_csv": None,
              "--quiet": "-q", "--max-json-bytes": None}
    ok_m = manned == want_m
    print("%s: self-test: man parser: %s" % ("ok" if ok_m else "not ok", sorted(manned.items())))
    cmds = help_commands("Commands:\n  import         turn\n  merge          merge\n\nA\n")
    mcmds = man_commands("# COMMANDS\n\n*import*\n\tTurn.\n\n*merge*\n\tMerge.\n\n"
                         "The data flows:\n\n# OPTIONS\n")
    ok_c = cmds == ["import", "merge"] and mcmds == ["import", "merge"]
    print("%s: self-test: command lists: %s %s" % ("ok" if ok_c else "not ok", cmds, mcmds))
    return ok and ok_m and ok_c


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--self-test":
        return 0 if self_test() else 1
    if len(sys.argv) != 3:
        print("usage: man-options.py BINDIR SRCDIR | --self-test", file=sys.stderr)
        return 2
    if not self_test():
        print("the parsers are broken: see the self-test above")
        return 1
    bindir, src = sys.argv[1], sys.argv[2]
    mandir = os.path.join(src, "docs", "man")
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="en")

    def help_of(prog):
        p = subprocess.run([os.path.join(bindir, prog), "--help"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env)
        if p.returncode != 0:
            fail("%s --help: exit status %d" % (prog, p.returncode))
        return p.stdout.decode("utf-8", errors="replace")

    def page_of(prog):
        rel = os.path.join("docs", "man", prog + ".1.scd")
        try:
            with open(os.path.join(src, rel), encoding="utf-8") as f:
                return rel, f.read()
        except OSError as e:
            fail("%s: no manual page %s (%s)" % (prog, rel, e.strerror))
            return rel, None

    top = help_of("servq")
    commands = help_commands(top)
    if not commands:
        fail("servq --help lists no commands under 'Commands:'")
    rel, servq_page = page_of("servq")
    if servq_page is not None:
        in_page = man_commands(servq_page)
        for c in sorted(set(commands) | set(in_page)):
            if c not in in_page:
                fail("servq: the command %s is in --help but not in the COMMANDS of %s" % (c, rel))
            elif c not in commands:
                fail("servq: the command %s is in the COMMANDS of %s but not in --help" % (c, rel))
        pages = sorted(f[len("servq-"):-len(".1.scd")] for f in os.listdir(mandir)
                       if f.startswith("servq-") and f.endswith(".1.scd"))
        for c in sorted(set(pages) - set(commands)):
            fail("docs/man/servq-%s.1.scd documents a command servq --help does not list" % c)
        compare("servq", rel, help_options(top), man_options(servq_page))
    for c in commands:
        prog = "servq-" + c
        text = help_of(prog)
        rel, page = page_of(prog)
        if page is not None:
            compare(prog, rel, help_options(text), man_options(page))
    print("%d commands, %d failures" % (len(commands) + 1, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
