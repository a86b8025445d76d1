# Strengths follow the rule of priorities: a significant gap (p, adjusted,
# below the document's significance). With --significance 0.01 the week's
# +0.30 (p 0.012) is no longer one: the items with no significant gap that
# come closest are shown instead, said so, and never an item that is a
# priority (the line after the sections counts the items in each list and
# in both). With two items significantly below expectations and the third
# 3 below for everyone (a gap with no t-test: SD 0), no strength is listed.
. "$SERVQ_SRC/tests/cli/report/data/weekly-docs.sh"
awk -F, 'NR == 1 || ($2 >= "2026-11-16" && $2 <= "2026-11-22")' responses.csv |
    "$SERVQ_BIN/servq-gap-analysis" --significance 0.01 >strict.json
"$SERVQ_BIN/servq-report" --top 22 strict.json | sed -n '/^Priorities/,/^Dimensions/p'
"$SERVQ_BIN/servq-report" --top 22 --format markdown strict.json >strict.md
awk '/^## Priorities/ { s = "p" } /^## Strengths/ { s = "s" } /^## Dimensions/ { s = "" }
    s && /^\| [0-9]/ { split($0, f, " \\| "); n[f[2]] = n[f[2]] s }
    END {
        for (i in n) { p += n[i] ~ /p/; s += n[i] ~ /s/; both += n[i] ~ /p/ && n[i] ~ /s/ }
        print "priorities:", p, "strengths:", s, "in both lists:", both + 0
    }' strict.md
{
    echo "respondent_id,E_s1,P_s1,E_s2,P_s2,E_c1,P_c1"
    for i in 1 2 3 4 5 6 7 8 9 10; do echo "r$i,5,$((i % 2 + 1)),5,$((i % 3 + 1)),4,1"; done
} >low.csv
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json low.csv >low.json
"$SERVQ_BIN/servq-report" low.json | sed -n '/^Strengths/,/^Dimensions/p'
