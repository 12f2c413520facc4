/* A static site of reports for CI publishing: DIR/YYYY-MM-DD/ holds each
 * report as built, DIR/index.html is the latest, DIR/archive.html lists
 * them all and DIR/feed.atom lets readers subscribe. */
#ifndef MS_SITE_H
#define MS_SITE_H
#include "diag.h"

/* Rewrites index.html, archive.html and feed.atom from the reports under
 * dir, and gives the issue before day (the one just published, or NULL)
 * its link to day. base_url ("https://example.org/reports/") makes the
 * feed's links absolute; NULL keeps them relative. */
int ms_site_publish(const char *dir, const char *base_url, const char *day, ms_diag *d);
/* The issues of dir just before and just after day (YYYY-MM-DD), into prev
 * and next ("" where there is none). */
int ms_site_neighbours(const char *dir, const char *day, char prev[11], char next[11]);

#endif
