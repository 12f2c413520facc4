/* The editorial layer: a headline, an email subject and preheader, and the
 * key takeaways, chosen from the model's figures by fixed rules
 * (doc/editorial.md). It reads the figures the model carries, never
 * computes one of its own, so each sentence says what its numbers say. */
#ifndef MS_EDITORIAL_H
#define MS_EDITORIAL_H
#include <jansson.h>
#include "diag.h"

/* Adds "editorial" to the model ({lead, headline, subject, preheader,
 * takeaways: [{rule, text}]}) and a headline to each crash day, and sets
 * report.title to the headline when the configuration gives none
 * (report.title_from_config false). */
int ms_editorial_add(json_t *model, ms_diag *d);

#endif
