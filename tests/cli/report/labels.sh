# A document is labelled by its period, else by the dates of its rows
# ("2026-10-26–2026-10-31"), else by its file's name without its folders
# ("#2" when the file holds several), or as standard input, in the
# report's language; the last one heads the report as "Period:", or as
# "Document:" when it has no dates.
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json data/mini10.csv >dated.json
awk -F, 'NR <= 6' data/mini10.csv | "$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json >dated-first.json
"$SERVQ_BIN/servq-report" dated.json dated-first.json | sed -n '2p;/Change since/p'
"$SERVQ_BIN/servq-report" --ascii dated-first.json | sed -n '2p'
# The same rows without their dates.
cut -d, -f1,3- data/mini10.csv >undated.csv
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json undated.csv >gaps.json
mkdir -p history
awk -F, 'NR <= 6' undated.csv | "$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json >history/first.json
"$SERVQ_BIN/servq-report" history/first.json gaps.json 2>/dev/null | sed -n '2p;/Change since/p'
"$SERVQ_BIN/servq-report" <gaps.json | sed -n '2p'
cat history/first.json gaps.json | "$SERVQ_BIN/servq-report" 2>/dev/null | sed -n '2p;/Change since/p'
cat history/first.json gaps.json >both.json
"$SERVQ_BIN/servq-report" both.json 2>/dev/null | sed -n '2p;/Change since/p'
for lang in es pt ru; do
    cat history/first.json gaps.json | "$SERVQ_BIN/servq-report" --lang $lang 2>/dev/null | sed -n '2p'
    "$SERVQ_BIN/servq-report" --lang $lang both.json 2>/dev/null | sed -n '2p'
done
"$SERVQ_BIN/servq-report" --format html - <gaps.json | grep -m1 'Document:'
