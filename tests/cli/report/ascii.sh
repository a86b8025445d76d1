# --ascii draws charts, sparklines and rules with ASCII only; a locale whose
# character set is not UTF-8 (LC_ALL=C) gives the same report unasked.
. "$SERVQ_SRC/tests/cli/report/data/full-docs.sh"
"$SERVQ_BIN/servq-report" --ascii full-w45.json full-w46.json full-w47.json >ascii.txt
echo "exit $?"
LC_ALL=C "$SERVQ_BIN/servq-report" full-w45.json full-w46.json full-w47.json >c-locale.txt
echo "exit $?"
cmp ascii.txt c-locale.txt && echo "LC_ALL=C: the same as --ascii"
# Only the data (item and dimension names) may be outside ASCII.
LC_ALL=C grep -c '[^ -~]' ascii.txt || true
cat ascii.txt
