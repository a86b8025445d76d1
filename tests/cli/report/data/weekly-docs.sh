# Sourced by report cases: imports the bundled sample, splits it by ISO week
# on the date column (2026-W44 to 2026-W47) and writes one gap-analysis
# document per week, w44.json to w47.json, oldest first, by branch.
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv >responses.csv
for week in 44:2026-10-26:2026-11-01 45:2026-11-02:2026-11-08 \
    46:2026-11-09:2026-11-15 47:2026-11-16:2026-11-22; do
    n=${week%%:*} range=${week#*:}
    awk -F, -v lo="${range%:*}" -v hi="${range#*:}" 'NR == 1 || ($2 >= lo && $2 <= hi)' \
        responses.csv | "$SERVQ_BIN/servq-gap-analysis" --by branch --period week >"w$n.json"
done
