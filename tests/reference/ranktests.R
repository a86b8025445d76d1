# Reference values for tests/unit/test-ranktests.c (lib/stats/ranktests.c),
# computed with base R 4.2 only.
#
# Run from the repository root:
#   Rscript tests/reference/ranktests.R
#
# Prints one line per figure, "case figure value" with %.17g; the values are
# copied into tests/unit/test-ranktests.c next to the same R calls.
#
# servq keeps distributions: sorted values q with counts c standing for
# q / scale. Each case below lists q, c and scale; the R data are
# rep(q, c) / scale. For the signed-rank test the differences d are given
# directly and tested as wilcox.test(d, E, paired = TRUE) with E all zero,
# so P - E is exactly d (computing d as (4 + q/12) - 4 could break ties
# between +q/12 and -q/12 in the last bit).

out <- function(case, figure, value) {
  cat(case, figure, sprintf("%.17g", value), "\n")
}

dist <- function(q, c, scale = 1) rep(q, c) / scale

# ---- Wilcoxon signed rank: wilcox.test(d, E, paired = TRUE) ------------
signed <- function(case, q, c, scale = 1) {
  d <- dist(q, c, scale)
  E <- numeric(length(d))
  r <- suppressWarnings(wilcox.test(d, E, paired = TRUE))
  out(case, "V", r$statistic)
  out(case, "p", r$p.value)
}

sgn49 <- function(k) ifelse(k %% 3 == 0 | k %% 7 == 0, -1, 1)

signed("sr_n10", c(-9, -4, -2, 1, 3, 5, 6, 7, 8, 10), rep(1, 10))
signed("sr_n49", (1:49) * sgn49(1:49), rep(1, 49))
signed("sr_n49_lowp", (1:49) * ifelse(1:49 %in% c(2, 11), -1, 1), rep(1, 49))
signed("sr_n50", (1:50) * sgn49(1:50), rep(1, 50))
signed("sr_likert", -3:3, c(6, 14, 27, 38, 52, 41, 22))
signed("sr_ties_small", c(-2, -1, 1, 2, 3), c(2, 3, 5, 4, 1))
signed("sr_zeros", c(-5, -1, 0, 2, 3, 4, 6), c(1, 1, 2, 1, 1, 1, 1))
signed("sr_n1_neg", -3, 1)
signed("sr_n1_pos", 2, 1)
signed("sr_n2", c(-1, 4), c(1, 1))
signed("sr_allplus", 1, 12)
signed("sr_scaled12", c(-17, -5, 0, 3, 5, 8, 12, 29, 40), c(1, 2, 3, 1, 3, 1, 1, 2, 1), 12)
signed("sr_scaled12_exact", c(-31, -17, -5, -1, 2, 3, 7, 8, 11, 13, 19, 23, 29, 37, 41),
       rep(1, 15), 12)
signed("sr_big", -3:3, c(212345, 634567, 845678, 1000001, 845100, 634900, 212399))
# all zero: R gives V = 0 and p = NaN (servq: both NaN and a note)
signed("sr_allzero", 0, 7)

# ---- Mann-Whitney: wilcox.test(x, y) ------------------------------------
ranksum <- function(case, qx, cx, qy, cy, sx = 1, sy = 1) {
  x <- dist(qx, cx, sx)
  y <- dist(qy, cy, sy)
  r <- suppressWarnings(wilcox.test(x, y))
  out(case, "W", r$statistic)
  out(case, "p", r$p.value)
}

ranksum("mw_small", c(1, 4, 6, 9, 12), rep(1, 5), c(2, 3, 5, 7, 8, 10, 11, 13), rep(1, 8))
ranksum("mw_49", 2 * (1:49) + 8, rep(1, 49), 2 * (1:49) + 1, rep(1, 49))
ranksum("mw_ties", 1:7, c(3, 5, 9, 14, 20, 17, 8), 1:7, c(6, 9, 14, 18, 15, 9, 4))
ranksum("mw_ties_small", c(2, 3, 5), c(2, 3, 1), c(1, 2, 3, 4), c(1, 2, 1, 1))
ranksum("mw_unequal_exact", c(7, 21, 41), rep(1, 3), 2 * (1:45), rep(1, 45))
ranksum("mw_unequal_normal", c(7, 21, 41, 99), rep(1, 4), 2 * (1:60), rep(1, 60))
ranksum("mw_one", 5, 1, c(1, 2, 3, 4, 6, 7, 8, 9, 10, 11), rep(1, 10))
ranksum("mw_one_ties", 4, 1, 1:7, c(3, 5, 9, 14, 20, 17, 8))
ranksum("mw_scales", c(3, 5, 8, 9), c(1, 2, 1, 1), c(1, 2, 4, 5), c(2, 1, 3, 1), 2, 1)
ranksum("mw_big", 1:7, c(31234, 52345, 94567, 143210, 201234, 171234, 80123),
        1:7, c(31334, 52045, 94867, 143910, 200234, 171134, 80323))
# all tied: R gives W = nx * ny / 2 and p = NaN
ranksum("mw_alltied", 3, 4, 3, 6)

# ---- Welch: t.test(x, y), summary figures printed for servq_welch() ----
welch <- function(case, x, y) {
  r <- t.test(x, y)
  out(case, "nx", length(x))
  out(case, "mx", mean(x))
  out(case, "sx", sd(x))
  out(case, "ny", length(y))
  out(case, "my", mean(y))
  out(case, "sy", sd(y))
  out(case, "t", r$statistic)
  out(case, "df", r$parameter)
  out(case, "p", r$p.value)
  out(case, "ci_low", r$conf.int[1])
  out(case, "ci_high", r$conf.int[2])
}

welch("we_basic", c(5.1, 4.8, 6.2, 5.9, 5.5, 4.9), c(4.2, 4.9, 5.1, 3.8, 4.4, 4.0, 4.7, 5.0))
welch("we_equal_sd", c(1, 2, 3, 4, 5), c(3, 4, 5, 6, 7))
welch("we_unequal_n", c(2, 7, 4), rep(c(3, 4, 5, 6), c(120, 200, 150, 30)))
welch("we_one_sd0", c(5, 5, 5, 5), c(1, 2, 3, 4, 5, 6))
welch("we_large", dist(1:7, c(30, 52, 94, 143, 201, 171, 80)),
      dist(1:7, c(61, 92, 141, 181, 150, 91, 40)))
welch("we_large_close", dist(1:7, c(30, 52, 94, 143, 201, 171, 80)),
      dist(1:7, c(35, 60, 99, 150, 190, 160, 75)))

# ---- p.adjust ------------------------------------------------------------
padj <- function(case, p) {
  for (m in c("holm", "BH")) {
    a <- p.adjust(p, m)
    for (i in seq_along(a)) out(case, sprintf("%s[%d]", m, i), a[i])
  }
}

padj("pa_short", c(0.01, NA, 0.04, 0.03, 0.04))
padj("pa_long", c(0.2, 0.5, NaN, 0.001, 0.2, 0.9, 0.04, NaN, 0.04, 0.3, 0.012, 0.049))
