#!/usr/bin/env python3
"""The folders of lib/ depend on one another only as lib/README.md allows.

lib/README.md holds a table between <!-- layering:begin --> and
<!-- layering:end -->: each folder, the folders it may include, and the
public headers it owns. A file in lib/<folder>/ may include, with quotes,
only headers of its own folder, of the folders it may include, and the
public headers those folders own. A folder whose "owns" cell says
"no cJSON" may not include <cjson/...> at all. The allowed dependencies
must form no circle. Prints every offending line and exits 1 if there is any.

Usage: layering.py SOURCE_ROOT
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
CJSON = re.compile(r'^\s*#\s*include\s+<cjson/')


# Folders whose row in the table says "no cJSON".
NO_CJSON = set()


def read_table(readme):
    text = open(readme, encoding="utf-8").read()
    m = re.search(r"<!-- layering:begin -->(.*?)<!-- layering:end -->", text, re.S)
    if not m:
        sys.exit(f"{readme}: no layering table")
    folders = {}
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        name = cells[0].strip("`").rstrip("/")
        deps = [] if cells[2] in ("—", "-", "") else cells[2].split()
        headers = [] if cells[3] in ("—", "-", "") else cells[3].split()
        folders[name] = (deps, headers)
        if "no cJSON" in cells[1]:
            NO_CJSON.add(name)
    return folders


def find_circle(folders):
    """A list of folders forming a circle, or None."""
    state = {}

    def visit(f, path):
        state[f] = "open"
        for d in folders[f][0]:
            if state.get(d) == "open":
                return path[path.index(d):] + [d] if d in path else [f, d]
            if d not in state:
                c = visit(d, path + [d])
                if c:
                    return c
        state[f] = "done"
        return None

    for f in folders:
        if f not in state:
            c = visit(f, [f])
            if c:
                return c
    return None


def self_test():
    """The check fails on a backward include and on a circle."""
    import subprocess
    import tempfile
    table = ("<!-- layering:begin -->\n| `a/` | x, no cJSON | — | a.h |\n| `b/` | y | {deps} | — |\n"
             "<!-- layering:end -->\n")
    cases = [("a", "#include \"b/y-priv.h\"\n", "—", 1),
             ("b", "#include \"a/x-priv.h\"\n#include \"servq/a.h\"\n", "a", 0),
             ("b", "#include \"servq/a.h\"\n", "—", 1),
             ("a", "#include <cjson/cJSON.h>\n", "—", 1),
             ("b", "#include <cjson/cJSON.h>\n", "—", 0)]
    for where, text, deps, want in cases:
        with tempfile.TemporaryDirectory() as t:
            for d in ("a", "b"):
                os.makedirs(os.path.join(t, "lib", d))
            with open(os.path.join(t, "lib", "README.md"), "w") as f:
                f.write(table.format(deps=deps))
            with open(os.path.join(t, "lib", where, "f.c"), "w") as f:
                f.write(text)
            r = subprocess.run([sys.executable, __file__, t], capture_output=True)
            if r.returncode != want:
                print(f"self-test: {where}/f.c with may-include {deps!r}: exit {r.returncode}, want {want}")
                return 1
    circle = {"a": (["b"], []), "b": (["a"], [])}
    if not find_circle(circle):
        print("self-test: a circle a -> b -> a is not found")
        return 1
    print("ok: the check refuses a backward include, cJSON where it is barred, and a circle")
    return 0


def main():
    if sys.argv[1] == "--self-test":
        return self_test()
    root = sys.argv[1]
    lib = os.path.join(root, "lib")
    folders = read_table(os.path.join(lib, "README.md"))
    problems = []
    for f, (deps, _) in folders.items():
        for d in deps:
            if d not in folders:
                problems.append(f"lib/README.md: {f}/ may include {d}/, which is not in the table")
    circle = find_circle(folders)
    if circle:
        problems.append("lib/README.md: the folders form a circle: " + " -> ".join(circle))
    owner = {h: f for f, (_, hs) in folders.items() for h in hs}

    on_disk = sorted(e for e in os.listdir(lib) if os.path.isdir(os.path.join(lib, e)))
    for d in on_disk:
        if d not in folders:
            problems.append(f"lib/{d}/ is not in lib/README.md's layering table")
    for e in os.listdir(lib):
        if e.endswith((".c", ".h")):
            problems.append(f"lib/{e}: every source lives in a stage folder")

    for f, (deps, _) in folders.items():
        allowed = {f, *deps}
        path = os.path.join(lib, f)
        if not os.path.isdir(path):
            problems.append(f"lib/{f}/ is in the table but not on disk")
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith((".c", ".h")):
                continue
            rel = f"lib/{f}/{name}"
            with open(os.path.join(path, name), encoding="utf-8") as src:
                for n, line in enumerate(src, 1):
                    if f in NO_CJSON and CJSON.match(line):
                        problems.append(f"{rel}:{n}: includes cJSON, but lib/README.md says {f}/ uses no cJSON")
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    inc = m.group(1)
                    if inc.startswith("servq/"):
                        stage = owner.get(inc[len("servq/"):])
                        if stage is None:
                            problems.append(f"{rel}:{n}: {inc} is owned by no folder in lib/README.md")
                        elif stage not in allowed:
                            problems.append(f"{rel}:{n}: includes {inc} ({stage}/), but {f}/ may include only {' '.join(sorted(allowed))}")
                        continue
                    stage, _, base = inc.partition("/")
                    if not base:
                        problems.append(f"{rel}:{n}: include \"{inc}\" as \"<folder>/{inc}\"")
                    elif stage not in folders:
                        problems.append(f"{rel}:{n}: includes {inc}, which is in no stage folder")
                    elif stage not in allowed:
                        problems.append(f"{rel}:{n}: includes {inc}, but {f}/ may include only {' '.join(sorted(allowed))}")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"ok: {len(folders)} folders, no include against lib/README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
