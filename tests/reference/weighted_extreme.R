# Reference values for survey-weighted figures on data that defeat a naive
# formula: one respondent weighing 1e8, 1e10 or 1e11 times as much as the
# other 299, and 100 000 respondents with equal weights on a 0-100 scale
# where one item's gap hardly varies. Computed independently of servq with
# R 4.2 and the survey package (4.1-1).
#
# Run from the repository root:
#   Rscript tests/reference/weighted_extreme.R
#
# Reads tests/data/weighted.csv (made by features.R) and writes
#   tests/data/weighted-heavy.csv       its ratings, with the weight columns
#                                       w8, w10 and w11 instead of weight
#   tests/reference/weighted_extreme.csv  case,scope,id,field,value
# Cases (tests/unit/test-features.c runs each one in a single pass and
# merged from shards):
#   heavy8, heavy10, heavy11  weighted-heavy.csv with --weight w8, w10, w11:
#       every weight is 1 but respondent W147's, which is 1e8, 1e10 or 1e11
#   wide  100 000 rows made by the generator below, instrument
#       tests/data/wide100.json (dimension d1 with items q1 and q2 on 0-100),
#       column weight = 0.7 for every row
# Rows locate as in features.R: scope item, dimension <id> or overall sq,
# field one of the "weighted" object's (ci_low, ci_high = ci[0], ci[1]).
#
# Definitions (docs/statistics.md): x is the item gap P - E, the dimension
# score (the mean of the respondent's item gaps in it) or sq (the mean of
# the respondent's dimension scores), over the respondents who have it.
# des = svydesign(ids = ~1, weights = ~w); gap and se as svymean(~x, des),
# t, df, p_t and ci as svyttest(x ~ 0, des) (df = n - 2 in survey 4.1-1).
# The variance is the linearization one, n/(n-1) sum(w^2 (x - m)^2) / W^2
# with W = sum(w) and m = sum(w x) / W (survey's svyrecvar for one stage
# without strata: the totals w (x - m) / W, centred, crossprod, n/(n-1)).
#
# Precision of the reference itself: survey centres x at m rounded to a
# double. When one weight dominates, x - m for that respondent is a few
# 1e-9 of the data's spread, so that rounding alone costs survey up to
# 3e-7 relative in se at 1e11 (1e-8 at 1e10, 1e-10 at 1e8). The reference
# se is therefore the same formula with each deviation computed without
# cancellation, x_j - m = sum_i w_i (x_j - x_i) / W (O(n^2), n = 300), and
# t, p_t and ci follow from it as svyttest computes them. The script stops
# unless survey agrees with it to 1e-6 (and to 1e-10 where the weights are
# equal), and prints the largest disagreement per case;
# weighted_extreme_exact.py checks the se values against exact rational
# arithmetic (they agree to 1e-15). For the wide case, with equal weights,
# survey's own figures are the reference.
#
# The wide generator, the same in tests/unit/test-features.c: Park and
# Miller's minimal standard, s <- 16807 s mod (2^31 - 1) from s = 20261207,
# three draws a, b, c per row (exact in doubles):
#   E_q1 = 1 if a mod 5000 == 0 else 0;  P_q1 = 100
#   E_q2 = b mod 101;                    P_q2 = c mod 101
# Numbers are printed with %.17g.

suppressPackageStartupMessages(library(survey))

g17 <- function(x) sprintf("%.17g", x)
rows <- list()
add <- function(case, scope, id, field, value) {
  rows[[length(rows) + 1]] <<- data.frame(case = case, scope = scope, id = id,
                                          field = field, value = g17(value),
                                          stringsAsFactors = FALSE)
}

items <- paste0("q", 1:22)
dims <- list(tangibles = paste0("q", 1:4), reliability = paste0("q", 5:9),
             responsiveness = paste0("q", 10:13), assurance = paste0("q", 14:17),
             empathy = paste0("q", 18:22))
row_mean <- function(x, cols) {
  s <- x[, cols, drop = FALSE]
  k <- rowSums(!is.na(s))
  ifelse(k > 0, rowSums(s, na.rm = TRUE) / k, NA_real_)
}

# x - m for every respondent, without subtracting two nearly equal numbers.
deviations <- function(x, w) {
  W <- sum(w)
  vapply(seq_along(x), function(j) sum(w * (x[j] - x)) / W, 0)
}

worst <- 0
# The weighted figures of x; precise: compute se from deviations().
wref <- function(x, w, precise, tol) {
  des <- svydesign(ids = ~1, weights = ~w, data = data.frame(x = x, w = w))
  m <- svymean(~x, des)
  tt <- svyttest(x ~ 0, des)
  n <- length(x)
  gap <- unname(coef(m))[1]
  se <- unname(SE(m))[1]
  df <- unname(tt$parameter)
  if (precise) {
    dev <- deviations(x, w)
    se_p <- sqrt(n / (n - 1) * sum(w^2 * dev^2)) / sum(w)
    rel <- abs(se / se_p - 1)
    stopifnot(rel < tol, abs(unname(tt$statistic) / (gap / se_p) - 1) < tol)
    worst <<- max(worst, rel)
    se <- se_p
  }
  t <- gap / se
  q <- qt(0.975, df)
  list(n = n, sum_w = sum(w), n_eff = sum(w)^2 / sum(w^2), gap = gap, se = se,
       t = t, df = df, p_t = 2 * pt(-abs(t), df), ci_low = gap - q * se,
       ci_high = gap + q * se)
}
wmean <- function(x, w) sum(w * x) / sum(w)

emit <- function(case, scope, id, r) for (f in names(r)) add(case, scope, id, f, r[[f]])

# All the weighted figures of one data set: items, dimensions, sq.
cases <- function(case, E, P, w, dims, precise, tol) {
  worst <<- 0
  G <- P - E
  for (k in colnames(G)) {
    has <- !is.na(G[, k])
    r <- wref(G[has, k], w[has], precise, tol)
    r$mean_e <- wmean(E[has, k], w[has])
    r$mean_p <- wmean(P[has, k], w[has])
    emit(case, "item", k, r)
  }
  D <- sapply(dims, function(its) row_mean(G, its))
  D <- matrix(D, nrow = nrow(G), dimnames = list(NULL, names(dims)))
  for (j in names(dims)) {
    has <- !is.na(D[, j])
    emit(case, "dimension", j, wref(D[has, j], w[has], precise, tol))
  }
  sq <- row_mean(D, colnames(D))
  has <- !is.na(sq)
  emit(case, "overall", "sq", wref(sq[has], w[has], precise, tol))
  if (precise)
    cat(sprintf("%s: survey's se differs from the reference by %.2g relative at most\n",
                case, worst))
}

# ---- one heavy respondent among 299 of weight 1 ----------------------
d <- read.csv("tests/data/weighted.csv", check.names = FALSE, stringsAsFactors = FALSE,
              na.strings = "")
stopifnot(nrow(d) == 300, identical(d$respondent_id[147], "W147"),
          all(!is.na(d[147, -(1:2)])))
ratings <- function(m) {
  x <- sapply(items, function(i) as.numeric(d[[paste0(m, "_", i)]]))
  matrix(x, nrow = nrow(d), dimnames = list(NULL, items))
}
E <- ratings("E")
P <- ratings("P")
heavy <- c(w8 = 1e8, w10 = 1e10, w11 = 1e11)
out <- data.frame(respondent_id = d$respondent_id, check.names = FALSE)
for (col in names(heavy)) {
  w <- rep(1, nrow(d))
  w[147] <- heavy[[col]]
  out[[col]] <- format(w, scientific = FALSE, trim = TRUE)
}
out <- cbind(out, d[, -(1:2)])
write.csv(out, "tests/data/weighted-heavy.csv", row.names = FALSE, na = "", quote = FALSE,
          eol = "\n")
back <- read.csv("tests/data/weighted-heavy.csv", check.names = FALSE,
                 stringsAsFactors = FALSE, na.strings = "")
stopifnot(identical(dim(back), dim(out)), identical(back$w11[147], 1e11))
for (col in names(heavy)) {
  case <- paste0("heavy", substring(col, 2))
  cases(case, E, P, back[[col]], dims, TRUE, 1e-6)
  add(case, "group", "weights", "sum_w", sum(back[[col]]))
}

# ---- 100 000 respondents, equal weights, a 0-100 scale ----------------
n <- 100000
s <- 20261207
draws <- numeric(3 * n)
for (i in seq_along(draws)) {
  s <- (16807 * s) %% 2147483647
  draws[i] <- s
}
a <- draws[seq(1, 3 * n, 3)]
b <- draws[seq(2, 3 * n, 3)]
cc <- draws[seq(3, 3 * n, 3)]
E <- cbind(q1 = ifelse(a %% 5000 == 0, 1, 0), q2 = b %% 101)
P <- cbind(q1 = rep(100, n), q2 = cc %% 101)
stopifnot(sum(E[, "q1"]) > 5)
w <- rep(0.7, n)
cases("wide", E, P, w, list(d1 = c("q1", "q2")), FALSE, 0)
# With equal weights survey's centring is exact enough: check it is.
for (j in c("q1", "q2")) {
  x <- P[, j] - E[, j]
  dev <- x - mean(x)
  se <- sqrt(n / (n - 1) * sum(w^2 * dev^2)) / sum(w)
  des <- svydesign(ids = ~1, weights = ~w, data = data.frame(x = x, w = w))
  stopifnot(abs(unname(SE(svymean(~x, des)))[1] / se - 1) < 1e-10)
}
add("wide", "group", "weights", "sum_w", sum(w))
add("wide", "group", "group", "n", n)

ref <- do.call(rbind, rows)
write.csv(ref, "tests/reference/weighted_extreme.csv", row.names = FALSE, quote = FALSE,
          eol = "\n")
cat(sprintf("wrote %d reference rows\n", nrow(ref)))
