# Every real export in tests/data/real imports with its committed map
# (samples/maps/<stem>.json; "_head" files are excerpts): exit status and
# the accounting line per file.
for f in $(cd "$SERVQ_SRC/tests/data/real" && ls *.csv | LC_ALL=C sort); do
    stem=$(basename "$f" .csv)
    stem=${stem%_head}
    cp "$SERVQ_SRC/tests/data/real/$f" "$stem.csv"
    "$SERVQ_BIN/servq-import" --map "samples/maps/$stem.json" "$stem.csv" 2>&1 >/dev/null |
        sed -n '$p' | sed "s/^/$stem: /"
done
