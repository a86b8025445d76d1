#!/usr/bin/env python3
"""Checks that libservq's exports, lib/libservq.map and the headers agree.

Usage: check-symbols.py NM MAP LIBSERVQ_SO INCLUDE_DIR

Fails (exit 1, one line per problem) when
  - a SERVQ_API declaration in INCLUDE_DIR/servq/*.h is missing from MAP
    (so a new API without a map entry fails the suite), or MAP lists a
    name no header declares;
  - MAP uses a wildcard in a global: section;
  - the shared library, per "NM -D --defined-only", exports a symbol MAP
    does not list, lacks one it lists, or puts one in another version node;
  - the umbrella header servq/servq.h does not include every other header.
"""

import glob
import os
import re
import subprocess
import sys

IDENT = re.compile(r"[A-Za-z_]\w*")


def strip_c_comments(text):
    return re.sub(r"/\*.*?\*/", " ", text, flags=re.S)


def header_api(include_dir):
    """Maps each SERVQ_API name to the header declaring it."""
    names = {}
    for path in sorted(glob.glob(os.path.join(include_dir, "servq", "*.h"))):
        with open(path, encoding="utf-8") as f:
            text = strip_c_comments(f.read())
        # The declarator name is the last identifier before "(" (a
        # function) or ";" (an object); "#define SERVQ_API" lines do not
        # start with SERVQ_API.
        for m in re.finditer(r"^[ \t]*SERVQ_API\b([^;{(]*)[(;]", text, flags=re.M):
            idents = IDENT.findall(m.group(1))
            if idents:
                names[idents[-1]] = os.path.basename(path)
    return names


def map_symbols(path):
    """Maps each name in a global: section to its version node."""
    with open(path, encoding="utf-8") as f:
        text = strip_c_comments(f.read())
    syms, problems = {}, []
    for node, body in re.findall(r"([A-Za-z_][\w.]*)\s*\{(.*?)\}\s*[\w.]*\s*;", text, flags=re.S):
        section = None
        for tok in re.findall(r"[^\s;]+:|[^\s;]+", body):
            if tok.endswith(":"):
                section = tok[:-1]
            elif section == "global":
                if not IDENT.fullmatch(tok):
                    problems.append("%s: node %s: '%s' is not an explicit name" % (path, node, tok))
                elif tok in syms:
                    problems.append("%s: '%s' is listed twice" % (path, tok))
                else:
                    syms[tok] = node
    if not syms:
        problems.append("%s: no global symbols found" % path)
    return syms, problems


def exported(nm, lib):
    """Maps each defined dynamic symbol to its version ("" if none)."""
    out = subprocess.run([nm, "-D", "--defined-only", lib], check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout
    syms = {}
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 2:
            continue
        kind, name = fields[-2], fields[-1]
        if kind == "A":
            continue  # a version node definition, such as SERVQ_0.1
        name, _, version = name.partition("@")
        syms[name] = version.lstrip("@")
    return syms


def umbrella_problems(include_dir):
    umbrella = os.path.join(include_dir, "servq", "servq.h")
    with open(umbrella, encoding="utf-8") as f:
        included = set(re.findall(r'^\s*#\s*include\s+["<]servq/([^">]+)[">]',
                                  strip_c_comments(f.read()), flags=re.M))
    problems = []
    for path in sorted(glob.glob(os.path.join(include_dir, "servq", "*.h"))):
        name = os.path.basename(path)
        if name != "servq.h" and name not in included:
            problems.append("servq/servq.h does not include servq/%s" % name)
    return problems


def main(argv):
    if len(argv) != 5:
        sys.stderr.write(__doc__)
        return 2
    nm, map_path, lib, include_dir = argv[1:]
    api = header_api(include_dir)
    mapped, problems = map_symbols(map_path)
    exports = exported(nm, lib)

    for name in sorted(set(api) - set(mapped)):
        problems.append("%s declares SERVQ_API %s, but lib/libservq.map does not list it"
                        % (api[name], name))
    for name in sorted(set(mapped) - set(api)):
        problems.append("lib/libservq.map lists %s, but no public header declares it" % name)
    for name in sorted(set(exports) - set(mapped)):
        problems.append("the library exports %s, which lib/libservq.map does not list" % name)
    for name in sorted(set(mapped) - set(exports)):
        problems.append("lib/libservq.map lists %s, but the library does not export it "
                        "(is it defined, and marked SERVQ_API?)" % name)
    for name in sorted(set(mapped) & set(exports)):
        if exports[name] != mapped[name]:
            problems.append("%s has version '%s' in the library, '%s' in lib/libservq.map"
                            % (name, exports[name], mapped[name]))
    problems += umbrella_problems(include_dir)

    for p in problems:
        print("FAIL: " + p)
    if problems:
        return 1
    print("ok: %d symbols; headers, lib/libservq.map and %s agree"
          % (len(mapped), os.path.basename(lib)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
