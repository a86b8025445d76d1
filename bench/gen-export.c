/*
 * gen-export: writes a seeded synthetic SERVQUAL export in the generic
 * dialect, at any row count, for the benchmarks in bench/run.
 *
 *   gen-export [-s SEED] [-g BRANCHES] [-m PERMILLE] [-q] ROWS > export.csv
 *
 * Layout (one header row, then ROWS rows):
 *   id,timestamp,branch,channel,E01..E22,P01..P22,
 *   I_tangibles,I_reliability,I_responsiveness,I_assurance,I_empathy
 *
 * Ratings are on 1..7 from a latent model close to
 * tools/gen-generic-sample.py (dimension expectation levels, item gaps, a
 * respondent effect, branch effects); importance points are multiples of
 * 5 that sum to 100. -m leaves that many ratings per thousand empty (GNU
 * datamash cannot read empty fields, so the benchmark uses 0, the
 * default). -q quotes the four text fields, as some survey tools do, to
 * exercise the quoted path of a reader. The same arguments always give
 * the same bytes, on any machine: randomness is xoshiro256** seeded by
 * splitmix64, and no floating-point library function is used.
 *
 * About 148 bytes per row: 1,000,000 rows make a 148 MB file.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_ITEMS 22
#define N_DIMS 5
#define OUT_CAP (1u << 20)

static const char *const dim_names[N_DIMS] = {"tangibles", "reliability", "responsiveness",
                                              "assurance", "empathy"};
/* Dimension of each item, 0-based: 1-4, 5-9, 10-13, 14-17, 18-22. */
static const int item_dim[N_ITEMS] = {0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2,
                                      2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4};
/* Latent shift of P against E per item, in 1/100 scale points. */
static const int item_gap[N_ITEMS] = {-5,   -20,  0,    -15, -135, -120, -150, -110,
                                      -125, -120, -140, -105, -130, -55, -70,  -45,
                                      -60,  -50,  -65,  30,  -55,  -40};
/* Latent expectation level per dimension, in 1/100 scale points. */
static const int dim_e[N_DIMS] = {540, 630, 610, 610, 580};

static const char *const default_branches[] = {"Centro", "Norte", "Sur", "Este", "Oeste"};
/* Out of 100; the remainder goes to the last branch. */
static const int default_branch_weight[] = {30, 25, 20, 15, 10};
static const char *const channels[] = {"web", "phone", "branch"};

struct rng {
    uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed)
{
    int i;

    for (i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* A uniform integer in [0, n), n small: the high bits scaled, no modulo bias to speak of. */
static unsigned rng_below(struct rng *r, unsigned n)
{
    return (unsigned)(((rng_next(r) >> 32) * n) >> 32);
}

/*
 * Bell-shaped noise in 1/100 scale points with SD about sd: the sum of
 * three uniforms (Irwin-Hall) from one 64-bit draw, mean 0, SD 1/2 of
 * the unit, so scaled by 2 sd.
 */
static int noise(struct rng *r, int sd)
{
    uint64_t x = rng_next(r);
    int64_t u = (int64_t)(x & 0x1FFFFF) + (int64_t)((x >> 21) & 0x1FFFFF) +
                (int64_t)((x >> 42) & 0x1FFFFF) - 3 * (int64_t)0x100000;

    /* u / 2^21 is in (-1.5, 1.5) with SD 1/2. */
    return (int)((u * 2 * sd) / (int64_t)0x200000);
}

/* Rounds a latent level in 1/100 points to a rating on 1..7. */
static int rating(int latent)
{
    int v = (latent + 50) / 100;

    return v < 1 ? 1 : v > 7 ? 7 : v;
}

struct out {
    char *buf;
    size_t len;
};

static void flush_out(struct out *o)
{
    size_t done = 0;

    while (done < o->len) {
        ssize_t n = write(STDOUT_FILENO, o->buf + done, o->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "gen-export: write error: %s\n", strerror(errno));
            exit(1);
        }
        done += (size_t)n;
    }
    o->len = 0;
}

static void put(struct out *o, const char *s, size_t n)
{
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void putc_(struct out *o, char c)
{
    o->buf[o->len++] = c;
}

static void put_uint(struct out *o, unsigned long long v, int width)
{
    char tmp[24];
    int n = 0;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        tmp[n++] = '0';
    while (n)
        putc_(o, tmp[--n]);
}

/* Civil date from days since 1970-01-01 (H. Hinnant's algorithm). */
static void civil_from_days(long z, int *y, unsigned *m, unsigned *d)
{
    long era, yy;
    unsigned doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = (long)yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (*m <= 2));
}

static void put_field_start(struct out *o, int quote)
{
    if (quote)
        putc_(o, '"');
}

static void usage(FILE *fp)
{
    fprintf(fp, "Usage: gen-export [-s SEED] [-g BRANCHES] [-m PERMILLE] [-q] ROWS\n"
                "Write a seeded synthetic SERVQUAL export (generic dialect) to standard\n"
                "output: id,timestamp,branch,channel,E01..E22,P01..P22,I_<dimension>.\n"
                "  -s SEED      random seed (default 20261123)\n"
                "  -g BRANCHES  number of branches (default 5)\n"
                "  -m PERMILLE  ratings per thousand left empty (default 0)\n"
                "  -q           quote the id, timestamp, branch and channel fields\n");
}

static int parse_ull(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    unsigned long long v;

    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long long seed = 20261123, rows, n_branches = 5, missing = 0, row, v;
    int quote = 0, opt, i, k;
    struct out o;
    struct rng r;
    char (*branch_names)[16];
    unsigned *branch_cum; /* cumulative weights out of 1000 */
    const long start_day = 20089; /* 2025-01-01 */
    const unsigned long long span = 365ULL * 86400;

    while ((opt = getopt(argc, argv, "s:g:m:qh")) != -1) {
        switch (opt) {
        case 's':
            if (parse_ull(optarg, UINT64_MAX, &seed) != 0)
                goto bad;
            break;
        case 'g':
            if (parse_ull(optarg, 1000000, &n_branches) != 0 || n_branches < 1)
                goto bad;
            break;
        case 'm':
            if (parse_ull(optarg, 1000, &missing) != 0)
                goto bad;
            break;
        case 'q':
            quote = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            goto bad;
        }
    }
    if (argc - optind != 1 || parse_ull(argv[optind], 1000000000000ULL, &rows) != 0)
        goto bad;

    o.buf = malloc(OUT_CAP);
    branch_names = malloc(n_branches * sizeof *branch_names);
    branch_cum = malloc(n_branches * sizeof *branch_cum);
    if (!o.buf || !branch_names || !branch_cum) {
        fprintf(stderr, "gen-export: out of memory\n");
        return 1;
    }
    o.len = 0;
    /* The five named branches with uneven weights, or n evenly weighted ones. */
    for (v = 0; v < n_branches; v++) {
        if (n_branches <= 5) {
            unsigned cum = 0, j;
            snprintf(branch_names[v], sizeof branch_names[v], "%s", default_branches[v]);
            for (j = 0; j <= v; j++)
                cum += (unsigned)default_branch_weight[j] * 10;
            branch_cum[v] = v + 1 == n_branches ? 1000 : cum;
        } else {
            snprintf(branch_names[v], sizeof branch_names[v], "B%06u", (unsigned)(v + 1));
            branch_cum[v] = 0;
        }
    }
    rng_seed(&r, seed);

    puts_(&o, "id,timestamp,branch,channel");
    for (k = 0; k < 2; k++)
        for (i = 0; i < N_ITEMS; i++) {
            putc_(&o, ',');
            putc_(&o, k ? 'P' : 'E');
            put_uint(&o, (unsigned long long)i + 1, 2);
        }
    for (i = 0; i < N_DIMS; i++) {
        puts_(&o, ",I_");
        puts_(&o, dim_names[i]);
    }
    putc_(&o, '\n');

    for (row = 0; row < rows; row++) {
        unsigned long long t = row * span / (rows ? rows : 1) + rng_below(&r, 3600);
        unsigned br, ch, cut[4], m, d;
        int y, resp_e, resp_p, e_lat[N_ITEMS], branch_sr;
        long day = start_day + (long)(t / 86400);
        unsigned sec = (unsigned)(t % 86400);

        if (o.len > OUT_CAP - 4096)
            flush_out(&o);
        /* id */
        put_field_start(&o, quote);
        putc_(&o, 'R');
        put_uint(&o, row + 1, 8);
        put_field_start(&o, quote);
        putc_(&o, ',');
        /* timestamp */
        civil_from_days(day, &y, &m, &d);
        put_field_start(&o, quote);
        put_uint(&o, (unsigned)y, 4);
        putc_(&o, '-');
        put_uint(&o, m, 2);
        putc_(&o, '-');
        put_uint(&o, d, 2);
        putc_(&o, 'T');
        put_uint(&o, sec / 3600, 2);
        putc_(&o, ':');
        put_uint(&o, sec / 60 % 60, 2);
        putc_(&o, ':');
        put_uint(&o, sec % 60, 2);
        puts_(&o, "+01:00");
        put_field_start(&o, quote);
        putc_(&o, ',');
        /* branch and channel */
        if (n_branches <= 5) {
            unsigned u = rng_below(&r, 1000);
            for (br = 0; br + 1 < n_branches && u >= branch_cum[br]; br++)
                ;
        } else {
            br = rng_below(&r, (unsigned)n_branches);
        }
        put_field_start(&o, quote);
        puts_(&o, branch_names[br]);
        put_field_start(&o, quote);
        putc_(&o, ',');
        v = rng_below(&r, 10);
        ch = v < 5 ? 0 : v < 8 ? 1 : 2;
        put_field_start(&o, quote);
        puts_(&o, channels[ch]);
        put_field_start(&o, quote);
        /* ratings: E, then P */
        resp_e = noise(&r, 50);
        resp_p = noise(&r, 60);
        branch_sr = br == 2 ? -70 : 0; /* the third branch is slow to respond */
        for (i = 0; i < N_ITEMS; i++) {
            e_lat[i] = dim_e[item_dim[i]] + resp_e + noise(&r, 70);
            putc_(&o, ',');
            if (missing && rng_below(&r, 1000) < missing)
                continue;
            putc_(&o, (char)('0' + rating(e_lat[i])));
        }
        for (i = 0; i < N_ITEMS; i++) {
            int shift = item_gap[i] + (item_dim[i] == 2 ? branch_sr : 0);
            putc_(&o, ',');
            if (missing && rng_below(&r, 1000) < missing)
                continue;
            putc_(&o, (char)('0' + rating(e_lat[i] + shift + resp_p + noise(&r, 90))));
        }
        /* importance: 20 chips of 5 points cut at four sorted positions */
        for (i = 0; i < 4; i++) {
            unsigned c = rng_below(&r, 21);
            for (k = i; k > 0 && cut[k - 1] > c; k--)
                cut[k] = cut[k - 1];
            cut[k] = c;
        }
        for (i = 0; i < N_DIMS; i++) {
            unsigned lo = i ? cut[i - 1] : 0, hi = i < 4 ? cut[i] : 20;
            putc_(&o, ',');
            put_uint(&o, (hi - lo) * 5ULL, 1);
        }
        putc_(&o, '\n');
    }
    flush_out(&o);
    free(o.buf);
    free(branch_names);
    free(branch_cum);
    return 0;
bad:
    usage(stderr);
    return 2;
}
