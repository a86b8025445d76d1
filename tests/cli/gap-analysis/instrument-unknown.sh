# An instrument name that is nowhere: the message lists where it looked,
# SERVQ_PATH's directories first, and points at 'servq help instruments'.
"$SERVQ_BIN/servq-gap-analysis" -i servqual23 </dev/null 2>&1 | sed "s|$SERVQ_SRC|SRC|"
SERVQ_PATH=/nonexistent:here "$SERVQ_BIN/servq" gap-analysis -i sq22 </dev/null 2>&1 |
    sed "s|$SERVQ_SRC|SRC|"
"$SERVQ_BIN/servq-import" -i nosuch samples/exports/generic_servqual.csv 2>&1 >/dev/null |
    sed "s|$SERVQ_SRC|SRC|"
"$SERVQ_BIN/servq-score" -i nosuch </dev/null 2>/dev/null
echo "exit $?"
