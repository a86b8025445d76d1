# The items' p is the one adjusted across them, and its heading says how:
# p(Holm), p(BH), or p with --adjust none; dimensions keep their own p. The
# CSV names the method in its adjust column, the report heads its p alike.
for a in holm bh none; do
    echo "# --adjust $a"
    "$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --adjust $a data/mini10.csv >gaps.json
    "$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --adjust $a -f text data/mini10.csv | sed -n '6p;10,13p'
    "$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --adjust $a -f csv data/mini10.csv | cut -d, -f1,2,13,17,27 | head -3
    "$SERVQ_BIN/servq-report" gaps.json | grep -A3 '^   # Item'
done
