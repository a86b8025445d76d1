# The scale-out recipe of docs/scaling.md: GNU parallel splits the input
# into blocks (each with the header), every job writes one state line, and
# servq merge gives the single-pass document.
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv >responses.csv
"$SERVQ_BIN/servq-gap-analysis" --by branch responses.csv >single.json
parallel --will-cite --pipe --header : --block 20k -j 2 \
    "$SERVQ_BIN/servq-gap-analysis" --by branch --state <responses.csv >states.jsonl
echo "states: $(wc -l <states.jsonl | tr -d ' ') (more than one block)"
"$SERVQ_BIN/servq-merge" states.jsonl | cmp -s - single.json && echo "parallel: identical"
# The other two recipes: parallel cuts the file itself (--pipepart), and
# split -n l/K/N reads each shard's bytes straight from the file.
parallel --will-cite --pipepart -a responses.csv --header : --block -2 -j 2 \
    "$SERVQ_BIN/servq-gap-analysis" --by branch --state |
    "$SERVQ_BIN/servq-merge" | cmp -s - single.json && echo "parallel --pipepart: identical"
parallel --will-cite -j 3 "{ [ {} = 1 ] || head -n 1 responses.csv; split -n l/{}/3 responses.csv; } |
    '$SERVQ_BIN/servq-gap-analysis' --by branch --state" ::: 1 2 3 |
    "$SERVQ_BIN/servq-merge" | cmp -s - single.json && echo "split -n l/K/3: identical"
