# Pairs found by words (Spanish, Portuguese, Russian, Korean) and by x-1/x-2.
printf '%s\n' 'ID,1. Expectativa: limpieza,1. Percepción: limpieza,2. Expectativa: trato,2. Percepção: trato,3-1,3-2,ожидание 4,восприятие 4,5. 기대,5. 인지,edad' \
    'a,7,6,5,4,3,2,1,1,6,6,30' >words.csv
"$SERVQ_BIN/servq-import" --suggest-map words.csv
