# .zsav: the same data with zlib-compressed blocks ($FL3) import exactly as
# the .sav does; a cut one is an error naming the file.
"$SERVQ_TEST_BIN/make-sav" samples/exports/generic_servqual.csv plain.sav 2>/dev/null || exit 1
"$SERVQ_TEST_BIN/make-sav" --zsav samples/exports/generic_servqual.csv packed.zsav 2>/dev/null || exit 1
head -c 4 plain.sav; echo
head -c 4 packed.zsav; echo
[ "$(wc -c <packed.zsav)" -lt "$(wc -c <plain.sav)" ] && echo "the .zsav is smaller"
"$SERVQ_BIN/servq-import" plain.sav >plain.csv
"$SERVQ_BIN/servq-import" packed.zsav >packed.csv
cmp plain.csv packed.csv && echo "identical"
head -c 9000 packed.zsav >cut.zsav
"$SERVQ_BIN/servq-import" cut.zsav
echo "exit $?"
