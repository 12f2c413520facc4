/* Times the CSV ingest alone: map the file, parse it into columns (the
 * same code as a build), and print MB/s. usage: bench_ingest FILE FORMAT RUNS */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "diag.h"
#include "fsutil.h"
#include "src_csv.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: bench_ingest FILE FORMAT RUNS\n");
		return 2;
	}
	ms_diag d;
	ms_diag_init(&d, stderr);
	const ms_csv_format *fmt = ms_csv_format_find(argv[2]);
	int runs = atoi(argv[3]);
	if (!fmt || runs < 1)
		return 2;
	double best = 1e9;
	size_t rows = 0, bytes = 0;
	for (int r = 0; r < runs; r++) {
		ms_file_bytes f;
		double t0 = now();
		if (ms_map_file(argv[1], &f, (size_t)8 << 30, &d))
			return 1;
		ms_series *s = NULL;
		int rc = ms_load_csv(argv[1], f.data, f.len, fmt, &s, &d);
		double t = now() - t0;
		bytes = f.len;
		rows = s ? s->n : 0;
		ms_series_free(s);
		ms_unmap_file(&f);
		if (rc)
			return 1;
		best = t < best ? t : best;
	}
	printf("bench: ingest_rows %zu rows\n", rows);
	printf("bench: ingest_wall %.3f s\n", best);
	printf("bench: ingest_rate %.0f MB/s\n", (double)bytes / 1e6 / best);
	printf("bench: ingest_rate_per_core %.0f MB/s\n", (double)bytes / 1e6 / best / 2);
	return 0;
}
