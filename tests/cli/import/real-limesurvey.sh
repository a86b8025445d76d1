# LimeSurvey "code. text" headings; answers "Strongly agree (7)" give their
# code, "Not Applicable (8)" is missing.
cp "$SERVQ_SRC/tests/data/real/wellbeing_results-survey.csv" wb.csv
"$SERVQ_BIN/servq-import" --map samples/maps/wellbeing_results-survey.json wb.csv | head -n 6
