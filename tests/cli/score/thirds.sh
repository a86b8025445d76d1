# Means that are not exact in binary, through the pipeline from an export.
printf 'respondent_id,E1,P1,E2,P2,E3,P3,I_tangibles,I_empathy\nr1,5,4,6,6,6,7,33.3,66.7\nr2,1,7,2,2,2,3,1e2,0\n' |
    "$SERVQ_BIN/servq-import" -q | "$SERVQ_BIN/servq-score"
