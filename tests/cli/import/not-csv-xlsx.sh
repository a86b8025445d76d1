# An Excel workbook is told by its first bytes (a ZIP holding xl/) and named,
# with what to do; there is no accounting line, as nothing was read as rows.
cp data/not-csv/survey.xlsx .
"$SERVQ_BIN/servq-import" survey.xlsx; echo "exit $?"
# The same from standard input, and with --format csv.
"$SERVQ_BIN/servq-import" <survey.xlsx; echo "exit $?"
"$SERVQ_BIN/servq-import" --format csv survey.xlsx; echo "exit $?"
