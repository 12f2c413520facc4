#include "tz.h"
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "fsutil.h"

struct ms_tz {
	size_t n;              /* transitions */
	int64_t *at;           /* UTC times of the transitions, ascending */
	int32_t *off;          /* the UTC offset from each transition on */
	int32_t first_off;     /* before the first */
	int32_t offs[16];      /* the distinct offsets */
	size_t noffs;
};

void ms_tz_free(ms_tz *z)
{
	if (!z)
		return;
	free(z->at);
	free(z->off);
	free(z);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

static void add_offset(ms_tz *z, int32_t o)
{
	for (size_t i = 0; i < z->noffs; i++)
		if (z->offs[i] == o)
			return;
	if (z->noffs < sizeof z->offs / sizeof z->offs[0])
		z->offs[z->noffs++] = o;
}

/* The TZif data (RFC 8536): the version 2+ block with 64-bit times when
 * there is one, else version 1's. Returns -1 when malformed. */
static int parse_tzif(ms_tz *z, const unsigned char *p, size_t len)
{
	size_t pos = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (len - pos < 44 || memcmp(p + pos, "TZif", 4))
			return -1;
		int v2 = p[pos + 4] >= '2';
		uint32_t isut = be32(p + pos + 20), isstd = be32(p + pos + 24), leap = be32(p + pos + 28);
		uint32_t timecnt = be32(p + pos + 32), typecnt = be32(p + pos + 36), charcnt = be32(p + pos + 40);
		size_t tsize = pass ? 8 : 4;
		if (typecnt == 0 || typecnt > 256 || timecnt > 100000 || leap > 100000 || charcnt > 100000 ||
		    isut > 256 || isstd > 256)
			return -1;
		size_t body = timecnt * tsize + timecnt + typecnt * 6 + charcnt + leap * (tsize + 4) + isstd + isut;
		pos += 44;
		if (len - pos < body)
			return -1;
		if (v2 && pass == 0) {        /* skip the 32-bit block for the 64-bit one */
			pos += body;
			continue;
		}
		const unsigned char *times = p + pos, *idx = times + timecnt * tsize, *types = idx + timecnt;
		z->at = malloc((timecnt ? timecnt : 1) * sizeof *z->at);
		z->off = malloc((timecnt ? timecnt : 1) * sizeof *z->off);
		if (!z->at || !z->off)
			return -1;
		z->first_off = (int32_t)be32(types);
		add_offset(z, z->first_off);
		for (uint32_t i = 0; i < timecnt; i++) {
			if (idx[i] >= typecnt)
				return -1;
			z->at[i] = pass ? be64(times + 8 * i) : (int32_t)be32(times + 4 * i);
			z->off[i] = (int32_t)be32(types + 6 * idx[i]);
			if (z->off[i] < -86400 || z->off[i] > 86400 || (i && z->at[i] <= z->at[i - 1]))
				return -1;
			add_offset(z, z->off[i]);
		}
		z->n = timecnt;
		return 0;
	}
	return -1;
}

ms_tz *ms_tz_load(const char *name, const char *file, long line, ms_diag *d)
{
	if (!*name || name[0] == '/' || strstr(name, "..")) {
		ms_error(d, file, line, 1, "timezone '%s' is not a zone name (like America/New_York or UTC)", name);
		return NULL;
	}
	const char *dir = getenv("TZDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	ms_tz *z = calloc(1, sizeof *z);
	ms_buf raw;
	ms_buf_init(&raw, 0);
	ms_diag quiet;
	ms_diag_init(&quiet, NULL);
	if (!z) {
		ms_error(d, file, line, 0, "out of memory");
	} else if (ms_read_file(path, &raw, 1u << 20, &quiet)) {
		ms_error(d, file, line, 1, "timezone '%s': no such zone in the tz database (%s)", name, path);
	} else if (parse_tzif(z, (const unsigned char *)raw.data, raw.len)) {
		ms_error(d, file, line, 1, "timezone '%s': %s is not a valid TZif file", name, path);
	} else {
		ms_buf_release(&raw);
		return z;
	}
	ms_buf_release(&raw);
	ms_tz_free(z);
	return NULL;
}

/* The offset in force at UTC time u. */
static int32_t offset_at(const ms_tz *z, int64_t u)
{
	size_t lo = 0, hi = z->n;     /* the first transition after u */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (z->at[mid] <= u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? z->off[lo - 1] : z->first_off;
}

enum ms_tz_result ms_tz_to_utc(const ms_tz *z, int64_t local, int64_t after, int64_t *utc)
{
	int64_t cand[2];
	size_t nc = 0;
	for (size_t i = 0; i < z->noffs && nc < 2; i++) {
		int64_t u = local - z->offs[i];
		if (offset_at(z, u) == z->offs[i] && (nc == 0 || cand[0] != u))
			cand[nc++] = u;
	}
	if (nc == 0)
		return MS_TZ_GAP;
	if (nc == 2 && cand[1] < cand[0]) {
		int64_t t = cand[0];
		cand[0] = cand[1];
		cand[1] = t;
	}
	*utc = cand[0];
	if (nc == 1)
		return MS_TZ_OK;
	if (cand[0] > after)
		return MS_TZ_OK;
	if (cand[1] > after) {
		*utc = cand[1];
		return MS_TZ_OK;
	}
	return MS_TZ_AMBIGUOUS;
}
