# An SPSS file on standard input: from a pipe it is first copied to a
# temporary file (ReadStat seeks); redirected from a file, and as '-', it
# is read in place. Either way it is found by its magic.
"$SERVQ_TEST_BIN/make-sav" --rows 40 samples/exports/generic_servqual.csv s.sav 2>/dev/null || exit 1
"$SERVQ_BIN/servq-import" s.sav >by-name.csv
cat s.sav | "$SERVQ_BIN/servq-import" >from-pipe.csv
cmp by-name.csv from-pipe.csv && echo "pipe: identical"
"$SERVQ_BIN/servq-import" <s.sav >redirected.csv
cmp by-name.csv redirected.csv && echo "redirect: identical"
cat s.sav | "$SERVQ_BIN/servq-import" - >dash.csv
cmp by-name.csv dash.csv && echo "'-': identical"
# A temporary folder that does not exist: the copy fails, plainly.
cat s.sav | TMPDIR=./no-such-dir "$SERVQ_BIN/servq-import" >/dev/null
echo "exit $?"
