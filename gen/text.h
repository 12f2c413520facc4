/* Text a reader sees (a title, a venue, a recipient's name): it must not
 * hold what would act instead of show: C0 controls and DEL (a terminal's
 * escapes, an XML feed made ill-formed) or Unicode's bidirectional
 * embeddings, overrides and isolates (text shown in another order than it
 * is stored: a spoofed name or figure). */
#ifndef MS_TEXT_H
#define MS_TEXT_H

/* 0 when s (UTF-8) is fit to show; otherwise -1 and what is wrong in why. */
int ms_text_problem(const char *s, char why[80]);

#endif
