# The markdown report in 'ru' on three hand-made weekly documents with segments
# (one suppressed), roles, the zone of tolerance, NPS, CSAT and a missed
# target: exit status 3.
. "$SERVQ_SRC/tests/cli/report/data/full-docs.sh"
"$SERVQ_BIN/servq-report" --format markdown --lang ru full-w45.json full-w46.json full-w47.json
