#!/usr/bin/env python3
"""Fails when a file of the build or the tests names a path outside the repository.

Usage: no-outside-paths.py SRCDIR
       no-outside-paths.py --self-test

Everything a test reads, and everything the build uses, must be inside the
repository: a fresh clone on a user's machine has nothing else. This
checks the text files under cmd/, lib/, include/, tests/, scripts/, tools/
and .ci/, and every meson.build and meson_options.txt in the tree, for:

- a relative path with ".." components ("../x", "a/../../b") that, resolved
  against the folder of the file that names it, leaves the source root;
  a path that starts with a variable naming the source root ($SERVQ_SRC,
  $srcdir, ${MESON_SOURCE_ROOT}...) is resolved against the root, and one
  that starts with another variable is not resolved;
- the same built from pieces, as os.path.join(root, "..", "x") or
  meson.project_source_root() / '..' / 'x' write it: a ".." string after
  "(", "," or "/";
- an absolute path into a developer's machine: /work/..., /home/<user>/...,
  /root/..., /Users/..., /mnt/..., /media/..., and $HOME/..., ${HOME}/...
  and ~/... (system paths such as /usr, /tmp or /dev/null are fine);
- a relative path with ".." components that stays in the tree but names
  nothing there ("../../shared/NOTES.md" from tests/cli/: it works only
  where something sits beside the tree).

Binary files (a NUL byte in their first 64 KiB) and the fuzz corpora
(tests/fuzz/corpus/, random bytes) are skipped, as are build trees (a
folder with build.ninja or meson-private) and .git. docs/, samples/ and
completion/ are for users and may name their paths (~/.bashrc,
/srv/servq); they are not checked, but their meson.build files are.

Each finding is printed as FILE:LINE: what, and the exit status is 1 when
there is one. --self-test plants each kind of violation, and legitimate
look-alikes, in a temporary tree, and checks that exactly the violations
are reported; a run on SRCDIR does the self-test first.
"""

import os
import re
import sys
import tempfile

CHECKED_DIRS = ["cmd", "lib", "include", "tests", "scripts", "tools", ".ci"]
BUILD_FILES = {"meson.build", "meson_options.txt"}
SKIPPED_DIRS = [os.path.join("tests", "fuzz", "corpus")]

# Variables and expressions that stand for the source root.
ROOT_VARS = re.compile(r"^\$\{?(SERVQ_SRC|SRCDIR|srcdir|src_dir|SRC|src|top_srcdir|"
                       r"MESON_SOURCE_ROOT|MESON_DIST_ROOT|ROOT|root|source_root)\}?$")
ROOT_EXPR = re.compile(r"project_source_root\(\)|source_root|SERVQ_SRC|\bsrc(dir|_dir)?\b|"
                       r"\broot\b|\bROOT\b|MESON_SOURCE_ROOT")
# A path-like token: no blanks, quotes, brackets or shell punctuation.
TOKEN = re.compile(r"[^\s'\"`<>()\[\]{}:,;|&=]*(?:\$\{[A-Za-z_]+\}[^\s'\"`<>()\[\]{}:,;|&=]*)*")
# A ".." string used as a path piece, and the pieces after it.
PIECES = re.compile(r"""(?:^|[(,/])\s*(?P<pieces>(['"])\.\.\2(?:\s*[,/]\s*(['"])[^'"]*\3)*)""")
PIECE = re.compile(r"""(['"])([^'"]*)\1""")
DEVELOPER = re.compile(r"(?:^|(?<=[\s'\"`=(:,;]))(?P<path>(?:/work|/root|/Users|/mnt|/media)(?:/[^\s'\"`)]*)?|"
                       r"/home/[^/\s'\"`)]+(?:/[^\s'\"`)]*)?|"
                       r"(?:\$HOME|\$\{HOME\}|~)/[^\s'\"`)]*)")


def is_binary(data):
    return b"\0" in data[:65536]


def inside(root, path):
    root = os.path.realpath(root)
    path = os.path.normpath(path)
    return path == root or path.startswith(root + os.sep)


def resolve(root, folder, token):
    """The absolute path token names, or None when it cannot be known."""
    parts = token.split("/")
    if parts[0].startswith("$") or parts[0].startswith("%"):
        if ROOT_VARS.match(parts[0]):
            return os.path.join(os.path.realpath(root), *parts[1:])
        return None
    if token.startswith("/"):
        return None  # absolute paths are judged by DEVELOPER
    return os.path.join(os.path.realpath(folder), *parts)


def check_text(root, rel, text):
    """[(line, message)] for one file's text."""
    found = []
    folder = os.path.join(root, os.path.dirname(rel))
    for n, line in enumerate(text.split("\n"), 1):
        for m in TOKEN.finditer(line):
            token = m.group(0)
            if token.endswith(".") and not token.endswith(".."):
                token = token[:-1]  # the full stop of a sentence
            # A bare ".." is a path only as a piece of a join (PIECES).
            if token == ".." or ".." not in token.split("/"):
                continue
            target = resolve(root, folder, token)
            if target is None:
                continue
            if not inside(root, target):
                found.append((n, "'%s' leaves the source tree (it is %s)"
                              % (token, os.path.normpath(target))))
            elif not re.search(r"[$%@*?]", token) and not os.path.lexists(os.path.normpath(target)):
                # Climbing to a name the tree does not have: most likely a
                # path that works only where something sits beside the tree.
                found.append((n, "'%s' names nothing in the source tree (%s)"
                              % (token, os.path.relpath(os.path.normpath(target), root))))
        for m in PIECES.finditer(line):
            pieces = [p[1] for p in PIECE.findall(m.group("pieces"))]
            before = line[:m.start("pieces")]
            base = os.path.realpath(root) if ROOT_EXPR.search(before) else folder
            target = os.path.join(os.path.realpath(base), *pieces)
            if not inside(root, target):
                found.append((n, "the path pieces %s leave the source tree"
                              % ", ".join(repr(p) for p in pieces)))
        for m in DEVELOPER.finditer(line):
            found.append((n, "'%s' is a path on a developer's machine" % m.group("path")))
    return found


def files_to_check(root):
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        if rel_dir == ".":
            rel_dir = ""
        keep = []
        for d in sorted(dirnames):
            path = os.path.join(dirpath, d)
            rel = os.path.join(rel_dir, d)
            if d == ".git" or rel in SKIPPED_DIRS:
                continue
            if os.path.exists(os.path.join(path, "build.ninja")) or \
                    os.path.isdir(os.path.join(path, "meson-private")):
                continue
            keep.append(d)
        dirnames[:] = keep
        top = rel_dir.split(os.sep)[0] if rel_dir else ""
        for f in sorted(filenames):
            if top in CHECKED_DIRS or f in BUILD_FILES:
                yield os.path.join(rel_dir, f)


def check_tree(root, skip=()):
    findings = []
    count = 0
    for rel in files_to_check(root):
        if rel in skip:
            continue
        with open(os.path.join(root, rel), "rb") as f:
            data = f.read()
        if is_binary(data):
            continue
        count += 1
        text = data.decode("utf-8", errors="surrogateescape")
        for n, msg in check_text(root, rel, text):
            findings.append("%s:%d: %s" % (rel, n, msg))
    return count, findings


def self_test():
    """Plants violations and look-alikes; True when exactly the violations show."""
    planted = {
        # file: (text, number of findings expected)
        "tests/unit/a.c": ('fopen("../../../shared/NOTES.md", "r");\n', 1),
        "tests/cli/x/b.sh": ('cat "$SERVQ_SRC/../shared/NOTES.md"\n', 1),
        "tests/c.py": ('open(os.path.join(root, "..", "shared", "x"))\n', 1),
        "meson.build": ("f = meson.project_source_root() / '..' / 'shared'\n", 1),
        "scripts/d": ("cp /work/shared/STYLE.md .\n", 1),
        "lib/e.c": ('/* see /home/alice/notes.txt */\n', 1),
        "tools/f.py": ('p = "$HOME/servq/x"\nq = "~/servq"\n', 2),
        ".ci/g": ("x=a/../../../b\n", 1),
        "tests/cli/x/o.sh": ("cat ../../../shared/NOTES.md  # see ../../../README.md.\n", 1),
        # Look-alikes that must pass.
        "tests/fuzz/h.meson": ("include_directories('../../lib')\n", 0),
        "lib/meson.build": ("files('../samples/instruments/servqual22.json')\n", 0),
        "lib/i.c": ('snprintf(t, n, "%s%s", a, ascii ? ".." : "-"); /* "$1".."$9" */\n', 0),
        "cmd/j.c": ('"A.../D... the adequate"; cp -R "$t/work/samples" x; /usr/bin/x\n', 0),
        "tests/k.sh": ('cd "$tmp/../y"; mktemp -d "${TMPDIR:-/tmp}/x"; x=tests/../lib\n', 0),
        "tests/fuzz/corpus/l": ("../../../../etc/passwd /work/x\n", 0),
        "docs/m.md": ("/work/shared ../../../x\n", 0),
        "tests/n.bin": ("\0../../../../x /work/y\n", 0),
        # What the look-alikes name.
        "samples/instruments/servqual22.json": ("{}\n", 0),
        "tests/lib/p": ("\n", 0),
        "README.md": ("\n", 0),
    }
    with tempfile.TemporaryDirectory(prefix="servq-paths.") as tmp:
        root = os.path.join(tmp, "repo")
        for rel, (text, _) in planted.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        _, findings = check_tree(root)
    ok = True
    for rel, (_, want) in planted.items():
        got = [x for x in findings if x.startswith(rel + ":")]
        if len(got) != want:
            ok = False
            print("not ok: self-test: %s: %d findings, want %d: %s" % (rel, len(got), want, got))
        else:
            print("ok: self-test: %s: %d finding%s" % (rel, want, "" if want == 1 else "s"))
    return ok


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--self-test":
        return 0 if self_test() else 1
    if len(sys.argv) != 2:
        print("usage: no-outside-paths.py SRCDIR | --self-test", file=sys.stderr)
        return 2
    if not self_test():
        print("the check itself is broken: see the self-test above")
        return 1
    root = os.path.realpath(sys.argv[1])
    me = os.path.relpath(os.path.realpath(__file__), root)
    count, findings = check_tree(root, skip={me})
    for x in findings:
        print(x)
    print("%d files checked, %d paths outside the repository" % (count, len(findings)))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
