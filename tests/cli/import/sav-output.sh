# What an SPSS file imports as: the first five cases of the sample. Dates
# are YYYY-MM-DD, ratings their codes, missing answers (9 = "No answer",
# declared missing, or system-missing) empty, importance points numbers.
"$SERVQ_TEST_BIN/make-sav" --rows 5 samples/exports/generic_servqual.csv five.sav 2>/dev/null || exit 1
"$SERVQ_BIN/servq-import" five.sav
