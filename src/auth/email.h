/* email.h - e-mail address syntax, normalisation and the domain allowlist.
 *
 * Accepts the practical subset of RFC 5321 that real college addresses use:
 * ASCII only, a dot-atom local part of at most 64 characters, a DNS domain of
 * at least two labels. Output is lower-cased (addresses are compared, not
 * delivered, here). Pure functions; any thread. */
#ifndef CANDOR_AUTH_EMAIL_H
#define CANDOR_AUTH_EMAIL_H

#include <stdbool.h>
#include <stddef.h>
#include "base/err.h"

#define CD_EMAIL_MAX 254
#define CD_EMAIL_LOCAL_MAX 64
#define CD_EMAIL_LABEL_MAX 63

/* Validates syntax and lower-cases into out; field "email". Surrounding
 * ASCII whitespace is trimmed (pasted addresses), inner whitespace refused. */
int cd_email_normalize(const char *in, char out[CD_EMAIL_MAX + 1], cd_err *err);
const char *cd_email_domain(const char *normalized); /* pointer after '@' ("" if none) */
/* Allowed when list is empty or the domain equals an entry or is a subdomain
 * of one. Entries compare case-insensitively; a leading '@' or '.' in an entry
 * is ignored, so "@college.edu" and ".college.edu" mean "college.edu". */
bool cd_email_domain_allowed(const char *normalized, const char *const *domains, size_t n);

#endif
