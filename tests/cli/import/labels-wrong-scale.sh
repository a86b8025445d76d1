# Answer words from a scale of another size than the item's. Five agreement
# words on a 1-7 item would become 1, 2, 4, 6 and 7, and 7-point words on a
# 1-5 item would merge: both are errors (exit 1, and no -o file) naming the
# item, the size of the answers' scale, the item's scale and the fix. Words
# that fit both sizes are read on the item's scale with a warning.
cat >i.json <<'JSON'
{"schema": "servq.instrument/1", "id": "two", "dimensions": [{"id": "d"}],
 "items": [{"id": "a", "dimension": "d"}, {"id": "b", "dimension": "d", "scale": {"min": 1, "max": 5}}],
 "extras": [{"id": "nps", "type": "nps"}]}
JSON
sed 's/"dimension": "d"}, {"id": "b"/"dimension": "d", "scale": {"min": 1, "max": 5}}, {"id": "b"/' i.json >five.json
h=id,E_a,P_a,E_b,P_b,nps
# lang, the five words of its 5-point set (1..5), then "somewhat agree"
t() {
    lang=$1
    echo "== $lang"
    printf '%s\nr1,"%s","%s",,,\nr2,"%s","%s",,,\nr3,"%s","%s",,,\n' $h "$2" "$3" "$4" "$5" "$6" "$5" >"$lang.csv"
    "$SERVQ_BIN/servq-import" -q -i i.json -o out.csv "$lang.csv"; echo "five words on 1-7: exit $?"
    test -e out.csv && echo "out.csv was written"
    # The fix: the item on 1-5.
    "$SERVQ_BIN/servq-import" -q -i five.json "$lang.csv" | cut -d, -f1-3; echo "on 1-5: exit $?"
    # "Somewhat agree" and "Agree" on the 1-5 item.
    printf '%s\nr1,,,"%s","%s",\nr2,,,"%s","%s",\n' $h "$7" "$5" "$5" "$5" >"$lang-7.csv"
    "$SERVQ_BIN/servq-import" -q -i i.json "$lang-7.csv" >/dev/null; echo "seven words on 1-5: exit $?"
    # Only words both sizes have: read on 1-7, with a warning.
    printf '%s\nr1,"%s","%s",,,\n' $h "$2" "$6" >"$lang-2.csv"
    "$SERVQ_BIN/servq-import" -q -i i.json "$lang-2.csv"; echo "two words on 1-7: exit $?"
    "$SERVQ_BIN/servq-import" -q --strict -i i.json "$lang-2.csv"; echo "--strict: exit $?"
}
t en 'Strongly disagree' 'Disagree' 'Neither agree nor disagree' 'Agree' 'Strongly agree' 'Somewhat agree'
t es 'Totalmente en desacuerdo' 'En desacuerdo' 'Ni de acuerdo ni en desacuerdo' 'De acuerdo' \
    'Totalmente de acuerdo' 'Algo de acuerdo'
t pt 'Discordo totalmente' 'Discordo' 'Nem concordo nem discordo' 'Concordo' 'Concordo totalmente' \
    'Concordo parcialmente'
t ru 'Полностью не согласна' 'Не согласен' 'Ни согласен, ни не согласен' 'Согласна' \
    'Полностью согласен' 'Скорее согласен'
# The other set of five, with "somewhat": 1, 3, 4, 5, 7 on 1-7.
printf '%s\nr1,Strongly disagree,Somewhat disagree,,,\nr2,Neutral,Somewhat agree,,,\nr3,Strongly agree,Neutral,,,\n' $h >somewhat.csv
"$SERVQ_BIN/servq-import" -q -i i.json somewhat.csv | tail -n +2; echo "somewhat: exit $?"
# 7-point answers in the other column: the one with five points only is named.
printf '%s\nr1,Agree,Somewhat agree,,,\nr2,Disagree,Somewhat disagree,,,\nr3,Strongly disagree,Neutral,,,\nr4,Neutral,Agree,,,\nr5,Strongly agree,Strongly agree,,,\n' $h >one.csv
"$SERVQ_BIN/servq-import" -q -i i.json one.csv >/dev/null; echo "one column: exit $?"
# Satisfaction and quality words have 5-point scales only.
for w in 'Very satisfied' 'Muy satisfecho' 'Muito satisfeito' 'Очень доволен' 'Excellent' 'Bueno' \
    'Bom' 'Хорошо'; do
    printf '%s\nr1,5,"%s",,,\n' $h "$w" >sat.csv
    "$SERVQ_BIN/servq-import" -q -i i.json sat.csv >/dev/null; echo "$w on 1-7: exit $?"
done
printf '%s\nr1,,,Satisfied,Excelente,\n' $h >sat.csv
"$SERVQ_BIN/servq-import" -q -i i.json sat.csv; echo "on 1-5: exit $?"
# An agreement word on the 0-10 scale of NPS.
printf '%s\nr1,5,5,,,Agree\n' $h >nps.csv
"$SERVQ_BIN/servq-import" -q -i i.json nps.csv >/dev/null; echo "nps: exit $?"
# Codes and the map's labels are taken as given.
printf '%s\nr1,Agree (4),Strongly agree (5),,,\nr2,A lot,Some,,,\n' $h >codes.csv
printf '{"schema": "servq.map/1", "id": "id", "labels": {"A lot": 7, "Some": 4},
 "columns": [{"match": "^E_(.)$", "item": "$1", "measure": "E"},
             {"match": "^P_(.)$", "item": "$1", "measure": "P"}, {"column": "nps", "extra": "nps"}]}\n' >m.json
"$SERVQ_BIN/servq-import" -q -i i.json --map m.json codes.csv; echo "codes: exit $?"
