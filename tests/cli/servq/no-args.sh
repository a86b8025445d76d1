# No command: the usage on stderr, exit 2.
"$SERVQ_BIN/servq"
