# Empty standard input: no header row; exit 1 and nothing on stdout.
"$SERVQ_BIN/servq-gap-analysis"
