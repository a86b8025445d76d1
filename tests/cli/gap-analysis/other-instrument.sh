# Responses imported for one instrument and analysed with another: the
# message names the rating columns found (they belong to the instrument the
# responses were imported for) and what to run, rather than ask whether the
# file is servq import's output at all. Without any rating column, it asks.
"$SERVQ_BIN/servq-import" -i data/mini3.json data/mini10.csv >mini3.csv 2>/dev/null
echo "import exit $?"
"$SERVQ_BIN/servq-gap-analysis" mini3.csv
echo "gap-analysis exit $?"
"$SERVQ_BIN/servq-score" -i servqual22 mini3.csv
echo "score exit $?"
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json mini3.csv >/dev/null
echo "with the instrument it was imported for: exit $?"
printf 'respondent_id,branch\nr1,north\n' | "$SERVQ_BIN/servq-gap-analysis"
echo "no ratings at all: exit $?"
