#!/usr/bin/env python3
"""Installs the build into a temporary DESTDIR and checks the result.

Usage: install-test.py MESON BUILDDIR SRCDIR [--command NAME]... [--man PAGE]...
                       [--help-man]

  - "meson install --destdir" puts the commands (servq and each NAME),
    libservq (shared, with its soname links, and static), every public
    header, servq.pc, the man pages (each PAGE given), the bash completion
    (a link per NAME) and the sample instruments where they belong;
  - the installed commands run (LD_LIBRARY_PATH), and with --help-man
    "servq help import" finds the installed page through MANPATH;
  - consumer.c builds against the installed library with only
    "pkg-config --cflags --libs servq" (PKG_CONFIG_PATH and
    PKG_CONFIG_SYSROOT_DIR point into the DESTDIR) and runs, printing the
    version and the built-in instrument's id and item count; then again
    statically, with "pkg-config --static --libs servq" and libservq.a.

Environment: CC, the compiler command (default cc); SERVQ_CFLAGS, extra
flags for it (the sanitizer flags of the build).
"""

import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

problems = []


def fail(msg):
    problems.append(msg)
    print("FAIL: " + msg)


def run(cmd, env=None, **kw):
    print("+ " + " ".join(shlex.quote(c) for c in cmd))
    return subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kw)


def expect_files(root, rel_dir, names):
    for name in names:
        path = os.path.join(root, rel_dir, name)
        if not os.path.lexists(path):
            fail("not installed: %s" % os.path.join(rel_dir, name))


def same_set(what, installed_glob, source_glob):
    got = sorted(os.path.basename(p) for p in glob.glob(installed_glob))
    want = sorted(os.path.basename(p) for p in glob.glob(source_glob))
    if got != want:
        fail("%s: installed %s, but the source has %s" % (what, got, want))


def main(argv):
    args = argv[1:]
    if len(args) < 3:
        sys.stderr.write(__doc__)
        return 2
    meson, build, src = args[:3]
    man_pages, help_man, commands = [], False, ["servq"]
    rest = args[3:]
    while rest:
        if rest[0] == "--command" and len(rest) > 1:
            commands.append(rest[1])
            rest = rest[2:]
        elif rest[0] == "--man" and len(rest) > 1:
            man_pages.append(rest[1])
            rest = rest[2:]
        elif rest[0] == "--help-man":
            help_man = True
            rest = rest[1:]
        else:
            sys.stderr.write("install-test.py: unknown argument %s\n" % rest[0])
            return 2

    intro = json.loads(subprocess.run(
        [meson, "introspect", build, "--buildoptions", "--projectinfo"], check=True,
        stdout=subprocess.PIPE, universal_newlines=True).stdout)
    opts = {o["name"]: o["value"] for o in intro["buildoptions"]}
    version = intro["projectinfo"]["version"]
    prefix = opts["prefix"]

    def rel(name):
        d = opts[name]
        return d if not os.path.isabs(d) else os.path.relpath(d, prefix)

    tmp = tempfile.mkdtemp(prefix="servq-install.")
    try:
        dest = os.path.join(tmp, "dest")
        env = dict(os.environ)
        env.pop("DESTDIR", None)
        r = run([meson, "install", "-C", build, "--destdir", dest, "--no-rebuild", "--quiet"],
                env=env)
        if r.returncode != 0:
            fail("meson install failed:\n" + r.stdout)
            return 1
        root = dest + prefix
        bindir, libdir, incdir = rel("bindir"), rel("libdir"), rel("includedir")
        datadir, mandir = rel("datadir"), rel("mandir")

        # What is installed, and where.
        expect_files(root, bindir, commands)
        expect_files(root, libdir, ["libservq.so", "libservq.so.0",
                                    "libservq.so." + version, "libservq.a",
                                    os.path.join("pkgconfig", "servq.pc")])
        same_set("public headers", os.path.join(root, incdir, "servq", "*.h"),
                 os.path.join(src, "include", "servq", "*.h"))
        same_set("sample instruments",
                 os.path.join(root, datadir, "servq", "instruments", "*"),
                 os.path.join(src, "samples", "instruments", "*"))
        expect_files(root, os.path.join(datadir, "bash-completion", "completions"),
                     commands)
        for page in man_pages:
            expect_files(root, os.path.join(mandir, "man" + page.rsplit(".", 1)[1]), [page])
        private = glob.glob(os.path.join(root, incdir, "**", "*-priv.h"), recursive=True)
        if private:
            fail("private headers installed: %s" % private)

        # The installed commands run.
        run_env = dict(os.environ)
        run_env["LD_LIBRARY_PATH"] = os.path.join(root, libdir)
        run_env["MANPATH"] = os.path.join(root, mandir)
        run_env.update(MANPAGER="cat", PAGER="cat", MANWIDTH="80", LC_ALL="C.UTF-8")
        servq = os.path.join(root, bindir, "servq")
        r = run([servq, "score", "--version"], env=run_env)
        if r.returncode != 0 or r.stdout.strip() != "servq-score (servq) %s" % version:
            fail("installed 'servq score --version' gave %r" % r.stdout)
        if help_man:
            r = run([servq, "help", "import"], env=run_env)
            if r.returncode != 0 or "servq-import" not in r.stdout:
                fail("installed 'servq help import' did not show the page:\n" + r.stdout[:500])

        # An outside program, built with pkg-config alone.
        pc_env = dict(os.environ)
        pc_env["PKG_CONFIG_PATH"] = os.path.join(root, libdir, "pkgconfig")
        pc_env["PKG_CONFIG_SYSROOT_DIR"] = dest
        pc_env.pop("PKG_CONFIG_LIBDIR", None)

        def pkg_config(*flags):
            r = run(["pkg-config"] + list(flags) + ["servq"], env=pc_env)
            if r.returncode != 0:
                fail("pkg-config %s servq failed:\n%s" % (" ".join(flags), r.stdout))
                return None
            return shlex.split(r.stdout)

        modversion = pkg_config("--modversion")
        if modversion != [version]:
            fail("pkg-config --modversion servq gave %s, not %s" % (modversion, version))
        cflags, libs, static_libs = (pkg_config("--cflags"), pkg_config("--libs"),
                                     pkg_config("--static", "--libs"))
        if cflags is None or libs is None or static_libs is None:
            return 1
        cc = shlex.split(os.environ.get("CC") or "cc")
        extra = shlex.split(os.environ.get("SERVQ_CFLAGS", ""))
        consumer_c = os.path.join(src, "tests", "install", "consumer.c")
        want = "%s\nservqual22 22\n" % version
        static_a = os.path.join(root, libdir, "libservq.a")
        # --static: libservq.a in place of -lservq, so Libs.private and
        # Requires.private must name everything it needs.
        static_libs = [static_a if a == "-lservq" else a for a in static_libs]
        for kind, link in (("shared", libs), ("static", static_libs)):
            exe = os.path.join(tmp, "consumer-" + kind)
            r = run(cc + extra + ["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror"]
                    + cflags + [consumer_c, "-o", exe] + link)
            if r.returncode != 0:
                fail("the %s consumer does not build:\n%s" % (kind, r.stdout))
                continue
            cenv = dict(os.environ)
            if kind == "shared":
                cenv["LD_LIBRARY_PATH"] = os.path.join(root, libdir)
            r = run([exe], env=cenv)
            if r.returncode != 0 or r.stdout != want:
                fail("the %s consumer printed %r, not %r" % (kind, r.stdout, want))
            else:
                print("ok: %s consumer: %s" % (kind, r.stdout.replace("\n", " ").strip()))
    finally:
        if os.environ.get("SERVQ_KEEP_TMP") == "1":
            print("kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
