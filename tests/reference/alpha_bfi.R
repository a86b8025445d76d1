# Reference Cronbach's alpha figures for the five bfi scales, computed with
# psych::alpha (psych 2.2.9, R 4.2), independently of servq.
#
# Run from the repository root:
#   Rscript tests/reference/alpha_bfi.R tests/data/bfi/Rdatasets_psych_bfi.csv
#
# Writes tests/reference/alpha_bfi.csv in long form:
#   scale,missing,figure,item,value
# scale    A C E N O
# missing  listwise  psych::alpha(na.omit(x))
#          pairwise  psych::alpha(x)          (psych's default use = "pairwise")
# figure   n (listwise: complete rows; pairwise: rows with any item answered),
#          raw (raw_alpha), std (std.alpha), mean_r (average_r),
#          if_dropped (alpha.drop$raw_alpha), r_drop (item.stats$r.drop);
#          item is empty for scale-level figures.
# Values are printed with %.17g.
#
# Reverse-keyed items A1 C4 C5 E1 E2 O2 O5 are recoded 7 - x (6-point scale)
# before the analysis, so psych needs no keys.

suppressPackageStartupMessages(library(psych))

args <- commandArgs(trailingOnly = TRUE)
infile <- if (length(args) >= 1) args[1] else
    "tests/data/bfi/Rdatasets_psych_bfi.csv"
outfile <- "tests/reference/alpha_bfi.csv"

d <- read.csv(infile, na.strings = "", colClasses = "character")
stopifnot(nrow(d) == 2800)
reverse <- c("A1", "C4", "C5", "E1", "E2", "O2", "O5")
scales <- c("A", "C", "E", "N", "O")
items <- paste0(rep(scales, each = 5), 1:5)
for (v in items) {
    s <- d[[v]]
    stopifnot(all(is.na(s) | grepl("^[1-6]$", s)))
    d[[v]] <- as.integer(s)
    if (v %in% reverse) d[[v]] <- 7L - d[[v]]
}

fmt <- function(v) sprintf("%.17g", v)
out <- character(0)
row <- function(scale, missing, figure, item, value) {
    out <<- c(out, paste(scale, missing, figure, item, fmt(value), sep = ","))
}

for (s in scales) {
    x <- d[, paste0(s, 1:5)]
    for (missing in c("listwise", "pairwise")) {
        if (missing == "listwise") {
            xx <- na.omit(x)
            n <- nrow(xx)
        } else {
            xx <- x
            n <- sum(rowSums(!is.na(x)) > 0)
        }
        a <- psych::alpha(xx)
        row(s, missing, "n", "", n)
        row(s, missing, "raw", "", a$total$raw_alpha)
        row(s, missing, "std", "", a$total$std.alpha)
        row(s, missing, "mean_r", "", a$total$average_r)
        for (i in seq_along(names(x))) {
            row(s, missing, "if_dropped", names(x)[i], a$alpha.drop$raw_alpha[i])
        }
        for (i in seq_along(names(x))) {
            row(s, missing, "r_drop", names(x)[i], a$item.stats$r.drop[i])
        }
        cat(sprintf("%s %-8s n=%4d raw=%.4f std=%.4f\n", s, missing, n,
                    a$total$raw_alpha, a$total$std.alpha))
    }
}

writeLines(c("scale,missing,figure,item,value", out), outfile)
