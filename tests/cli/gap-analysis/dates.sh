# The document records the earliest and latest date of its rows ("dates"),
# with or without --period, for servq report to label and order documents
# by. Rows without a date do not count; a timestamp counts by its day;
# with no dated row, or no date column, there is no "dates". States carry
# them, and servq merge takes the earliest and the latest.
dates() { grep -A3 '"dates"' || echo "no dates"; }
{
    echo "respondent_id,date,E_s1,P_s1,E_s2,P_s2,E_c1,P_c1"
    echo "r1,2026-11-18,5,4,4,4,5,3"
    echo "r2,,4,4,5,3,4,4"
    echo "r3,2026-11-16T23:59:00,5,5,5,5,4,4"
    echo "r4,2026-11-20 08:00,3,4,4,4,5,5"
    echo "r5,,5,5,5,5,5,5"
} >some.csv
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json some.csv | dates
awk -F, -v OFS=, 'NR > 1 { $2 = "" } 1' some.csv >undated.csv
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json undated.csv | dates
cut -d, -f1,3- some.csv >nodate.csv
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json nodate.csv | dates
# States: an undated shard and two dated ones, merged in either order.
head -n 3 some.csv >a.csv
{ head -n 1 some.csv; sed -n '4p' some.csv; } >b.csv
{ head -n 1 some.csv; sed -n '5,6p' some.csv; } >c.csv
for f in a b c; do "$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --state $f.csv; done >states.jsonl
grep -o '"dates":{[^}]*}' states.jsonl
"$SERVQ_BIN/servq-merge" states.jsonl | dates
tac states.jsonl | "$SERVQ_BIN/servq-merge" | dates
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --state undated.csv >undated.jsonl
cat undated.jsonl undated.jsonl | "$SERVQ_BIN/servq-merge" | dates
# A state whose dates are not dates, or run backwards, is refused.
sed 's/"first":"2026-11-16"/"first":"2026-11-31"/' states.jsonl | "$SERVQ_BIN/servq-merge"
echo "exit $?"
sed 's/"first":"2026-11-16"/"first":"2026-11-21"/' states.jsonl | "$SERVQ_BIN/servq-merge"
echo "exit $?"
