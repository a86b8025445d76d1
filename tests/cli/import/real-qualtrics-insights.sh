# The 2016 "Insights" export (ImportIds in single quotes) of a side-by-side
# question: column 1 is the expectation, column 2 the perception.
cp "$SERVQ_SRC/tests/data/real/QualtricsTools_SideBySide_Insights.csv" sbs.csv
"$SERVQ_BIN/servq-import" --map samples/maps/QualtricsTools_SideBySide_Insights.json sbs.csv
