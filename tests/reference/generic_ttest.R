# Reference SERVQUAL gap statistics for samples/exports/generic_servqual.csv,
# computed independently of servq (base R only).
#
# Run from the repository root:
#   Rscript tests/reference/generic_ttest.R
#
# Writes tests/reference/generic_ttest.csv and generic_alpha.csv (needs the
# psych package: apt-get install r-cran-psych) and prints the row counts
# (read / accepted / rejected) to stdout.
#
# Acceptance rules (same as servq import):
#   - a row whose field count differs from the header is rejected (ragged);
#   - empty respondent_id is rejected;
#   - a respondent_id already used by an earlier ACCEPTED row is rejected
#     (first accepted occurrence wins);
#   - any E/P cell that is non-empty and not ^[0-9]+$ in 1..7 is rejected;
#   - any I_ cell that is non-empty and not a non-negative number is rejected;
#   - an empty cell is a missing answer (NA).

infile  <- "samples/exports/generic_servqual.csv"
outfile <- "tests/reference/generic_ttest.csv"

# ---- read --------------------------------------------------------------
nf <- count.fields(infile, sep = ",", quote = "\"", blank.lines.skip = TRUE,
                   comment.char = "")
n_header <- nf[1]
lines <- readLines(infile, encoding = "UTF-8")
lines <- lines[nzchar(lines)]
stopifnot(length(lines) == length(nf))
data_lines <- lines[-1]
data_nf <- nf[-1]
n_read <- length(data_lines)

ok_shape <- data_nf == n_header
con <- textConnection(c(lines[1], data_lines[ok_shape]))
d <- read.csv(con, colClasses = "character", na.strings = NULL,
              check.names = FALSE, strip.white = FALSE)
close(con)
stopifnot(nrow(d) == sum(ok_shape))

q <- 1:22
e_cols <- sprintf("E%02d", q)
p_cols <- sprintf("P%02d", q)
dims <- list(tangibles = 1:4, reliability = 5:9, responsiveness = 10:13,
             assurance = 14:17, empathy = 18:22)
i_cols <- paste0("I_", names(dims))

item_ok <- function(x) {
  x == "" | (grepl("^[0-9]+$", x) &
               suppressWarnings(as.numeric(x)) >= 1 &
               suppressWarnings(as.numeric(x)) <= 7)
}
imp_ok <- function(x) {
  # non-negative decimal number (no sign, no exponent)
  x == "" | grepl("^[0-9]+(\\.[0-9]+)?$", x)
}

cell_ok <- rep(TRUE, nrow(d))
for (cn in c(e_cols, p_cols)) cell_ok <- cell_ok & item_ok(d[[cn]])
for (cn in i_cols) cell_ok <- cell_ok & imp_ok(d[[cn]])
cell_ok <- cell_ok & d$respondent_id != ""

# duplicates: only an earlier *accepted* row blocks an id
accepted <- logical(nrow(d))
seen <- character(0)
for (i in seq_len(nrow(d))) {
  if (!cell_ok[i]) next
  id <- d$respondent_id[i]
  if (id %in% seen) next
  accepted[i] <- TRUE
  seen <- c(seen, id)
}
a <- d[accepted, , drop = FALSE]
n_acc <- nrow(a)
n_rej <- n_read - n_acc

num <- function(x) { v <- rep(NA_real_, length(x)); v[x != ""] <- as.numeric(x[x != ""]); v }
E <- sapply(e_cols, function(cn) num(a[[cn]]))
P <- sapply(p_cols, function(cn) num(a[[cn]]))
E <- matrix(E, nrow = n_acc)
P <- matrix(P, nrow = n_acc)

# ---- statistics --------------------------------------------------------
g17 <- function(x) sprintf("%.17g", x)
rows <- list()
add_row <- function(level, id, e, p, g, tt) {
  rows[[length(rows) + 1]] <<- data.frame(
    level = level, id = id, n = length(g),
    mean_e = g17(mean(e)), mean_p = g17(mean(p)), gap = g17(mean(g)),
    sd_gap = g17(sd(g)),
    ci_low = g17(tt$conf.int[1]), ci_high = g17(tt$conf.int[2]),
    t = g17(unname(tt$statistic)), df = g17(unname(tt$parameter)),
    p = g17(tt$p.value), stringsAsFactors = FALSE)
}

for (k in q) {
  both <- !is.na(E[, k]) & !is.na(P[, k])
  e <- E[both, k]; p <- P[both, k]
  tt <- t.test(p, e, paired = TRUE)
  add_row("item", paste0("q", k), e, p, p - e, tt)
}

dim_e <- matrix(NA_real_, n_acc, length(dims))
dim_p <- matrix(NA_real_, n_acc, length(dims))
dim_g <- matrix(NA_real_, n_acc, length(dims))
for (j in seq_along(dims)) {
  ks <- dims[[j]]
  both <- !is.na(E[, ks, drop = FALSE]) & !is.na(P[, ks, drop = FALSE])
  for (i in seq_len(n_acc)) {
    b <- both[i, ]
    if (!any(b)) next
    ee <- E[i, ks][b]; pp <- P[i, ks][b]
    dim_e[i, j] <- mean(ee)
    dim_p[i, j] <- mean(pp)
    dim_g[i, j] <- mean(pp - ee)
  }
  has <- !is.na(dim_g[, j])
  add_row("dimension", names(dims)[j], dim_e[has, j], dim_p[has, j],
          dim_g[has, j], t.test(dim_g[has, j]))
}

has_any <- rowSums(!is.na(dim_g)) > 0
sq  <- rowMeans(dim_g[has_any, , drop = FALSE], na.rm = TRUE)
ove <- rowMeans(dim_e[has_any, , drop = FALSE], na.rm = TRUE)
ovp <- rowMeans(dim_p[has_any, , drop = FALSE], na.rm = TRUE)
add_row("overall", "sq", ove, ovp, sq, t.test(sq))

# ---- importance: shares per dimension and the weighted index ----------
# A respondent's share of dimension d is points_d / (sum of their points,
# empty cells counting as 0). Their weighted score uses the dimensions they
# both rated and gave points to: sum(points_d * gap_d) / sum(points_d).
I <- sapply(paste0("I_", names(dims)), function(cn) num(a[[cn]]))
I <- matrix(I, nrow = n_acc)
tot <- rowSums(pmax(I, 0), na.rm = TRUE)
for (j in seq_along(dims)) {
  has <- tot > 0
  share <- ifelse(is.na(I[has, j]), 0, I[has, j]) / tot[has]
  rows[[length(rows) + 1]] <- data.frame(
    level = "importance", id = names(dims)[j], n = length(share),
    mean_e = "", mean_p = "", gap = g17(mean(share)), sd_gap = g17(sd(share)),
    ci_low = "", ci_high = "", t = "", df = "", p = "", stringsAsFactors = FALSE)
}
use <- !is.na(I) & !is.na(dim_g)
wnum <- rowSums(ifelse(use, I * dim_g, 0))
wden <- rowSums(ifelse(use, I, 0))
has_w <- wden > 0
wsq <- wnum[has_w] / wden[has_w]
add_row("overall", "wsq", wsq, wsq, wsq, t.test(wsq))

# ---- reliability: psych::alpha of E, P and gap per dimension and overall -
# Written to generic_alpha.csv: listwise is psych::alpha(na.omit(x)),
# pairwise psych::alpha(x) (its default pairwise covariances).
suppressPackageStartupMessages(library(psych))
arows <- list()
add_alpha <- function(scale, kind, x) {
  colnames(x) <- paste0("q", seq_len(ncol(x)))
  for (mode in c("listwise", "pairwise")) {
    a <- suppressWarnings(if (mode == "listwise") alpha(na.omit(x), warnings = FALSE)
                          else alpha(x, warnings = FALSE))
    arows[[length(arows) + 1]] <<- data.frame(
      scale = scale, kind = kind, missing = mode, item = "",
      raw = g17(a$total$raw_alpha), std = g17(a$total$std.alpha),
      r_drop = "", stringsAsFactors = FALSE)
    for (j in seq_len(ncol(x)))
      arows[[length(arows) + 1]] <<- data.frame(
        scale = scale, kind = kind, missing = mode, item = as.character(j),
        raw = g17(a$alpha.drop$raw_alpha[j]), std = "",
        r_drop = g17(a$item.stats$r.drop[j]), stringsAsFactors = FALSE)
  }
}
scales <- c(dims, list(overall = 1:22))
for (sn in names(scales)) {
  ks <- scales[[sn]]
  add_alpha(sn, "E", E[, ks, drop = FALSE])
  add_alpha(sn, "P", P[, ks, drop = FALSE])
  add_alpha(sn, "gap", P[, ks, drop = FALSE] - E[, ks, drop = FALSE])
}
write.csv(do.call(rbind, arows), "tests/reference/generic_alpha.csv", row.names = FALSE,
          quote = FALSE, eol = "\n")

out <- do.call(rbind, rows)
write.csv(out, outfile, row.names = FALSE, quote = FALSE, eol = "\n")

cat(sprintf("rows read: %d\naccepted: %d\nrejected: %d\n", n_read, n_acc, n_rej))
