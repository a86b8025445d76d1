# Reference values for the gap-analysis features: survey weights, zone of
# tolerance, roles (gap 1 and the internal view), NPS and CSAT. Computed
# independently of servq, in R 4.2 with the survey package (4.1-1) and
# jsonlite.
#
# Run from the repository root:
#   Rscript tests/reference/features.R
#
# Writes the canonical responses it generates (fixed seeds):
#   tests/data/weighted.csv  SERVQUAL-22 with a weight column     (case weighted)
#   tests/data/zot.csv       quality-treatment14, E P A D         (case zot)
#   tests/data/roles.csv     SERVQUAL-22 with a role column       (case roles)
#   tests/data/nps.csv       SERVQUAL-22 + X_nps, X_csat          (case nps,
#                            instrument tests/data/nps.json)
# and tests/reference/features.csv with columns case,scope,id,field,value.
# Every reference value is computed from the CSV as read back from disk, so
# the numbers are those of the bytes servq reads. Numbers are printed with
# %.17g; zot positions are strings.
#
# Where each row lives in the servq.gap-analysis/1 document (G = groups[0]):
#   weighted item  <q> <f>    G.items[id=q].weighted.<f>   (ci_low/ci_high = ci[0]/ci[1])
#   weighted dimension <d> <f> G.dimensions[id=d].weighted.<f>
#   weighted overall sq <f>   G.overall.weighted.<f>
#   *        group weights <f> G.weights.<f>
#   *        group group n    G.n
#   zot      item <t> <f>     G.items[id=t].<f>
#   zot      dimension <d> <f> G.dimensions[id=d].<f>
#   roles    gap1_item, gap1_dimension, internal_item, internal_dimension <id> <f>
#                             roles.<gap1|internal>.<items|dimensions>[id].<f>
#   roles    roles counts <f> roles.counts.<f>
#   nps      group nps <f>    G.nps.<f>;  group csat <f>  G.csat.<f>
#
# Definitions (docs/statistics.md):
#   weighted: x is the item gap P - E (respondents with both), the dimension
#     score (mean of the respondent's item gaps in it) or sq (mean of the
#     respondent's dimension scores); sub = respondents with an x;
#     des = svydesign(ids = ~1, weights = ~w, data = sub); gap, se from
#     svymean(~x, des); t, df, p_t, ci from svyttest(x ~ 0, des). Note that
#     survey 4.1-1's one-sample svyttest uses df = degf(des) - 1 = n - 2.
#     n_eff = sum(w)^2 / sum(w^2) on sub; mean_e, mean_p = svymean of E, P
#     on the item's sub. weights.sum_w, weights.n_eff over all respondents.
#   zot: per item over respondents with P and A: n_a, mean_a, msa = mean(P - A);
#     with P and D: n_d, mean_d, mss = mean(P - D); zot = below if msa < 0,
#     else above if mss > 0, else inside (decided on the exact integer sums).
#     Per dimension: each respondent's mean of P - A over the dimension's
#     items where they have both, averaged over respondents (msa); same for mss.
#   roles: a = manager (gap1, E) or staff (internal, P), b = customer; per item
#     over the respondents who gave that rating; per dimension over each
#     respondent's mean of their answered ratings in it. diff = mean_a - mean_b;
#     Welch t.test(x_a, x_b) -> t, df, p_t; wilcox.test(x_a, x_b) -> w, p_mw.
#     counts: respondents per role; G.n = customers (managers and staff are
#     left out of the regular groups).
#   nps: n answered; promoters/passives/detractors = 100 * share of 9-10,
#     7-8, 0-6; score = promoters - detractors. csat: n, score = 100 * share
#     of 4-5 on its 1-5 scale.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

g17 <- function(x) sprintf("%.17g", x)
rows <- list()
add <- function(case, scope, id, field, value) {
  v <- if (is.character(value)) value else g17(value)
  rows[[length(rows) + 1]] <<- data.frame(case = case, scope = scope, id = id,
                                          field = field, value = v,
                                          stringsAsFactors = FALSE)
}

clamp <- function(x, lo, hi) as.integer(pmin(pmax(round(x), lo), hi))
# Blanks a share of the cells at random.
holes <- function(x, share) { x[runif(length(x)) < share] <- NA; x }

write_data <- function(d, path) {
  write.csv(d, path, row.names = FALSE, na = "", quote = FALSE, eol = "\n")
  back <- read.csv(path, check.names = FALSE, stringsAsFactors = FALSE,
                   na.strings = "")
  stopifnot(identical(dim(back), dim(d)), identical(names(back), names(d)))
  back
}

instrument <- function(path) {
  ins <- fromJSON(path, simplifyVector = TRUE)
  items <- ins$items$id
  dims <- lapply(setNames(ins$dimensions$id, ins$dimensions$id),
                 function(d) items[ins$items$dimension == d])
  list(items = items, dims = dims)
}
sq22 <- instrument("samples/instruments/servqual22.json")
stopifnot(identical(sq22$items, paste0("q", 1:22)),
          identical(lengths(sq22$dims, use.names = FALSE), c(4L, 5L, 4L, 4L, 5L)))

# Columns E_<id>, P_<id>, ... of a data frame as a matrix (NA for empty).
ratings <- function(d, m, items) {
  x <- sapply(items, function(i) as.numeric(d[[paste0(m, "_", i)]]))
  matrix(x, nrow = nrow(d), dimnames = list(NULL, items))
}
# Interleaved E_q1,P_q1,... columns from a list of matrices named by measure.
interleave <- function(mats, items) {
  cols <- list()
  for (i in items) for (m in names(mats)) cols[[paste0(m, "_", i)]] <- mats[[m]][, i]
  as.data.frame(cols, check.names = FALSE)
}
# Each respondent's mean of the non-missing values in the given columns.
row_mean <- function(x, cols) {
  s <- x[, cols, drop = FALSE]
  k <- rowSums(!is.na(s))
  ifelse(k > 0, rowSums(s, na.rm = TRUE) / k, NA_real_)
}

# ======================================================================
# 1. Survey weights
# ======================================================================
set.seed(20261201)
n <- 300
w <- round(runif(n, 0.3, 3), 3)
mu_e <- runif(22, 5.3, 6.4)
mu_p <- mu_e - runif(22, 0.1, 1.6)
lat_e <- rnorm(n, 0, 0.5)
lat_p <- rnorm(n, 0, 0.8) + 0.35 * (w - 1.65)   # heavier respondents rate higher
E <- sapply(1:22, function(k) holes(clamp(mu_e[k] + lat_e + rnorm(n, 0, 0.8), 1, 7), 0.04))
P <- sapply(1:22, function(k) holes(clamp(mu_p[k] + lat_p + rnorm(n, 0, 1.0), 1, 7), 0.04))
colnames(E) <- colnames(P) <- sq22$items
d <- cbind(data.frame(respondent_id = sprintf("W%03d", 1:n), weight = w),
           interleave(list(E = E, P = P), sq22$items))
d <- write_data(d, "tests/data/weighted.csv")

w <- d$weight
E <- ratings(d, "E", sq22$items)
P <- ratings(d, "P", sq22$items)
G <- P - E   # NA unless both

wref <- function(x, w) {
  sub <- data.frame(x = x, w = w)
  des <- svydesign(ids = ~1, weights = ~w, data = sub)
  m <- svymean(~x, des)
  tt <- svyttest(x ~ 0, des)
  list(gap = unname(coef(m))[1], se = unname(SE(m))[1],
       t = unname(tt$statistic), df = unname(tt$parameter),
       p_t = unname(tt$p.value), ci_low = unname(tt$conf.int[1]),
       ci_high = unname(tt$conf.int[2]), n_eff = sum(w)^2 / sum(w^2))
}
wmean <- function(x, w) {
  des <- svydesign(ids = ~1, weights = ~w, data = data.frame(x = x, w = w))
  unname(coef(svymean(~x, des)))[1]
}
add("weighted", "group", "group", "n", nrow(d))
for (k in sq22$items) {
  has <- !is.na(G[, k])
  r <- wref(G[has, k], w[has])
  r$mean_e <- wmean(E[has, k], w[has])
  r$mean_p <- wmean(P[has, k], w[has])
  for (f in names(r)) add("weighted", "item", k, f, r[[f]])
}
D <- sapply(sq22$dims, function(items) row_mean(G, items))
for (j in names(sq22$dims)) {
  has <- !is.na(D[, j])
  r <- wref(D[has, j], w[has])
  for (f in c("gap", "se", "t", "df", "p_t", "n_eff")) add("weighted", "dimension", j, f, r[[f]])
}
sq <- row_mean(D, colnames(D))
has <- !is.na(sq)
r <- wref(sq[has], w[has])
for (f in c("gap", "se", "t", "df", "p_t", "n_eff")) add("weighted", "overall", "sq", f, r[[f]])
add("weighted", "group", "weights", "sum_w", sum(w))
add("weighted", "group", "weights", "n_eff", sum(w)^2 / sum(w^2))

# ======================================================================
# 2. Zone of tolerance (quality-treatment14, 1..5, E P A D)
# ======================================================================
qt <- instrument("samples/instruments/quality_treatment14.json")
stopifnot(identical(qt$items, paste0("t", 1:14)))
set.seed(20261202)
n <- 200
# Adequate, desired and perceived level per item: t3, t12, t13 fall below
# the zone, t4 and t11 above it, the rest inside.
mu_a <- c(2.8, 2.9, 3.5, 2.5, 2.8, 2.7, 2.9, 2.8, 2.7, 2.8, 2.3, 3.6, 3.4, 2.9)
mu_d <- c(4.4, 4.5, 4.6, 3.5, 4.4, 4.3, 4.5, 4.4, 4.3, 4.4, 3.3, 4.7, 4.5, 4.4)
mu_p <- c(3.7, 3.8, 2.7, 4.3, 3.6, 3.5, 3.9, 3.6, 3.4, 3.7, 4.0, 2.9, 3.0, 3.5)
mu_e <- mu_d - 0.2
u_a <- rnorm(n, 0, 0.4); u_d <- rnorm(n, 0, 0.4); u_p <- rnorm(n, 0, 0.6)
A <- sapply(1:14, function(k) clamp(mu_a[k] + u_a + rnorm(n, 0, 0.6), 1, 5))
Dz <- sapply(1:14, function(k) clamp(mu_d[k] + u_d + rnorm(n, 0, 0.6), 1, 5))
# A <= D mostly: most crossed pairs are closed up, a few are left.
fix <- A > Dz & runif(length(A)) < 0.85
Dz[fix] <- A[fix]
Pz <- sapply(1:14, function(k) clamp(mu_p[k] + u_p + rnorm(n, 0, 0.8), 1, 5))
Ez <- sapply(1:14, function(k) clamp(mu_e[k] + u_d + rnorm(n, 0, 0.7), 1, 5))
mats <- lapply(list(E = Ez, P = Pz, A = A, D = Dz), function(x) {
  x <- holes(x, 0.03); colnames(x) <- qt$items; x })
d <- cbind(data.frame(respondent_id = sprintf("Z%03d", 1:n)), interleave(mats, qt$items))
d <- write_data(d, "tests/data/zot.csv")

A <- ratings(d, "A", qt$items); Dz <- ratings(d, "D", qt$items); Pz <- ratings(d, "P", qt$items)
MSA <- Pz - A; MSS <- Pz - Dz
add("zot", "group", "group", "n", nrow(d))
pos <- character(0)
for (k in qt$items) {
  ha <- !is.na(MSA[, k]); hd <- !is.na(MSS[, k])
  sa <- sum(MSA[ha, k]); ss <- sum(MSS[hd, k])   # exact integers
  # Keep the positions well away from the boundaries.
  stopifnot(abs(sa) / sum(ha) > 0.05, abs(ss) / sum(hd) > 0.05)
  zot <- if (sa < 0) "below" else if (ss > 0) "above" else "inside"
  pos <- c(pos, zot)
  add("zot", "item", k, "n_a", sum(ha))
  add("zot", "item", k, "mean_a", mean(A[ha, k]))
  add("zot", "item", k, "msa", mean(MSA[ha, k]))
  add("zot", "item", k, "n_d", sum(hd))
  add("zot", "item", k, "mean_d", mean(Dz[hd, k]))
  add("zot", "item", k, "mss", mean(MSS[hd, k]))
  add("zot", "item", k, "zot", zot)
}
stopifnot(all(c("below", "inside", "above") %in% pos))
for (j in names(qt$dims)) {
  ra <- row_mean(MSA, qt$dims[[j]]); rs <- row_mean(MSS, qt$dims[[j]])
  add("zot", "dimension", j, "msa", mean(ra[!is.na(ra)]))
  add("zot", "dimension", j, "mss", mean(rs[!is.na(rs)]))
}

# ======================================================================
# 3. Roles: gap 1 (managers' E vs customers' E), internal view (staff's P
#    vs customers' P)
# ======================================================================
set.seed(20261203)
n_c <- 120; n_m <- 25; n_s <- 30
mu_e <- runif(22, 5.4, 6.5)
mu_p <- mu_e - runif(22, 0.3, 1.5)
under <- runif(22, -0.2, 1.0)    # managers underestimate expectations
rosy <- runif(22, 0.0, 1.0)      # staff see the service more kindly
gen <- function(nr, mu, sd_lat, sd_item) {
  lat <- rnorm(nr, 0, sd_lat)
  x <- sapply(1:22, function(k) holes(clamp(mu[k] + lat + rnorm(nr, 0, sd_item), 1, 7), 0.03))
  colnames(x) <- sq22$items
  x
}
none <- function(nr) matrix(NA_integer_, nr, 22, dimnames = list(NULL, sq22$items))
Ec <- gen(n_c, mu_e, 0.5, 0.8); Pc <- gen(n_c, mu_p, 0.8, 1.0)
Em <- gen(n_m, mu_e - under, 0.5, 0.7)
Ps <- gen(n_s, mu_p + rosy, 0.6, 0.8)
role <- c(rep("customer", n_c), rep("manager", n_m), rep("staff", n_s))
ord <- sample(length(role))      # roles interleaved in the file
Er <- rbind(Ec, Em, none(n_s))[ord, ]
Pr <- rbind(Pc, none(n_m), Ps)[ord, ]
d <- cbind(data.frame(respondent_id = sprintf("R%03d", seq_along(ord)), role = role[ord]),
           interleave(list(E = Er, P = Pr), sq22$items))
d <- write_data(d, "tests/data/roles.csv")

Er <- ratings(d, "E", sq22$items); Pr <- ratings(d, "P", sq22$items)
is_c <- d$role == "customer"; is_m <- d$role == "manager"; is_s <- d$role == "staff"
stopifnot(all(is.na(Pr[is_m, ])), all(is.na(Er[is_s, ])))
compare <- function(scope, id, a, b) {
  a <- a[!is.na(a)]; b <- b[!is.na(b)]
  tt <- t.test(a, b)
  wt <- suppressWarnings(wilcox.test(a, b))
  add("roles", scope, id, "n_a", length(a))
  add("roles", scope, id, "n_b", length(b))
  add("roles", scope, id, "mean_a", mean(a))
  add("roles", scope, id, "mean_b", mean(b))
  add("roles", scope, id, "diff", mean(a) - mean(b))
  add("roles", scope, id, "t", unname(tt$statistic))
  add("roles", scope, id, "df", unname(tt$parameter))
  add("roles", scope, id, "p_t", tt$p.value)
  add("roles", scope, id, "w", unname(wt$statistic))
  add("roles", scope, id, "p_mw", wt$p.value)
}
add("roles", "group", "group", "n", sum(is_c))
add("roles", "roles", "counts", "customer", sum(is_c))
add("roles", "roles", "counts", "manager", sum(is_m))
add("roles", "roles", "counts", "staff", sum(is_s))
for (k in sq22$items) compare("gap1_item", k, Er[is_m, k], Er[is_c, k])
for (j in names(sq22$dims)) {
  s <- row_mean(Er, sq22$dims[[j]])
  compare("gap1_dimension", j, s[is_m], s[is_c])
}
for (k in sq22$items) compare("internal_item", k, Pr[is_s, k], Pr[is_c, k])
for (j in names(sq22$dims)) {
  s <- row_mean(Pr, sq22$dims[[j]])
  compare("internal_dimension", j, s[is_s], s[is_c])
}

# ======================================================================
# 4. NPS and CSAT (instrument tests/data/nps.json)
# ======================================================================
ins <- fromJSON("tests/data/nps.json", simplifyVector = TRUE)
stopifnot(identical(ins$extras$id, c("nps", "csat")),
          identical(ins$extras$type, c("nps", "csat")))
set.seed(20261204)
n <- 150
mu_e <- runif(22, 5.3, 6.4)
mu_p <- mu_e - runif(22, 0.1, 1.4)
lat <- rnorm(n, 0, 0.7)
E <- sapply(1:22, function(k) holes(clamp(mu_e[k] + rnorm(n, 0, 0.9), 1, 7), 0.03))
P <- sapply(1:22, function(k) holes(clamp(mu_p[k] + lat + rnorm(n, 0, 0.9), 1, 7), 0.03))
colnames(E) <- colnames(P) <- sq22$items
nps <- holes(sample(0:10, n, replace = TRUE,
                    prob = c(2, 1, 1, 2, 2, 4, 5, 10, 14, 18, 16)), 0.06)
csat <- holes(sample(1:5, n, replace = TRUE, prob = c(4, 8, 18, 40, 30)), 0.05)
d <- cbind(data.frame(respondent_id = sprintf("N%03d", 1:n)),
           interleave(list(E = E, P = P), sq22$items),
           data.frame(X_nps = nps, X_csat = csat))
d <- write_data(d, "tests/data/nps.csv")

x <- d$X_nps[!is.na(d$X_nps)]
prom <- 100 * sum(x >= 9) / length(x)
pas <- 100 * sum(x >= 7 & x <= 8) / length(x)
det <- 100 * sum(x <= 6) / length(x)
stopifnot(abs(prom - det) > 5)
add("nps", "group", "group", "n", nrow(d))
add("nps", "group", "nps", "n", length(x))
add("nps", "group", "nps", "score", prom - det)
add("nps", "group", "nps", "promoters", prom)
add("nps", "group", "nps", "passives", pas)
add("nps", "group", "nps", "detractors", det)
y <- d$X_csat[!is.na(d$X_csat)]
add("nps", "group", "csat", "n", length(y))
add("nps", "group", "csat", "score", 100 * sum(y >= 4) / length(y))

# ======================================================================
out <- do.call(rbind, rows)
write.csv(out, "tests/reference/features.csv", row.names = FALSE, quote = FALSE, eol = "\n")
for (cs in unique(out$case)) cat(sprintf("%s: %d rows\n", cs, sum(out$case == cs)))
cat(sprintf("total: %d rows\n", nrow(out)))
