# "servq help instruments" lists what -i NAME finds. Run from the build
# tree, the installed directory is the source's samples/instruments, named
# here as SRC. Only the instruments a user would choose are there.
"$SERVQ_BIN/servq" help instruments | sed "s|$SERVQ_SRC|SRC|"
