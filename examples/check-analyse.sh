#!/bin/sh
# Compares the SERVQUAL index examples/analyse prints with the one the
# commands compute: "groups"[0]."overall"."gap" of the gap-analysis
# document, to 6 decimals. Run it with the built-in instrument and with
# the same instrument named as a file.
# Usage: check-analyse.sh ANALYSE SERVQ-IMPORT SERVQ-GAP-ANALYSIS EXPORT INSTRUMENT
set -eu
analyse=$1 import=$2 gaps=$3 export=$4 instrument=$5

want=$("$import" -q "$export" | "$gaps" -f json | python3 -c '
import json, sys
print("SERVQUAL index: %.6f" % json.load(sys.stdin)["groups"][0]["overall"]["gap"])')
for args in "$export" "$export $instrument"; do
    # shellcheck disable=SC2086
    got=$("$analyse" $args)
    if [ "$got" != "$want" ]; then
        echo "analyse $args: '$got', the commands: '$want'" >&2
        exit 1
    fi
done
echo "$want"
