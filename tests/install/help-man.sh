#!/bin/sh
# "servq help CMD" run from a build tree opens the page built there.
# Usage: help-man.sh BUILDDIR
set -u
build=$1
MANPAGER=cat PAGER=cat MANWIDTH=80 LC_ALL=C.UTF-8
export MANPAGER PAGER MANWIDTH LC_ALL
status=0
cmds=$("$build/cmd/servq" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\)  .*/\1/p')
if [ -z "$cmds" ]; then
    echo "FAIL: servq --help lists no commands"
    exit 1
fi
for cmd in $cmds; do
    if ! got=$("$build/cmd/servq" help "$cmd" 2>&1); then
        echo "FAIL: servq help $cmd exited with an error:"
        printf '%s\n' "$got"
        status=1
        continue
    fi
    want=$(man -l "$build/docs/servq-$cmd.1" 2>&1)
    if [ "$got" != "$want" ] || ! printf '%s\n' "$got" | grep -q "servq-$cmd"; then
        echo "FAIL: servq help $cmd does not show $build/docs/servq-$cmd.1:"
        printf '%s\n' "$got" | head -n 10
        status=1
    else
        echo "ok: servq help $cmd"
    fi
done
exit $status
