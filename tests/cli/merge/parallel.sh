# The scale-out recipe of docs/scaling.md: GNU parallel splits the input
# into blocks (each with the header), every job writes one state line, and
# servq merge gives the single-pass document.
"$SERVQ_BIN/servq-import" -q samples/exports/generic_servqual.csv >responses.csv
"$SERVQ_BIN/servq-gap-analysis" --by branch responses.csv >single.json
parallel --will-cite --pipe --header : --block 20k -j 2 \
    "$SERVQ_BIN/servq-gap-analysis" --by branch --state <responses.csv >states.jsonl
echo "states: $(wc -l <states.jsonl | tr -d ' ') (more than one block)"
"$SERVQ_BIN/servq-merge" states.jsonl | cmp -s - single.json && echo "parallel: identical"
