/* jws.c - compact JWS parsing shared by the HS256 and RS256 verifiers. */
#include "auth/jws.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int cd_auth_sodium_init(cd_err *err)
{
    /* sodium_init() is thread-safe and returns 1 when already initialised. */
    if (sodium_init() < 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "libsodium could not be initialised");
    return 0;
}

long cd_b64url_decode(const char *in, size_t in_len, unsigned char *out, size_t out_max)
{
    size_t bin_len = 0;
    const char *end = NULL;
    if (sodium_base642bin(out, out_max, in, in_len, NULL, &bin_len, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return -1;
    if (end != in + in_len) /* trailing garbage */
        return -1;
    return (long)bin_len;
}

size_t cd_b64url_encode(const unsigned char *in, size_t n, char *out, size_t out_max)
{
    if (sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING) > out_max)
        return 0;
    sodium_bin2base64(out, out_max, in, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return strlen(out);
}

/* Decodes one base64url segment that must hold a JSON object. */
static json_t *decode_json_part(const char *seg, size_t len, const char *what, const char *field,
                                cd_err *err)
{
    size_t max = len / 4 * 3 + 3;
    unsigned char *raw = malloc(max + 1);
    if (!raw) {
        cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
        return NULL;
    }
    long n = cd_b64url_decode(seg, len, raw, max);
    if (n < 0) {
        free(raw);
        cd_err_set(err, CD_EAUTH, field, "malformed token: %s is not valid base64url", what);
        return NULL;
    }
    json_error_t jerr;
    json_t *v = json_loadb((const char *)raw, (size_t)n, JSON_REJECT_DUPLICATES, &jerr);
    free(raw);
    if (!v || !json_is_object(v)) {
        json_decref(v);
        cd_err_set(err, CD_EAUTH, field, "malformed token: %s is not a JSON object", what);
        return NULL;
    }
    return v;
}

int cd_jws_parse(const char *token, size_t max_len, const char *field, cd_jws *out, cd_err *err)
{
    memset(out, 0, sizeof *out);
    if (!token || !*token)
        return cd_err_set(err, CD_EAUTH, field, "missing token");
    size_t len = strnlen(token, max_len + 1);
    if (len > max_len)
        return cd_err_set(err, CD_EAUTH, field, "token longer than %zu bytes", max_len);
    const char *dot1 = memchr(token, '.', len);
    const char *dot2 = dot1 ? memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - token)) : NULL;
    if (!dot1 || !dot2 || memchr(dot2 + 1, '.', len - (size_t)(dot2 + 1 - token)))
        return cd_err_set(err, CD_EAUTH, field,
                          "malformed token: expected three dot-separated parts");
    if (dot1 == token || dot2 == dot1 + 1)
        return cd_err_set(err, CD_EAUTH, field, "malformed token: empty header or payload");

    out->header = decode_json_part(token, (size_t)(dot1 - token), "header", field, err);
    if (!out->header)
        goto fail;
    json_t *alg = json_object_get(out->header, "alg");
    if (!json_is_string(alg)) {
        cd_err_set(err, CD_EAUTH, field, "malformed token: header has no alg");
        goto fail;
    }
    out->alg = json_string_value(alg);
    out->payload = decode_json_part(dot1 + 1, (size_t)(dot2 - dot1 - 1), "payload", field, err);
    if (!out->payload)
        goto fail;
    out->signing_input = token;
    out->signing_input_len = (size_t)(dot2 - token);

    size_t sig_b64_len = len - (size_t)(dot2 + 1 - token);
    if (sig_b64_len == 0) {
        /* An unsigned token is what `alg: none` looks like: say so precisely. */
        if (strcmp(out->alg, "none") == 0)
            cd_err_set(err, CD_EAUTH, field, "algorithm \"none\" (unsigned token) is not accepted");
        else
            cd_err_set(err, CD_EAUTH, field, "token has no signature");
        goto fail;
    }
    long n = cd_b64url_decode(dot2 + 1, sig_b64_len, out->sig, sizeof out->sig);
    if (n <= 0) {
        cd_err_set(err, CD_EAUTH, field, "malformed token: signature is not valid base64url");
        goto fail;
    }
    out->sig_len = (size_t)n;
    return 0;
fail:
    cd_jws_free(out);
    return err ? (int)err->code : CD_EAUTH;
}

void cd_jws_free(cd_jws *j)
{
    if (!j)
        return;
    json_decref(j->header);
    json_decref(j->payload);
    j->header = j->payload = NULL;
    j->alg = NULL;
}

bool cd_jws_time_claim(json_t *payload, const char *name, long long *out)
{
    json_t *v = json_object_get(payload, name);
    /* Times beyond year 10000 or before 1970 are nonsense, and refusing them
     * keeps all later time arithmetic far from overflow. */
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > CD_JWS_TIME_MAX)
        return false;
    *out = (long long)json_integer_value(v);
    return true;
}
