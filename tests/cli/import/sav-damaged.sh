# Damaged SPSS files: each error names the file, says what is wrong in one
# line, and exits 1; the cases read before a cut stay written and counted.
"$SERVQ_TEST_BIN/make-sav" samples/exports/generic_servqual.csv whole.sav 2>/dev/null || exit 1
size=$(wc -c <whole.sav)
head -c $((size - 5000)) whole.sav >cut-data.sav
"$SERVQ_BIN/servq-import" cut-data.sav >partial.csv
echo "exit $?"
echo "$(wc -l <partial.csv) lines written: the header and the cases before the cut"
head -c 600 whole.sav >cut-dictionary.sav
"$SERVQ_BIN/servq-import" cut-dictionary.sav
echo "exit $?"
# The magic, then 300 bytes of nonsense.
{ printf '$FL2'; head -c 300 /dev/zero | tr '\0' 'x'; } >garbage.sav
"$SERVQ_BIN/servq-import" garbage.sav
echo "exit $?"
# Named .sav but CSV inside; or --format sav for a CSV.
cp samples/exports/generic_servqual.csv export.sav
"$SERVQ_BIN/servq-import" export.sav
echo "exit $?"
"$SERVQ_BIN/servq-import" --format sav samples/exports/generic_servqual.csv
echo "exit $?"
"$SERVQ_BIN/servq-import" --format spss whole.sav
echo "exit $?"
