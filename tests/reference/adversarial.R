# Reference statistics for the adversarial gap-analysis data sets in
# tests/data/adversarial/ (instrument tests/data/adversarial/adv5.json),
# computed independently of servq with R 4.2 (base R and psych).
#
# Run from the repository root:
#   Rscript tests/reference/adversarial.R
#
# Writes tests/reference/adversarial.csv with the columns
#   case,scope,id,field,value
# - case:  the data set, tests/data/adversarial/<case>.csv
# - scope: group (everyone), item, dimension or overall
# - id:    the item or dimension id; "all" for group and overall
# - field: the key in the servq.gap-analysis/1 document; for reliability
#          alpha_<kind>.<figure> or alpha_<kind>.<item>.<figure>, with kind
#          e, p or gap and figure n, raw, std, mean_r, alpha_if_dropped or
#          r_drop; ci_low and ci_high are the two ends of "ci"
# - value: a number printed with %.17g, or NA where servq must give null
#
# tests/unit/test-adversarial.c compares every row with servq's document
# (analysed with --min-n 1, so that n = 1 and n = 2 are not suppressed).
#
# The instrument: dimension d1 = a1, a2, a3 on 1..5; dimension d2 = b1, b2
# on 1..7. The data sets:
#   ties        every P - E is +1 on d1's items and -2 on d2's (sd 0)
#   zeros       P == E everywhere
#   n1          one respondent
#   n2          two respondents
#   missing     scattered empty cells: items' n differ, respondents without
#               a d1 or d2 score, a respondent with one E only
#   empty_item  P_b2 is empty in every row: item b2 has n = 0
#   reverse     a3 and b2 are reverse-worded and were not recoded
#   constant    E_a2 is always 5; b1 is always E 6, P 7
#   mixed       25 respondents with ties and zeros in P - E; every figure
#               is defined
#
# Where R's answer is not a number servq documents a null
# (docs/gap-analysis-json.md, "Null figures"; lib/stats/alpha.c):
# - t.test stops ("not enough 'x' observations" for n < 2, "data are
#   essentially constant" for sd = 0): ci, t, p_t and dz are NA; df is
#   n - 1 when n >= 2, and sd_gap is sd(d) (0 when constant).
# - wilcox.test with no nonzero difference gives V = 0 and p = NaN (n = 0:
#   it stops): servq gives v and p_wilcoxon null ("no nonzero differences:
#   no signed-rank test"), so both are NA here.
# - psych::alpha with an item of zero variance (in na.omit(x)) drops that
#   item with a warning and analyses the rest; servq gives null figures with
#   the note "an item has zero variance (psych::alpha drops such an item and
#   analyses the rest)". Those rows are NA here; the script prints psych's
#   own figures on stderr for reference.
# - psych::alpha that stops (fewer than 2 complete rows) or gives a
#   non-finite figure (total score variance 0: raw_alpha -Inf, or item
#   correlations summing to 0: std.alpha 1/0, which psych prints as about
#   9e15 from rounding) gives NA: servq gives null with a note.

suppressPackageStartupMessages(library(psych))

dir_in <- "tests/data/adversarial"
outfile <- "tests/reference/adversarial.csv"
cases <- c("ties", "zeros", "n1", "n2", "missing", "empty_item", "reverse",
           "constant", "mixed")
items <- c("a1", "a2", "a3", "b1", "b2")
item_dim <- c(a1 = "d1", a2 = "d1", a3 = "d1", b1 = "d2", b2 = "d2")
item_max <- c(a1 = 5, a2 = 5, a3 = 5, b1 = 7, b2 = 7)
dims <- list(d1 = c("a1", "a2", "a3"), d2 = c("b1", "b2"))

g17 <- function(x) ifelse(is.na(x) | !is.finite(x), "NA", sprintf("%.17g", x))
out <- list()
add <- function(case, scope, id, field, value)
  out[[length(out) + 1]] <<- data.frame(case = case, scope = scope, id = id,
                                        field = field, value = g17(value),
                                        stringsAsFactors = FALSE)

# t.test(x, ...) or NULL where R stops.
try_t <- function(...) tryCatch(t.test(...), error = function(e) NULL)

# The one-sample (or paired) t figures of differences d, with tt the result
# of t.test(P, E, paired = TRUE) or t.test(d), or NULL.
t_figures <- function(case, scope, id, d, tt) {
  n <- length(d)
  add(case, scope, id, "sd_gap", if (n >= 2) sd(d) else NA)
  add(case, scope, id, "ci_low", if (is.null(tt)) NA else tt$conf.int[1])
  add(case, scope, id, "ci_high", if (is.null(tt)) NA else tt$conf.int[2])
  add(case, scope, id, "t", if (is.null(tt)) NA else unname(tt$statistic))
  add(case, scope, id, "df", if (is.null(tt)) (if (n >= 2) n - 1 else NA)
                             else unname(tt$parameter))
  add(case, scope, id, "p_t", if (is.null(tt)) NA else tt$p.value)
}

for (case in cases) {
  d <- read.csv(file.path(dir_in, paste0(case, ".csv")), na.strings = "",
                colClasses = c("character", rep("numeric", 10)))
  E <- sapply(items, function(it) d[[paste0("E_", it)]])
  P <- sapply(items, function(it) d[[paste0("P_", it)]])
  E <- matrix(E, nrow = nrow(d), dimnames = list(NULL, items))
  P <- matrix(P, nrow = nrow(d), dimnames = list(NULL, items))
  add(case, "group", "all", "n", nrow(d))

  # ---- items ------------------------------------------------------------
  p_t <- setNames(rep(NA_real_, length(items)), items)
  p_w <- p_t
  for (it in items) {
    both <- complete.cases(E[, it], P[, it])
    e <- E[both, it]; p <- P[both, it]; g <- p - e
    n <- length(g); top <- item_max[[it]]
    add(case, "item", it, "n", n)
    add(case, "item", it, "n_e", sum(!is.na(E[, it])))
    add(case, "item", it, "n_p", sum(!is.na(P[, it])))
    add(case, "item", it, "mean_e", if (n) mean(e) else NA)
    add(case, "item", it, "mean_p", if (n) mean(p) else NA)
    add(case, "item", it, "gap", if (n) mean(g) else NA)
    # t.test(p, e, paired = TRUE)
    tt <- try_t(p, e, paired = TRUE)
    t_figures(case, "item", it, g, tt)
    p_t[it] <- if (is.null(tt)) NA else tt$p.value
    add(case, "item", it, "dz", if (n >= 2 && sd(g) > 0) mean(g) / sd(g) else NA)
    # wilcox.test(p, e, paired = TRUE), R's defaults (exact = NULL, correct = TRUE)
    if (n > 0 && any(g != 0)) {
      wt <- suppressWarnings(wilcox.test(p, e, paired = TRUE))
      stopifnot(is.finite(wt$p.value))
      add(case, "item", it, "v", unname(wt$statistic))
      add(case, "item", it, "p_wilcoxon", wt$p.value)
      p_w[it] <- wt$p.value
    } else {
      add(case, "item", it, "v", NA)
      add(case, "item", it, "p_wilcoxon", NA)
    }
    add(case, "item", it, "median_e", if (n) median(e) else NA)
    add(case, "item", it, "median_p", if (n) median(p) else NA)
    add(case, "item", it, "top_box_e", if (n) mean(e == top) else NA)
    add(case, "item", it, "top_box_p", if (n) mean(p == top) else NA)
    add(case, "item", it, "top_two_box_e", if (n) mean(e >= top - 1) else NA)
    add(case, "item", it, "top_two_box_p", if (n) mean(p >= top - 1) else NA)
  }
  # p.adjust(p, "holm") over the group's items that have a p-value
  adj <- function(pv) { r <- pv; ok <- !is.na(pv); r[ok] <- p.adjust(pv[ok], "holm"); r }
  pa <- adj(p_t); pw <- adj(p_w)
  for (it in items) {
    add(case, "item", it, "p_adj", pa[[it]])
    add(case, "item", it, "p_adj_wilcoxon", pw[[it]])
  }

  # ---- dimension and overall scores ---------------------------------------
  # A respondent's dimension score is the mean of the item gaps they have;
  # their dimension E and P are the means over the same items.
  ns <- nrow(d)
  dim_e <- dim_p <- dim_g <- matrix(NA_real_, ns, length(dims),
                                    dimnames = list(NULL, names(dims)))
  for (dn in names(dims)) {
    ks <- dims[[dn]]
    for (i in seq_len(ns)) {
      b <- !is.na(E[i, ks]) & !is.na(P[i, ks])
      if (!any(b)) next
      dim_e[i, dn] <- mean(E[i, ks][b])
      dim_p[i, dn] <- mean(P[i, ks][b])
      dim_g[i, dn] <- mean(P[i, ks][b] - E[i, ks][b])
    }
  }
  summary_rows <- function(scope, id, se, sp, sg) {
    n <- length(sg)
    add(case, scope, id, "n", n)
    add(case, scope, id, "mean_e", if (n) mean(se) else NA)
    add(case, scope, id, "mean_p", if (n) mean(sp) else NA)
    add(case, scope, id, "gap", if (n) mean(sg) else NA)
    # t.test(x), x the respondents' scores
    t_figures(case, scope, id, sg, try_t(sg))
    add(case, scope, id, "median_gap", if (n) median(sg) else NA)
  }
  for (dn in names(dims)) {
    has <- !is.na(dim_g[, dn])
    summary_rows("dimension", dn, dim_e[has, dn], dim_p[has, dn], dim_g[has, dn])
  }
  # Overall: the mean of each respondent's dimension scores (those they have).
  has <- rowSums(!is.na(dim_g)) > 0
  sq <- rowMeans(dim_g[has, , drop = FALSE], na.rm = TRUE)
  summary_rows("overall", "all",
               rowMeans(dim_e[has, , drop = FALSE], na.rm = TRUE),
               rowMeans(dim_p[has, , drop = FALSE], na.rm = TRUE), sq)
  add(case, "overall", "all", "sq", if (length(sq)) mean(sq) else NA)

  # ---- reliability: psych::alpha(na.omit(x)), listwise ---------------------
  kinds <- list(e = E, p = P, gap = P - E)
  scales <- c(dims, list(all = items))
  for (sn in names(scales)) {
    ks <- scales[[sn]]
    scope <- if (sn == "all") "overall" else "dimension"
    for (kn in names(kinds)) {
      x <- na.omit(as.data.frame(kinds[[kn]][, ks, drop = FALSE]))
      pre <- paste0("alpha_", kn)
      add(case, scope, sn, paste0(pre, ".n"), nrow(x))
      # psych::alpha(na.omit(x)) with its defaults (check.keys = FALSE); its
      # printed chatter (smc, RMSEA, categories) is silenced, errors give NULL
      a <- NULL
      tryCatch(invisible(capture.output(
                 a <- suppressMessages(suppressWarnings(alpha(x, warnings = FALSE))))),
               error = function(e) NULL)
      zero_var <- nrow(x) >= 2 && any(apply(x, 2, var) == 0)
      if (zero_var && !is.null(a))
        message(sprintf("%s %s %s: psych drops a zero-variance item: raw %.17g std %.17g",
                        case, sn, pre, a$total$raw_alpha, a$total$std.alpha))
      if (zero_var) a <- NULL
      # std.alpha = k/(k-1) * (1 - k/sum(R)): undefined when sum(R) = 0
      if (!is.null(a) && abs(sum(cor(x))) < 1e-9) a$total$std.alpha <- NA
      add(case, scope, sn, paste0(pre, ".raw"), if (is.null(a)) NA else a$total$raw_alpha)
      add(case, scope, sn, paste0(pre, ".std"), if (is.null(a)) NA else a$total$std.alpha)
      add(case, scope, sn, paste0(pre, ".mean_r"), if (is.null(a)) NA else a$total$average_r)
      for (j in seq_along(ks)) {
        add(case, scope, sn, paste0(pre, ".", ks[j], ".alpha_if_dropped"),
            if (is.null(a)) NA else a$alpha.drop$raw_alpha[j])
        add(case, scope, sn, paste0(pre, ".", ks[j], ".r_drop"),
            if (is.null(a)) NA else a$item.stats$r.drop[j])
      }
    }
  }
}

res <- do.call(rbind, out)
write.csv(res, outfile, row.names = FALSE, quote = FALSE, eol = "\n")
cat(sprintf("%s: %d rows (%d NA)\n", outfile, nrow(res), sum(res$value == "NA")))
