#!/usr/bin/env python3
"""Installs servq and checks the result.

Usage: install-test.py MESON BUILDDIR SRCDIR [--command NAME]... [--man PAGE]...
                       [--help-man] [--completions DIR] [--bash-completion FILE]

First BUILDDIR, into a temporary DESTDIR:
  - "meson install --destdir" puts the commands (servq and each NAME),
    libservq (shared, with its soname links, and static), every public
    header, servq.pc, the man pages (each PAGE given), the bash completion
    (in DIR, a link per NAME) and the instruments a user would choose (those
    of samples/instruments, each file named after its id) where they belong;
  - the installed commands run with no LD_LIBRARY_PATH (their RUNPATH is
    relative, and a DESTDIR is a prefix moved after the install), and with
    --help-man "servq help import" finds the installed page through MANPATH;
  - consumer.c builds against the installed library with only
    "pkg-config --cflags --libs servq" (PKG_CONFIG_PATH and
    PKG_CONFIG_SYSROOT_DIR point into the DESTDIR) and runs, printing the
    version and the built-in instrument's id and item count; then again
    statically, with "pkg-config --static --libs servq" and libservq.a.

Then SRCDIR again, configured with a temporary --prefix in a build
directory of its own (only what is installed is built), and installed
there:
  - every command (servq, each NAME, and "servq NAME") does real work on
    the sample with LD_LIBRARY_PATH unset: import, gap-analysis by name
    (-i servqual22, byte for byte the built-in's document), score, report,
    gap-analysis --state of two shards and merge (the single pass, byte
    for byte), and "servq help instruments" lists the prefix's instruments;
  - with --bash-completion (bash-completion's main script), the loader
    completes every command from the prefix's completions, nothing sourced
    by hand (tests/completion/test-loader.sh);
  - the prefix, moved elsewhere, still runs and still finds its
    instruments.

Environment: CC, the compiler command (default cc); SERVQ_CFLAGS, extra
flags for it (the sanitizer flags of the build); SERVQ_KEEP_TMP=1 keeps the
temporary directory.
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


def clean_env():
    """The environment of an installed command: no LD_LIBRARY_PATH, no SERVQ_PATH."""
    env = dict(os.environ)
    for name in ("LD_LIBRARY_PATH", "SERVQ_PATH", "DESTDIR", "MANPATH"):
        env.pop(name, None)
    env.update(MANPAGER="cat", PAGER="cat", MANWIDTH="80", LC_ALL="C.UTF-8")
    return env


def check_instrument_ids(inst_dir):
    """-i NAME reads NAME.json: each installed file is named after its id."""
    for path in sorted(glob.glob(os.path.join(inst_dir, "*.json"))):
        with open(path, encoding="utf-8") as f:
            ident = json.load(f).get("id")
        if ident + ".json" != os.path.basename(path):
            fail("installed instrument %s has the id %r: -i %s would not find it"
                 % (os.path.basename(path), ident, ident))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def work(cmd, env, cwd, out=None, want=(0,)):
    """Runs an installed command in cwd with stdin closed; its stdout goes
    to the file out there, or is returned. Fails unless it exits with one
    of want."""
    print("+ (cd %s) %s%s" % (cwd, " ".join(shlex.quote(c) for c in cmd),
                             " > " + out if out else ""))
    kw = dict(env=env, cwd=cwd, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if out:
        with open(os.path.join(cwd, out), "wb") as f:
            r = subprocess.run(cmd, stdout=f, **kw)
    else:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, **kw)
    if r.returncode not in want:
        fail("%s exited with %d:\n%s" % (" ".join(cmd), r.returncode,
                                         r.stderr.decode("utf-8", "replace")))
    return r


def build_in_prefix(meson, src, tmp):
    """Configures src with --prefix TMP/prefix in TMP/build, builds what is
    installed and installs it. Returns the prefix, or None after failing."""
    prefix, build = os.path.join(tmp, "prefix"), os.path.join(tmp, "build")
    env = dict(os.environ)
    env.pop("DESTDIR", None)
    r = run([meson, "setup", build, src, "--prefix", prefix, "--buildtype", "plain",
             "-Db_sanitize=none"], env=env)
    if r.returncode != 0:
        fail("meson setup --prefix %s failed:\n%s" % (prefix, r.stdout))
        return None
    targets = json.loads(subprocess.run(
        [meson, "introspect", build, "--targets"], check=True,
        stdout=subprocess.PIPE, universal_newlines=True).stdout)
    outputs = sorted({os.path.relpath(f, build) for t in targets if t.get("installed")
                      for f in t["filename"]})
    r = run(["ninja", "-C", build] + outputs, env=env)
    if r.returncode != 0:
        fail("building what is installed failed:\n" + r.stdout[-3000:])
        return None
    r = run([meson, "install", "-C", build, "--no-rebuild", "--quiet"], env=env)
    if r.returncode != 0:
        fail("meson install --prefix %s failed:\n%s" % (prefix, r.stdout))
        return None
    return prefix


def prefix_install(meson, src, tmp, commands, version, help_man, bash_completion):
    """The second half of the test (see the top): a real --prefix."""
    prefix = build_in_prefix(meson, src, tmp)
    if prefix is None:
        return
    opts = {o["name"]: o["value"] for o in json.loads(subprocess.run(
        [meson, "introspect", os.path.join(tmp, "build"), "--buildoptions"], check=True,
        stdout=subprocess.PIPE, universal_newlines=True).stdout)}
    bindir = os.path.join(prefix, opts["bindir"])
    datadir = os.path.join(prefix, opts["datadir"])
    env = clean_env()
    env["MANPATH"] = os.path.join(prefix, opts["mandir"])
    wd = os.path.join(tmp, "work")
    os.mkdir(wd)
    sample = os.path.join(src, "samples", "exports", "generic_servqual.csv")

    def exe(name):
        return os.path.join(bindir, name)

    for c in commands:
        r = work([exe(c), "--version"], env, wd)
        if r.stdout.decode().strip() != "%s (servq) %s" % (c, version):
            fail("'%s --version' from --prefix gave %r" % (c, r.stdout))

    # servq-import and "servq import" write the same responses.
    work([exe("servq-import"), "-q", "-r", "rejects.csv", "--stats", "stats.json", sample],
         env, wd, "responses.csv")
    work([exe("servq"), "import", "-q", sample], env, wd, "responses-servq.csv")
    rows = read(os.path.join(wd, "responses.csv")).count(b"\n")
    if rows != 593 or read(os.path.join(wd, "responses-servq.csv")) != \
            read(os.path.join(wd, "responses.csv")):
        fail("servq-import wrote %d lines (want 593: a header and 592 respondents), "
             "or 'servq import' wrote others" % rows)
    else:
        print("ok: servq-import and servq import: 592 respondents")

    # gap-analysis by name: the installed servqual22 is the built-in one.
    work([exe("servq-gap-analysis"), "responses.csv"], env, wd, "builtin.json")
    work([exe("servq-gap-analysis"), "-i", "servqual22", "--by", "branch", "responses.csv"],
         env, wd, "gaps.json")
    work([exe("servq"), "gap-analysis", "-i", "servqual22", "responses.csv"], env, wd,
         "by-name.json")
    if read(os.path.join(wd, "by-name.json")) != read(os.path.join(wd, "builtin.json")):
        fail("'servq gap-analysis -i servqual22' differs from the built-in instrument's")
    else:
        print("ok: gap-analysis -i servqual22 from --prefix gives the built-in's document")
    r = work([exe("servq-gap-analysis"), "-i", "quality_treatment14", "--format", "text",
              os.path.join(src, "tests", "data", "zot.csv")], env, wd)
    if not r.stdout.startswith(b"servq gap analysis: Fourteen expectations"):
        fail("gap-analysis -i quality_treatment14 printed %r" % r.stdout[:200])

    # score, report.
    work([exe("servq-score"), "-i", "servqual22", "responses.csv"], env, wd, "scores.csv")
    if read(os.path.join(wd, "scores.csv")).count(b"\n") != 593:
        fail("servq-score wrote no row per respondent")
    # 3: a quality target missed is no failure here (there are none).
    work([exe("servq-report"), "--import-stats", "stats.json", "gaps.json"], env, wd,
         "report.txt", want=(0, 3))
    work([exe("servq"), "report", "-f", "html", "-o", "report.html", "gaps.json"], env, wd,
         want=(0, 3))
    if b"SERVQUAL" not in read(os.path.join(wd, "report.txt")) or \
            not read(os.path.join(wd, "report.html")).startswith(b"<!DOCTYPE html>"):
        fail("servq-report wrote no report")
    else:
        print("ok: servq-report and servq report -f html")

    # Two shards' states merge into the single pass's document.
    with open(os.path.join(wd, "responses.csv"), "rb") as f:
        lines = f.readlines()
    half = 1 + (len(lines) - 1) // 2
    for name, part in (("a.csv", lines[1:half]), ("b.csv", lines[half:])):
        with open(os.path.join(wd, name), "wb") as f:
            f.writelines([lines[0]] + part)
        work([exe("servq-gap-analysis"), "--state", "-i", "servqual22", "--by", "branch",
              name], env, wd, name + ".state")
    work([exe("servq-merge"), "a.csv.state", "b.csv.state"], env, wd, "merged.json")
    work([exe("servq"), "merge", "a.csv.state", "b.csv.state"], env, wd, "merged2.json")
    if read(os.path.join(wd, "merged.json")) != read(os.path.join(wd, "gaps.json")) or \
            read(os.path.join(wd, "merged2.json")) != read(os.path.join(wd, "gaps.json")):
        fail("servq-merge of two shards differs from the single pass")
    else:
        print("ok: servq-merge and servq merge of two shards: the single pass")

    # What -i NAME finds: the prefix's instruments.
    inst = os.path.join(datadir, "servq", "instruments")
    r = work([exe("servq"), "help", "instruments"], env, wd)
    listed = r.stdout.decode()
    want = sorted(os.path.basename(p)[:-5]
                  for p in glob.glob(os.path.join(src, "samples", "instruments", "*.json")))
    if inst + ":\n" not in listed or any("  %s " % w not in listed for w in want):
        fail("'servq help instruments' does not list %s in %s:\n%s" % (want, inst, listed))
    else:
        print("ok: servq help instruments lists %s" % " ".join(want))
    for c in commands:
        if c in ("servq-import", "servq-score", "servq-gap-analysis"):
            r = work([exe(c), "--list-instruments"], env, wd)
            if r.stdout.decode() != listed:
                fail("'%s --list-instruments' differs from 'servq help instruments'" % c)
    if help_man:
        r = work([exe("servq"), "help", "gap-analysis"], env, wd)
        if b"servq-gap-analysis" not in r.stdout:
            fail("'servq help gap-analysis' from --prefix did not show the page")

    # bash-completion's loader completes every command from the prefix.
    if bash_completion and os.path.exists(bash_completion):
        r = run(["bash", os.path.join(src, "tests", "completion", "test-loader.sh"),
                 bash_completion, bindir,
                 os.path.join(datadir, "bash-completion", "completions")], env=env)
        print(r.stdout, end="")
        if r.returncode != 0 or "not ok" in r.stdout:
            fail("completion through bash-completion's loader failed")
    elif bash_completion:
        print("skip: %s is missing: no completion loader test" % bash_completion)
    else:
        print("skip: bash-completion was not found at configure time: no completion "
              "loader test (scripts/install-deps installs it)")

    # A prefix moved after the install still runs and finds its instruments.
    moved = prefix + "-moved"
    os.rename(prefix, moved)
    r = work([os.path.join(moved, opts["bindir"], "servq"), "gap-analysis", "-i",
              "servqual22", "responses.csv"], env, wd)
    if r.stdout != read(os.path.join(wd, "builtin.json")):
        fail("the moved prefix's 'servq gap-analysis -i servqual22' differs")
    else:
        print("ok: the prefix, moved, still runs and finds servqual22")


def main(argv):
    args = argv[1:]
    if len(args) < 3:
        sys.stderr.write(__doc__)
        return 2
    meson, build, src = args[:3]
    man_pages, help_man, commands = [], False, ["servq"]
    completions, bash_completion = None, None
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
        elif rest[0] == "--completions" and len(rest) > 1:
            completions = rest[1]
            rest = rest[2:]
        elif rest[0] == "--bash-completion" and len(rest) > 1:
            bash_completion = rest[1]
            rest = rest[2:]
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
        same_set("instruments",
                 os.path.join(root, datadir, "servq", "instruments", "*"),
                 os.path.join(src, "samples", "instruments", "*"))
        check_instrument_ids(os.path.join(root, datadir, "servq", "instruments"))
        if completions is None:
            completions = os.path.join(prefix, datadir, "bash-completion", "completions")
        expect_files(dest + completions, "", commands)
        for page in man_pages:
            expect_files(root, os.path.join(mandir, "man" + page.rsplit(".", 1)[1]), [page])
        private = glob.glob(os.path.join(root, incdir, "**", "*-priv.h"), recursive=True)
        if private:
            fail("private headers installed: %s" % private)

        # The installed commands run, with no LD_LIBRARY_PATH.
        run_env = clean_env()
        run_env["MANPATH"] = os.path.join(root, mandir)
        servq = os.path.join(root, bindir, "servq")
        r = run([servq, "score", "--version"], env=run_env)
        if r.returncode != 0 or r.stdout.strip() != "servq-score (servq) %s" % version:
            fail("installed 'servq score --version' gave %r" % r.stdout)
        for c in commands:
            r = run([os.path.join(root, bindir, c), "--version"], env=run_env)
            if r.returncode != 0 or r.stdout.strip() != "%s (servq) %s" % (c, version):
                fail("installed '%s --version' gave %r" % (c, r.stdout))
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

        prefix_install(meson, src, tmp, commands, version, help_man, bash_completion)
    finally:
        if os.environ.get("SERVQ_KEEP_TMP") == "1":
            print("kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
