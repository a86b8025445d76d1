# Sharding the sample in several ways and merging the states gives exactly
# the single-pass document: 1, 2 and 7 shards, and one row per shard (on
# the first 60 respondents, to keep the test quick on a loaded machine).
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv >responses.csv
ga() { "$SERVQ_BIN/servq-gap-analysis" --by branch --period week "$@"; }
ga responses.csv >single.json

# shard N FILE...: split responses.csv round-robin into N files, each with the header.
shard() {
    rm -f shard-*.csv
    awk -v n="$1" 'NR == 1 { h = $0; next }
        { f = sprintf("shard-%04d.csv", (NR - 2) % n); if (!(f in seen)) { print h > f; seen[f] = 1 } print > f }' \
        responses.csv
}
for n in 1 2 7 one-row; do
    if [ "$n" = one-row ]; then
        head -n 61 responses.csv >first60.csv
        mv first60.csv responses.csv
        ga responses.csv >single.json
        n=60
    fi
    shard "$n"
    for f in shard-*.csv; do ga --state "$f"; done >states.jsonl
    "$SERVQ_BIN/servq-merge" states.jsonl >merged.json
    if cmp -s single.json merged.json; then
        echo "$n shards ($(ls shard-*.csv | wc -l | tr -d ' ') files): identical"
    else
        echo "$n shards: DIFFERENT"
    fi
done

# Merging in stages and in another order changes nothing (associative, commutative).
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv >responses.csv
ga responses.csv >single.json
shard 7
for f in shard-*.csv; do ga --state "$f"; done >states.jsonl
head -n 3 states.jsonl | "$SERVQ_BIN/servq-merge" --state >part1.jsonl
tail -n 4 states.jsonl | "$SERVQ_BIN/servq-merge" --state >part2.jsonl
cat part2.jsonl part1.jsonl | "$SERVQ_BIN/servq-merge" | cmp -s - single.json && echo "staged: identical"
