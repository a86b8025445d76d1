# An SPSS file made from the sample export by ReadStat's writer (value
# labels on the ratings, 9 = "No answer" declared missing, empty answers
# written as 9 or as system-missing in turn, DATE11 dates, string branch
# and channel) imports byte for byte as the same data do from CSV, and so
# the analysis is the same. make-sav leaves out the two rows SPSS cannot
# hold (text in a rating, a short row) and says so.
"$SERVQ_TEST_BIN/make-sav" samples/exports/generic_servqual.csv sample.sav sample.csv || exit 1
"$SERVQ_BIN/servq-import" -r rejects.csv sample.sav >from-sav.csv
echo "exit $?"
"$SERVQ_BIN/servq-import" -q sample.csv >from-csv.csv
cmp from-sav.csv from-csv.csv && echo "import: identical"
# Only rows that were left out differ, and those were rejected there anyway.
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv | cmp - from-sav.csv &&
    echo "import: identical to the sample's"
"$SERVQ_BIN/servq-import" -q sample.sav | "$SERVQ_BIN/servq-gap-analysis" >gaps-sav.json
"$SERVQ_BIN/servq-import" -q sample.csv | "$SERVQ_BIN/servq-gap-analysis" >gaps-csv.json
cmp gaps-sav.json gaps-csv.json && echo "import | gap-analysis: identical"
"$SERVQ_BIN/servq-import" -q sample.sav |
    "$SERVQ_BIN/servq-gap-analysis" --by branch --period week --format csv >by-sav.csv
"$SERVQ_BIN/servq-import" -q sample.csv |
    "$SERVQ_BIN/servq-gap-analysis" --by branch --period week --format csv >by-csv.csv
cmp by-sav.csv by-csv.csv && echo "import | gap-analysis --by branch --period week: identical"
# In the rejects, 'line' is the case number.
cat rejects.csv | cut -c 1-120
