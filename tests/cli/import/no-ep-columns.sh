# A header that maps no item rating is an error, not an empty import.

cat >segments.csv <<'CSV'
respondent_id,branch,channel
r1,Centro,web
CSV
"$SERVQ_BIN/servq-import" segments.csv
