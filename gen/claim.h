/* Inside the claims checker: one claim as the file states it, the table of
 * statistics a claim may name (with the units and dates each accepts), and
 * what recomputing a claim finds. claims.c reads the file, claim_stats.c
 * recomputes, claims_check.c gives the verdicts. */
#ifndef MS_CLAIM_H
#define MS_CLAIM_H
#include <stddef.h>
#include <stdint.h>
#include "config.h"
#include "diag.h"
#include "model.h"

enum claim_unit { U_USD, U_USD_MILLIONS, U_PERCENT, U_COUNT, U_INDEX, U_DATE, U_NUNIT };
#define UNIT(u) (1u << (u))
enum claim_op { OP_EQUAL, OP_AT_LEAST, OP_AT_MOST };

extern const char *const claim_unit_names[U_NUNIT];

struct claim_stat;

typedef struct claim {
	char *id, *quote, *stat_name, *asset, *kind, *scope, *measure, *implied, *note, *value_text;
	const struct claim_stat *stat;
	int64_t date;                /* a day (or a time) */
	int64_t from, to;            /* [from, to); a `to` given as a day ends with that day */
	int has_date, has_from, has_to, has_period, has_value, has_tolerance, has_unit;
	double hours, days;          /* retracement_24h's span; volatility's window */
	double value, tolerance;     /* the article's figure (rank: a day number), in its unit */
	enum claim_unit unit;
	enum claim_op op;
	long line;
} claim;

/* What recomputing a claim found: one value per venue that gives it, or a
 * bound when the data covers only part of what the claim is about. */
#define CLAIM_MAX_VALUES 16
typedef struct outcome {
	struct { const char *venue; double v; } val[CLAIM_MAX_VALUES];
	size_t n;
	char text[CLAIM_MAX_VALUES][64];   /* a value in words, where a number would mislead ("none since …") */
	double range_lo[CLAIM_MAX_VALUES], range_hi[CLAIM_MAX_VALUES];   /* traded_on: each venue's day range */
	char note[320];
	char needs_more[160];     /* why the data could not answer (a range with no data) */
	int partial;              /* partial_value bounds the figure (rank: the first day of the data) */
	double partial_value;
	char partial_what[64];    /* which part: "BTC + ETH contracts" */
	int out_of_memory;        /* the check cannot go on */
} outcome;

/* Venue labels live as long as the check of one claim. */
typedef struct claim_labels {
	char text[CLAIM_MAX_VALUES * 4][96];
	size_t n;
} claim_labels;

/* A claim is recomputed on views cut at its own date: the data a reader
 * had at the end of `day`. */
typedef struct claim_ctx {
	const ms_config *cfg;
	const ms_dataset *ds;
	size_t nds;
	int64_t day;
	claim_labels *labels;
} claim_ctx;

/* The dates a statistic reads. */
enum {
	W_DAY = 1,        /* date = D (default: the day the claim is checked against) */
	W_RANGE = 2,      /* from/to or period, one of which the stat needs */
	W_DAY_RANGE = 3,  /* either */
	W_BOTH = 4,       /* a range and a date (drawdown from a period's high) */
	W_TIMES = 8,      /* from/to may be times of day, and `to` alone with `hours` */
};

typedef struct claim_stat {
	const char *name;
	unsigned units;           /* UNIT() mask of the units it can be stated in */
	unsigned when;            /* W_* */
	void (*eval)(const claim_ctx *x, const claim *c, outcome *o);
	const char *needs;        /* the data it needs, for an unverifiable verdict */
	int needs_asset;          /* it reads one asset's series: `asset` is required */
	const char *kinds;        /* the words `kind` may take, space-separated, or NULL */
} claim_stat;

extern const claim_stat claim_stats[];
const claim_stat *claim_stat_find(const char *name);

struct ms_claims {
	char *file;
	char *title, *published, *article, *publisher, *url;
	claim *c;
	size_t n, cap;
};

/* implied = change(A, B) | difference(A, B): two claim ids of the file. */
int ms_claims_parse_implied(const struct ms_claims *cl, const char *s, int *is_change, const claim **a,
			    const claim **b);
/* The options a stat reads (asset, kind, measure), checked; errors name the file and line. */
int claim_stat_check_options(const char *file, const claim *c, ms_diag *d);

/* The last day of data a claim may use: its own date (or the day its range
 * ends), never later than the article's date. */
int64_t claim_checked_day(const claim *c, int64_t article_day);

#endif
