/* The crypto market stress index: one daily number for how stressed the
 * market is, from components the report already loads, each standardised
 * against its own past up to that day (an expanding window), so the index's
 * history never changes when newer data arrives. The method is in
 * doc/stress_index.md. */
#ifndef MS_STRESS_H
#define MS_STRESS_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "model.h"

enum ms_stress_part {
	MS_SP_DRAWDOWN,        /* the primary's close against its 365-day high */
	MS_SP_VOLATILITY,      /* 30-day realised volatility, annualised */
	MS_SP_DAY_FALL,        /* the day's low against its high */
	MS_SP_LIQ_OI,          /* the day's liquidations over the open interest before it */
	MS_SP_OI_CHANGE,       /* the open interest against a week before */
	MS_SP_FUNDING,         /* the 7-day mean funding rate, annualised */
	MS_SP_MCAP_DRAWDOWN,   /* the total market cap against its 365-day high */
	MS_SP_FEAR_GREED,      /* the Fear & Greed Index */
	MS_SP_ETF_FLOWS,       /* the last five trading days' ETF net flows */
	MS_SP_N
};

/* Each part's name (the CSV's column), its reader's label (for a table) and
 * phrase (for a sentence), and its sign: +1 when a higher value is more
 * stress, -1 when a lower one is. */
typedef struct ms_stress_part_info {
	const char *name, *label, *phrase;
	int sign;
} ms_stress_part_info;
extern const ms_stress_part_info ms_stress_parts[MS_SP_N];

#define MS_STRESS_MIN_OBS 180      /* days of a part's history before it is standardised */
#define MS_STRESS_MIN_PARTS 5      /* standardised parts a day needs for an index value */
#define MS_STRESS_Z_CAP 4.0        /* |z| is capped: no one part carries the index alone */
#define MS_STRESS_MIN_RANK 365     /* index days before a percentile (and a regime) is given */

typedef struct ms_stress {
	size_t n;                  /* calendar days, from the primary's first to the as-of day */
	int64_t *day;              /* owned; n */
	double *raw[MS_SP_N];      /* owned; NAN where the part has no value that day */
	double *z[MS_SP_N];        /* owned; signed so that higher is more stress; NAN before MIN_OBS */
	double *index;             /* owned; the mean of the day's z; NAN with fewer than MIN_PARTS */
	double *percentile;        /* owned; the share of index values so far at or below the day's;
				    * NAN in the index's first MIN_RANK - 1 days */
	size_t first;              /* the first day with an index value (n: none) */
	double edge_high, edge_extreme;   /* the index at the 80th and 95th percentile of its
					   * history to the last day (the regimes' edges), or NAN */
} ms_stress;

/* Computes the index over the point-in-time views ds from the primary's
 * daily bars (primary: its daily view). -1 when out of memory. */
int ms_stress_compute(const ms_dataset *primary, const ms_dataset *ds, size_t nds, ms_stress *out);
void ms_stress_release(ms_stress *s);
/* The regime of a percentile: calm (under 50 %), elevated (to 80 %), high
 * (to 95 %), extreme (the top 5 % of days so far). */
const char *ms_stress_regime(double percentile);
/* The index's peaks by the last day: the highest day, then the next highest
 * at least sep_days from every peak taken, up to max; their grid indices
 * into out, highest first. Returns how many. */
size_t ms_stress_peaks(const ms_stress *s, int sep_days, size_t *out, size_t max);


/* Known episodes of market stress, to annotate and to back-test against. */
typedef struct ms_stress_episode {
	const char *day, *label;
} ms_stress_episode;
extern const ms_stress_episode ms_stress_episodes[];
extern const size_t ms_stress_nepisodes;

/* Writes the index's daily history with every part as CSV. */
void ms_stress_csv(const ms_stress *s, ms_buf *out);

#endif
