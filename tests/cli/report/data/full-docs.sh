# Sourced by report cases: copies the hand-made documents (three weeks of
# the shop4z instrument with segments, roles, the zone of tolerance, NPS,
# CSAT and targets; see make-fixtures.py) into the working directory.
cp "$SERVQ_SRC/tests/cli/report/data/full-w45.json" "$SERVQ_SRC/tests/cli/report/data/full-w46.json" \
    "$SERVQ_SRC/tests/cli/report/data/full-w47.json" "$SERVQ_SRC/tests/cli/report/data/xss-w47.json" .
