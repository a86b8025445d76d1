# Regular expressions in maps are bounded: stacked or huge repetitions
# (which make regcomp take gigabytes) are refused with a reason, while
# bracket expressions and escaped operators are fine.
for pat in 'a++' 'a{1000}' '((((((((((a))))))))))' '[*+?]x' 'x\\+'; do
    printf '{"schema":"servq.map/1","columns":[{"match":"%s","item":"q1","measure":"E"}]}\n' \
        "$pat" >map.json
    printf 'id,E1\n' | "$SERVQ_BIN/servq-import" --map map.json -q - >/dev/null
    echo "$pat: exit $?"
done
