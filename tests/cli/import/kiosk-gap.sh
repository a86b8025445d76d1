# The kiosk SERVQUAL study (CP949, 24 E/P pairs on 1-7), imported with the
# committed map, then analysed.
#
# Hand check (see tests/data/real/README.md): 211 respondents; 4 left
# every E/P cell empty, which the map's "complete" rule rejects, leaving
# n = 207. The mean of the 24 item means is E 5.974 and P 4.872, so the gap
# is 4.872 - 5.974 = -1.102; item 1 has E 6.425 and P 5.879. Both the
# canonical responses (first awk) and gap-analysis's item table (second awk)
# must give these figures.
cp "$SERVQ_SRC/tests/data/real/kiosk_kservqual.csv" kiosk.csv
"$SERVQ_BIN/servq-import" --map samples/maps/kiosk.json -r rejects.csv kiosk.csv >responses.csv || exit
cut -c1-60 rejects.csv
LC_ALL=C awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i ~ /^E_/) e[i] = 1; if ($i ~ /^P_/) p[i] = 1 }; next }
    { n++; for (i in e) se[i] += $i; for (i in p) sp[i] += $i }
    END { for (i in e) { me += se[i] / n; k++ }; for (i in p) mp += sp[i] / n
          printf "responses: n=%d items=%d E %.3f P %.3f gap %.3f\n", n, k, me / k, mp / k, (mp - me) / k }' responses.csv
"$SERVQ_BIN/servq-gap-analysis" -i tests/data/instruments/kiosk.json --format csv responses.csv |
    LC_ALL=C awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $1 == "item" { k++; e += $c["mean_e"]; p += $c["mean_p"]; if ($c["n"] != 207) bad++
                       if ($2 == "k1") printf "k1: E %.3f P %.3f gap %.3f\n", $c["mean_e"], $c["mean_p"], $c["gap"] }
        END { printf "gap-analysis: items=%d all n=207: %s E %.3f P %.3f gap %.3f\n", k, bad ? "no" : "yes", e / k, p / k, (p - e) / k }'
# Listwise Cronbach's alpha over all 24 items (the README's figures, which
# psych::alpha(na.omit(x)) also gives): E 0.879, P 0.907.
"$SERVQ_BIN/servq-gap-analysis" -i tests/data/instruments/kiosk.json responses.csv |
    sed -n '/"overall":/,$p' | grep -E '"raw":' | head -n 2 |
    LC_ALL=C awk '{ gsub(/[",]/, ""); printf "overall alpha %s %.3f\n", NR == 1 ? "E" : "P", $2 }'
