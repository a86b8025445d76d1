# A state read and written again is the same state, and finalizes to the
# same document as gap-analysis itself.
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --by branch data/mini10.csv >direct.json
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --by branch --state data/mini10.csv >state.jsonl
"$SERVQ_BIN/servq-merge" --state state.jsonl | cmp -s - state.jsonl && echo "state round trip: identical"
"$SERVQ_BIN/servq-merge" state.jsonl | cmp -s - direct.json && echo "finalized: identical"
"$SERVQ_BIN/servq-merge" -f text state.jsonl | head -n 3
