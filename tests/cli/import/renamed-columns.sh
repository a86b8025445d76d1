# A survey edit renamed E05 to E5x and P07 to Perception7: both ratings
# would be empty on every row (n = 0 later), so import warns of each,
# naming the names it expected and the column that looks like it.
sed '1s/E05/E5x/; 1s/P07/Perception7/' samples/exports/generic_servqual.csv >renamed.csv
"$SERVQ_BIN/servq-import" renamed.csv | head -1; echo "exit $?"
# --strict makes the warnings errors: exit 1 and no output (none with -o).
"$SERVQ_BIN/servq-import" --strict renamed.csv >stdout.csv; echo "strict: exit $?"
wc -c <stdout.csv
"$SERVQ_BIN/servq-import" -q --strict -o out.csv renamed.csv; echo "strict -o: exit $?"
ls out.csv 2>/dev/null
# Renames in English, Spanish, Portuguese and Russian, and columns that
# merely have a number (region2, Q5_comment, Position3, Experience6) next to
# items that have no column: only the renames are named.
h=id,branch,age,region2,Q5_comment,Position3,Experience6
for i in $(seq 1 22); do
    case $i in
    2) e= ;; 4) e=E_x4 ;; 5) e=exp_5 ;; 6) e= ;; 9) e='Expectativa 9' ;; 12) e=Expectativa12 ;;
    14) e='Ожидание 14' ;; 16) e=Q16_E ;; *) e=E$i ;;
    esac
    case $i in
    3) p= ;; 7) p=P7_new ;; 10) p=Percepción_10 ;; 13) p=Percepção13 ;;
    15) p=Восприятие_15 ;; 17) p=perception_q17 ;; *) p=P$i ;;
    esac
    h=$h${e:+,$e}${p:+,$p}
done
echo "$h" >mixed.csv
n=$(echo "$h" | tr , '\n' | wc -l)
echo "r1,North,40,x,y,z,w$(printf ',5%.0s' $(seq 8 "$n"))" >>mixed.csv
"$SERVQ_BIN/servq-import" -q mixed.csv >/dev/null; echo "mixed: exit $?"
# Three items or fewer: one line each.
printf 'id,E1,E2,E4,P1,P2,P3,P4\nr1,5,5,5,5,5,5,5\n' >four.csv
cat >four.json <<'JSON'
{"schema": "servq.instrument/1", "id": "four", "dimensions": [{"id": "d"}],
 "items": [{"id": "a", "dimension": "d"}, {"id": "b", "dimension": "d"},
           {"id": "c", "dimension": "d"}, {"id": "d", "dimension": "d"}],
 "extras": [{"id": "csat", "type": "csat"}]}
JSON
"$SERVQ_BIN/servq-import" -q -i four.json four.csv >/dev/null; echo "four: exit $?"
# An export made for another instrument: one line, not 40.
printf 'id,E1,P1\nr1,5,6\n' | "$SERVQ_BIN/servq-import" -q >/dev/null; echo "other: exit $?"
# Columns that look like a rating whose column is another, or like an item
# the instrument does not have, are carried along as segments, and said so:
# one line each, or one line for more than three.
h=$(head -1 samples/exports/generic_servqual.csv)
rows() { sed -n 2,3p samples/exports/generic_servqual.csv | sed "s/\$/$1/"; }
{ echo "$h,E5_new,Perception23,region2,Q5_comment"; rows ,1,2,x,y; } >extra.csv
"$SERVQ_BIN/servq-import" -q extra.csv | head -1; echo "extra: exit $?"
{ echo "$h,E5_new,Percepción 8,Expectativa_9,Восприятие 10,Ожидание 23,Perfil 3"; rows ,1,2,3,4,5,6; } >many.csv
"$SERVQ_BIN/servq-import" -q many.csv >/dev/null; echo "many: exit $?"
