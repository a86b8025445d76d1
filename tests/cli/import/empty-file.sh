# An empty input has no header: exit 1, and the accounting line still prints.
: >empty.csv
"$SERVQ_BIN/servq-import" empty.csv
