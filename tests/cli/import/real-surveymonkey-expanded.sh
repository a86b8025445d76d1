# SurveyMonkey "expanded" layout: one column per option; the chosen one holds
# its text. Four option columns make one rating.
cp "$SERVQ_SRC/tests/data/real/fivethirtyeight_region-survey_MIDWEST_expanded_head.csv" region.csv
"$SERVQ_BIN/servq-import" --map samples/maps/fivethirtyeight_region-survey_MIDWEST_expanded.json region.csv
