# Without --lang the language comes from LC_ALL, then LC_MESSAGES, then
# LANG; --lang wins; a language servq lacks is English from the
# environment and a usage error from --lang.
. "$SERVQ_SRC/tests/cli/report/data/full-docs.sh"
title() { head -1; }
env -u LC_ALL LANG=pt_BR.UTF-8 "$SERVQ_BIN/servq-report" full-w47.json | title
env -u LC_ALL LANG=es_ES.UTF-8 LC_MESSAGES=ru_RU.UTF-8 "$SERVQ_BIN/servq-report" full-w47.json | title
env -u LC_ALL LANG=ru_RU.UTF-8 "$SERVQ_BIN/servq-report" --lang es full-w47.json | title
env -u LC_ALL LANG=fr_FR.UTF-8 "$SERVQ_BIN/servq-report" full-w47.json | title
"$SERVQ_BIN/servq-report" --lang pt_BR full-w47.json | title
"$SERVQ_BIN/servq-report" --lang fr full-w47.json
echo "exit $?"
# Decimal commas only in the report, never in the document.
"$SERVQ_BIN/servq-report" --lang es full-w47.json | grep -m1 'SERVQUAL (P - E)'
grep -c "[0-9],[0-9]" full-w47.json || true
