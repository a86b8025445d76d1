# Roles and weights: managers and staff leave the customer groups; the
# comparisons (gap 1: managers' E, internal view: staff's P, each against
# customers') and the weighted figures are written; CSV keeps it short.
cat >roles.csv <<'CSV'
respondent_id,role,weight,E_s1,P_s1,E_s2,P_s2,E_c1,P_c1
c1,customer,1.5,5,4,4,4,5,3
c2,customer,0.5,4,4,5,3,4,4
c3,customer,1,5,3,5,4,4,2
c4,customer,2,3,3,4,4,5,5
c5,customer,1.25,5,2,4,3,5,4
c6,customer,0.75,4,5,5,5,4,3
m1,manager,1,4,,3,,4,
m2,manager,1,3,,4,,3,
m3,manager,1,4,,4,,5,
s1,staff,1,,5,,4,,5
s2,staff,1,,4,,5,,4
s3,staff,1,,5,,5,,4
CSV
"$SERVQ_BIN/servq-gap-analysis" -i data/mini3.json --compare-roles --weight weight roles.csv \
    | sed -n '/"roles":/,$p'
