# --color=always colours the text report with ANSI escapes; the default
# (auto) writes none when standard output is not a terminal, and Markdown
# and HTML never have any.
. "$SERVQ_SRC/tests/cli/report/data/full-docs.sh"
esc=$(printf '\033')
"$SERVQ_BIN/servq-report" full-w47.json | grep -c "$esc"
"$SERVQ_BIN/servq-report" --color=always full-w47.json | grep -c "$esc"
"$SERVQ_BIN/servq-report" --color=always --format markdown full-w47.json | grep -c "$esc"
"$SERVQ_BIN/servq-report" --color=always full-w47.json | sed -n '/Missed targets/,/SERVQUAL index /p' | od -c | sed -n '1,3p'
"$SERVQ_BIN/servq-report" --color=sometimes full-w47.json
echo "exit $?"
