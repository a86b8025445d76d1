"$SERVQ_BIN/servq" nosuch
