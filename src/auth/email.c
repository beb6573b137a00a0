/* email.c - e-mail syntax, normalisation and the domain allowlist. */
#include "auth/email.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define FIELD "email"

/* RFC 5322 atext, the characters of a dot-atom besides '.'. */
static bool is_atext(unsigned char c)
{
    return isalnum(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static int check_local(const char *s, size_t n, cd_err *err)
{
    if (n == 0)
        return cd_err_set(err, CD_EINVAL, FIELD, "e-mail address has nothing before the @");
    if (n > CD_EMAIL_LOCAL_MAX)
        return cd_err_set(err, CD_EINVAL, FIELD,
                          "the part before the @ is longer than %d characters", CD_EMAIL_LOCAL_MAX);
    if (s[0] == '.' || s[n - 1] == '.')
        return cd_err_set(err, CD_EINVAL, FIELD,
                          "the part before the @ must not start or end with a dot");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' && s[i + 1] == '.')
            return cd_err_set(err, CD_EINVAL, FIELD, "e-mail address contains two dots in a row");
        if (c != '.' && !is_atext(c))
            return cd_err_set(err, CD_EINVAL, FIELD,
                              "e-mail address contains an invalid character");
    }
    return 0;
}

static int check_domain(const char *s, size_t n, cd_err *err)
{
    if (n == 0)
        return cd_err_set(err, CD_EINVAL, FIELD, "e-mail address has no domain after the @");
    size_t labels = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') {
            unsigned char c = (unsigned char)s[i];
            if (!isalnum(c) && c != '-')
                return cd_err_set(err, CD_EINVAL, FIELD,
                                  "e-mail domain contains an invalid character");
            continue;
        }
        size_t len = i - start;
        if (len == 0)
            return cd_err_set(err, CD_EINVAL, FIELD, "e-mail domain has an empty label");
        if (len > CD_EMAIL_LABEL_MAX)
            return cd_err_set(err, CD_EINVAL, FIELD,
                              "e-mail domain label longer than %d characters", CD_EMAIL_LABEL_MAX);
        if (s[start] == '-' || s[i - 1] == '-')
            return cd_err_set(err, CD_EINVAL, FIELD,
                              "e-mail domain label starts or ends with a hyphen");
        labels++;
        if (i == n) {
            /* A top-level domain is never all digits: refuses user@1.2.3.4. */
            bool digits = true;
            for (size_t k = start; k < i; k++)
                digits = digits && isdigit((unsigned char)s[k]);
            if (digits)
                return cd_err_set(err, CD_EINVAL, FIELD,
                                  "e-mail domain must end in a name, not a number");
        }
        start = i + 1;
    }
    if (labels < 2)
        return cd_err_set(err, CD_EINVAL, FIELD,
                          "e-mail domain must have a dot (like college.edu)");
    return 0;
}

int cd_email_normalize(const char *in, char out[CD_EMAIL_MAX + 1], cd_err *err)
{
    if (!out)
        return cd_err_set(err, CD_EINVAL, FIELD, "no output buffer");
    out[0] = '\0';
    if (!in)
        return cd_err_set(err, CD_EINVAL, FIELD, "e-mail address is required");
    while (*in == ' ' || *in == '\t' || *in == '\r' || *in == '\n')
        in++;
    size_t n = strnlen(in, CD_EMAIL_MAX + 64);
    while (n > 0 &&
           (in[n - 1] == ' ' || in[n - 1] == '\t' || in[n - 1] == '\r' || in[n - 1] == '\n'))
        n--;
    if (n == 0)
        return cd_err_set(err, CD_EINVAL, FIELD, "e-mail address is required");
    if (n > CD_EMAIL_MAX)
        return cd_err_set(err, CD_EINVAL, FIELD, "e-mail address is longer than %d characters",
                          CD_EMAIL_MAX);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c >= 0x80)
            return cd_err_set(err, CD_EINVAL, FIELD, "e-mail address must be plain ASCII");
        if (c <= 0x20 || c == 0x7f)
            return cd_err_set(err, CD_EINVAL, FIELD,
                              "e-mail address must not contain spaces or control characters");
    }
    const char *at = memchr(in, '@', n);
    if (!at)
        return cd_err_set(err, CD_EINVAL, FIELD, "e-mail address must contain @");
    if (memchr(at + 1, '@', n - (size_t)(at + 1 - in)))
        return cd_err_set(err, CD_EINVAL, FIELD, "e-mail address must contain only one @");
    int rc = check_local(in, (size_t)(at - in), err);
    if (rc == 0)
        rc = check_domain(at + 1, n - (size_t)(at + 1 - in), err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)in[i]);
    out[n] = '\0';
    return 0;
}

const char *cd_email_domain(const char *normalized)
{
    const char *at = normalized ? strrchr(normalized, '@') : NULL;
    return at ? at + 1 : "";
}

bool cd_email_domain_allowed(const char *normalized, const char *const *domains, size_t n)
{
    if (n == 0 || !domains)
        return true;
    const char *d = cd_email_domain(normalized);
    size_t dlen = strlen(d);
    if (dlen == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        const char *e = domains[i];
        if (!e)
            continue;
        while (*e == '@' || *e == '.')
            e++;
        size_t elen = strlen(e);
        if (elen == 0)
            continue; /* an empty entry must not allow everything */
        if (dlen == elen && strcasecmp(d, e) == 0)
            return true;
        if (dlen > elen && d[dlen - elen - 1] == '.' && strcasecmp(d + dlen - elen, e) == 0)
            return true;
    }
    return false;
}
