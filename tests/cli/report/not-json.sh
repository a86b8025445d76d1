# Input that is not JSON: exit 1, naming standard input.
echo 'respondent_id,E_q1' | "$SERVQ_BIN/servq-report"
