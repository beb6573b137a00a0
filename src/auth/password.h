/* password.h - password policy and argon2id hashing (libsodium).
 *
 * Owns nothing: hashes are written into caller buffers. The cost set by
 * cd_password_set_cost() is process-wide (atomics), so any thread may hash or
 * verify concurrently. Hashing is deliberately slow (tens of ms): call it from
 * a worker thread, never from the event loop.
 *
 * Default cost follows the OWASP argon2id guidance: m = 19 MiB, t = 2, p = 1
 * (libsodium always uses p = 1). */
#ifndef CANDOR_AUTH_PASSWORD_H
#define CANDOR_AUTH_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>
#include "base/err.h"

#define CD_PASSWORD_MIN 10       /* characters (UTF-8 code points) */
#define CD_PASSWORD_MAX 128      /* characters (UTF-8 code points) */
#define CD_PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
#define CD_PASSWORD_DEFAULT_OPSLIMIT 2ULL
#define CD_PASSWORD_DEFAULT_MEMLIMIT ((size_t)19 * 1024 * 1024)

/* NIST SP 800-63B style policy: length bounds, valid UTF-8 without control
 * characters, not a well-known password, not built from the e-mail address
 * (email may be NULL), not one repeated character. No composition rules.
 * CD_EINVAL with field "password" and a message saying what to change. */
int cd_password_check_policy(const char *password, const char *email, cd_err *err);
/* Process-wide; tests use crypto_pwhash_OPSLIMIT_MIN / MEMLIMIT_MIN. */
void cd_password_set_cost(unsigned long long opslimit, size_t memlimit);
/* argon2id encoded string ("$argon2id$v=19$m=...") into out. Does not apply
 * the policy (callers check it first); only rejects NULL/oversized input. */
int cd_password_hash(const char *password, char out[CD_PASSWORD_HASH_MAX], cd_err *err);
/* Constant time with respect to the password; false on any error, including a
 * hash that is not an argon2id string. */
bool cd_password_verify(const char *hash, const char *password);
/* Burns the same time as a verify, for unknown accounts (no user-enumeration by timing). */
void cd_password_dummy_verify(const char *password);
/* True when `hash` was made with a cost other than the current one, so a
 * login that just verified should store a fresh hash. */
bool cd_password_needs_rehash(const char *hash);

#endif
