/* auth_bench.c - speed of the auth primitives at production settings.
 *
 * Prints one line per figure: argon2id hash and verify time at the default
 * cost (and that a dummy verify for an unknown account costs the same),
 * access-token issue/verify rates, Google ID token verify rate, rate-limiter
 * take rate. Built and run by bench/auth/run.sh. */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/google.h"
#include "auth/password.h"
#include "auth/ratelimit.h"
#include "auth/token.h"
#include "base/fs.h"

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static double median_ms(long long *ns, int n)
{
    qsort(ns, (size_t)n, sizeof *ns, cmp_ll);
    return (double)ns[n / 2] / 1e6;
}

#define RUNS 15

static void bench_passwords(void)
{
    char hash[CD_PASSWORD_HASH_MAX];
    long long t[RUNS];
    for (int i = 0; i < RUNS; i++) {
        long long t0 = cd_now_ns();
        cd_password_hash("correct horse battery staple", hash, NULL);
        t[i] = cd_now_ns() - t0;
    }
    printf("argon2id hash (t=2, m=19 MiB): median %.1f ms\n", median_ms(t, RUNS));
    for (int i = 0; i < RUNS; i++) {
        long long t0 = cd_now_ns();
        if (!cd_password_verify(hash, "correct horse battery staple"))
            fprintf(stderr, "verify failed\n");
        t[i] = cd_now_ns() - t0;
    }
    double real = median_ms(t, RUNS);
    cd_password_dummy_verify("warm-up"); /* first call builds the dummy hash */
    for (int i = 0; i < RUNS; i++) {
        long long t0 = cd_now_ns();
        cd_password_dummy_verify("correct horse battery staple");
        t[i] = cd_now_ns() - t0;
    }
    double dummy = median_ms(t, RUNS);
    printf("argon2id verify: median %.1f ms; dummy verify (unknown account): median %.1f ms "
           "(ratio %.2f)\n",
           real, dummy, dummy / real);
}

static void bench_tokens(void)
{
    static const unsigned char secret[] = "bench-secret-bench-secret-bench-secret!!";
    const int n = 100000;
    char *tok = NULL;
    long long t0 = cd_now_ns();
    for (int i = 0; i < n; i++) {
        free(tok);
        cd_token_issue(secret, sizeof secret - 1, 42, "student", 1700000000, 900, &tok, NULL);
    }
    double issue_s = (double)(cd_now_ns() - t0) / 1e9;
    cd_access_claims c;
    t0 = cd_now_ns();
    for (int i = 0; i < n; i++)
        if (cd_token_verify(secret, sizeof secret - 1, tok, 1700000001, &c, NULL) != 0)
            fprintf(stderr, "token verify failed\n");
    double verify_s = (double)(cd_now_ns() - t0) / 1e9;
    printf("access token (HS256): issue %.0f/s, verify %.0f/s (one core)\n", n / issue_s,
           n / verify_s);
    free(tok);
}

static char *b64url(const unsigned char *d, size_t n)
{
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char *o = malloc(n / 3 * 4 + 5);
    size_t k = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16 | (i + 1 < n ? (unsigned)d[i + 1] << 8 : 0) |
                     (i + 2 < n ? d[i + 2] : 0);
        o[k++] = tbl[v >> 18];
        o[k++] = tbl[(v >> 12) & 63];
        if (i + 1 < n)
            o[k++] = tbl[(v >> 6) & 63];
        if (i + 2 < n)
            o[k++] = tbl[v & 63];
    }
    o[k] = '\0';
    return o;
}

static char *bn_param(EVP_PKEY *k, const char *name)
{
    BIGNUM *bn = NULL;
    EVP_PKEY_get_bn_param(k, name, &bn);
    unsigned char buf[1024];
    int n = BN_bn2bin(bn, buf);
    BN_free(bn);
    return b64url(buf, (size_t)n);
}

static void bench_google(void)
{
    EVP_PKEY *key = EVP_RSA_gen(2048);
    char *n = bn_param(key, OSSL_PKEY_PARAM_RSA_N), *e = bn_param(key, OSSL_PKEY_PARAM_RSA_E);
    char jwks_json[2048];
    snprintf(jwks_json, sizeof jwks_json,
             "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"b\",\"n\":\"%s\",\"e\":\"%s\"}]}", n, e);
    cd_jwks *jwks = cd_jwks_parse(jwks_json, strlen(jwks_json), NULL);
    const char *hdr = "{\"alg\":\"RS256\",\"kid\":\"b\"}";
    const char *pl = "{\"iss\":\"accounts.google.com\",\"aud\":\"c\",\"sub\":\"1\",\"email\":"
                     "\"a@b.edu\",\"email_verified\":true,\"iat\":1700000000,\"exp\":1700003600}";
    char *h64 = b64url((const unsigned char *)hdr, strlen(hdr));
    char *p64 = b64url((const unsigned char *)pl, strlen(pl));
    char input[2048];
    snprintf(input, sizeof input, "%s.%s", h64, p64);
    unsigned char sig[512];
    size_t sig_len = sizeof sig;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key);
    EVP_DigestSign(md, sig, &sig_len, (const unsigned char *)input, strlen(input));
    EVP_MD_CTX_free(md);
    char *s64 = b64url(sig, sig_len);
    char token[4096];
    snprintf(token, sizeof token, "%s.%s", input, s64);
    cd_google_opts o = {"c", NULL, 0, 1700000100};
    const int iters = 20000;
    long long t0 = cd_now_ns();
    for (int i = 0; i < iters; i++)
        if (cd_google_verify(jwks, token, &o, NULL, NULL) != 0)
            fprintf(stderr, "google verify failed\n");
    double s = (double)(cd_now_ns() - t0) / 1e9;
    printf("Google ID token (RS256, 2048-bit): verify %.0f/s (one core)\n", iters / s);
    cd_jwks_free(jwks);
    EVP_PKEY_free(key);
    free(n);
    free(e);
    free(h64);
    free(p64);
    free(s64);
}

static void bench_ratelimit(void)
{
    cd_ratelimit *rl = cd_ratelimit_new(1, 10, 100000);
    char key[32];
    const int iters = 1000000;
    long long t0 = cd_now_ns();
    for (int i = 0; i < iters; i++) {
        snprintf(key, sizeof key, "10.%d.%d.%d", (i >> 16) & 255, (i >> 8) & 255, i & 255);
        cd_ratelimit_take(rl, key, (double)i / 1e5, NULL);
    }
    double s = (double)(cd_now_ns() - t0) / 1e9;
    printf("rate limiter: %.0f takes/s over %d distinct keys, 100k tracked (one core)\n", iters / s,
           iters);
    cd_ratelimit_free(rl);
}

int main(void)
{
    bench_passwords();
    bench_tokens();
    bench_google();
    bench_ratelimit();
    return 0;
}
