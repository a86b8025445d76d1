#!/bin/sh
# Renders each manual page given as an argument with man -l (or groff when
# man is missing) and fails if rendering fails, prints nothing, or troff
# prints any warning.
#
# Usage: man-render.sh PAGE...

set -u

if [ $# -eq 0 ]; then
    echo "usage: $0 PAGE..." >&2
    exit 2
fi

# Render in a UTF-8 locale when there is one; troff warnings do not depend on it.
if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
    LC_ALL=C.UTF-8
else
    LC_ALL=C
fi
export LC_ALL
MANWIDTH=80
export MANWIDTH
unset MANPAGER PAGER MAN_KEEP_FORMATTING

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

status=0
for page in "$@"; do
    if command -v man >/dev/null 2>&1; then
        man --warnings=w -E UTF-8 -l "$page" >"$tmp/out" 2>"$tmp/err"
    else
        groff -k -K utf-8 -man -Tutf8 -ww "$page" >"$tmp/out" 2>"$tmp/err"
    fi
    rc=$?
    if [ $rc -ne 0 ] || [ -s "$tmp/err" ] || [ ! -s "$tmp/out" ]; then
        echo "not ok: $page (exit status $rc)"
        sed 's/^/    /' "$tmp/err"
        status=1
    else
        echo "ok: $page"
    fi
done
exit $status
