#!/bin/sh
# Runs CLI golden cases: tests/cli/<cmd>/<case>.sh against <case>.stdout,
# <case>.stderr and <case>.exit.
#
# Usage: run-case.sh [--locale LOCALE] CASE...
#   CASE is "import/sample" (or "import/sample.sh"), relative to tests/cli,
#   or a path to the case script.
#
# Environment:
#   SERVQ_BIN            directory with servq, servq-import, ... (required)
#   SERVQ_SRC            the source root (required)
#   SERVQ_TEST_BIN       directory of the test tools built in tests/cli
#                        (make-sav, for the import/sav-* cases)
#   SERVQ_UPDATE_GOLDEN  1: rewrite the expected files instead of comparing
#   SERVQ_KEEP_TMP       1: keep each case's temporary directory
#
# Each case runs with sh in a fresh temporary directory holding copies of
# samples/ and tests/data/instruments/ (from the source root) and data/
# (tests/cli/data), so messages name inputs by stable relative paths; stdin
# is /dev/null, LC_ALL=C.UTF-8, NO_COLOR=1, TZ=UTC. Cases call "$SERVQ_BIN/servq-import" and so on.
#
# --locale LOCALE runs the cases under LC_ALL=LOCALE instead and compares
# with the same expected files: output must not depend on the locale.
# LANGUAGE=en keeps libc's own messages (strerror, getopt) in English, as
# translated messages are legitimate. It never rewrites the expected files,
# and exits 77 (skip) when LOCALE is not installed or in update mode.
#
# Exit status: 0 all passed, 1 a mismatch or an error, 77 skipped.

set -u

locale_arg=
if [ "${1-}" = "--locale" ]; then
    [ $# -ge 2 ] || { echo "run-case.sh: --locale needs a value" >&2; exit 1; }
    locale_arg=$2
    shift 2
fi
if [ $# -eq 0 ]; then
    echo "usage: run-case.sh [--locale LOCALE] CASE..." >&2
    exit 1
fi
: "${SERVQ_BIN:?run-case.sh: set SERVQ_BIN to the directory of the servq commands}"
: "${SERVQ_SRC:?run-case.sh: set SERVQ_SRC to the source root}"
update=${SERVQ_UPDATE_GOLDEN:-0}
cli_dir=$SERVQ_SRC/tests/cli

if [ -n "$locale_arg" ]; then
    if [ "$update" = 1 ]; then
        echo "SKIP: update mode rewrites expected files from the C.UTF-8 run only"
        exit 77
    fi
    if ! command -v locale >/dev/null 2>&1 ||
        [ -n "$(LC_ALL=$locale_arg locale 2>&1 >/dev/null)" ]; then
        echo "SKIP: locale $locale_arg is not installed (Debian: install 'locales'," \
            "enable it in /etc/locale.gen, run locale-gen)"
        exit 77
    fi
fi

tmp_root=$(mktemp -d "${TMPDIR:-/tmp}/servq-cli.XXXXXX") || exit 1
cleanup() {
    if [ "${SERVQ_KEEP_TMP:-0}" = 1 ]; then
        echo "kept $tmp_root" >&2
    else
        rm -rf "$tmp_root"
    fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

# Fails when an output names a temporary or absolute build/source path.
check_paths() { # file label
    for p in "$tmp_root" "$SERVQ_BIN" "$SERVQ_SRC"; do
        if grep -qF -- "$p" "$1"; then
            echo "FAIL: $2 contains the absolute path '$p'"
            return 1
        fi
    done
    return 0
}

# Compares expected file $1 with actual file $2; prints a diff on mismatch.
compare() { # expected actual label
    if [ ! -f "$1" ]; then
        echo "FAIL: missing $3; run with SERVQ_UPDATE_GOLDEN=1 to create it"
        return 1
    fi
    if ! cmp -s "$1" "$2"; then
        echo "FAIL: $3 differs:"
        diff -u --label "expected/$3" --label "actual/$3" "$1" "$2"
        return 1
    fi
    return 0
}

run_one() { # case
    c=${1%.sh}
    case $c in
    /*) script=$c.sh ;;
    *) if [ -f "$c.sh" ] && [ ! -f "$cli_dir/$c.sh" ]; then script=$PWD/$c.sh; else script=$cli_dir/$c.sh; fi ;;
    esac
    if [ ! -f "$script" ]; then
        echo "FAIL: no case script $script"
        return 1
    fi
    base=${script%.sh}
    name=${base#"$cli_dir"/}
    t=$tmp_root/$(echo "$name" | tr '/' '_')${locale_arg:+-$locale_arg}
    mkdir -p "$t/work" || return 1
    cp -R "$SERVQ_SRC/samples" "$t/work/samples" || return 1
    # The maps in samples/maps name their instruments in tests/data/instruments.
    mkdir -p "$t/work/tests/data" || return 1
    cp -R "$SERVQ_SRC/tests/data/instruments" "$t/work/tests/data/instruments" || return 1
    if [ -d "$cli_dir/data" ]; then
        cp -R "$cli_dir/data" "$t/work/data" || return 1
    fi

    if [ -n "$locale_arg" ]; then
        lc=$locale_arg language=en
    else
        lc=C.UTF-8 language=
    fi
    (
        cd "$t/work" || exit 125
        unset LANG LANGUAGE LC_CTYPE LC_NUMERIC LC_TIME LC_COLLATE LC_MONETARY \
            LC_MESSAGES LC_PAPER LC_NAME LC_ADDRESS LC_TELEPHONE LC_MEASUREMENT \
            LC_IDENTIFICATION CDPATH
        [ -n "$language" ] && LANGUAGE=$language && export LANGUAGE
        LC_ALL=$lc NO_COLOR=1 TZ=UTC SERVQ_BIN=$SERVQ_BIN SERVQ_SRC=$SERVQ_SRC
        export LC_ALL NO_COLOR TZ SERVQ_BIN SERVQ_SRC
        exec sh "$script" </dev/null >"$t/stdout" 2>"$t/stderr"
    )
    echo $? >"$t/exit"

    ok=0
    check_paths "$t/stdout" "$name.stdout" || ok=1
    check_paths "$t/stderr" "$name.stderr" || ok=1
    if [ "$update" = 1 ]; then
        if [ $ok -ne 0 ]; then
            echo "NOT UPDATED: $name"
            return 1
        fi
        for ext in stdout stderr exit; do
            if ! cmp -s "$t/$ext" "$base.$ext" 2>/dev/null; then
                cp "$t/$ext" "$base.$ext" || return 1
                echo "updated $name.$ext"
            fi
        done
        return 0
    fi
    for ext in stdout stderr exit; do
        compare "$base.$ext" "$t/$ext" "$name.$ext" || ok=1
    done
    if [ $ok -eq 0 ]; then
        echo "PASS: $name${locale_arg:+ (LC_ALL=$locale_arg)}"
    else
        echo "FAIL: $name${locale_arg:+ (LC_ALL=$locale_arg)}"
    fi
    return $ok
}

status=0
for arg; do
    run_one "$arg" || status=1
done
exit $status
