# The rejects file of the sample export: line, reason and the record verbatim.
"$SERVQ_BIN/servq-import" --rejects rejects.csv samples/exports/generic_servqual.csv >/dev/null
rc=$?
cat rejects.csv
exit $rc
