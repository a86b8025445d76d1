# The dispatcher runs servq-import beside itself.
"$SERVQ_BIN/servq" import --version
