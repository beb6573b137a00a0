/* password.c - password policy and argon2id hashing. */
#include "auth/password.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "auth/email.h"
#include "auth/jws.h"
#include "auth/refresh.h"

#define FIELD "password"
/* Bytes a password of CD_PASSWORD_MAX code points can take in UTF-8. */
#define PASSWORD_MAX_BYTES (4 * CD_PASSWORD_MAX)
/* Shortest e-mail part worth refusing inside a password ("al" is too common). */
#define CONTEXT_WORD_MIN 4

_Static_assert(CD_PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "hash buffer size");

/* The cost pair and the dummy hash made with it, kept together so a cost
 * change also renews the dummy (its verify must cost what a real one does). */
static pthread_mutex_t cost_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long long cost_ops = CD_PASSWORD_DEFAULT_OPSLIMIT;
static size_t cost_mem = CD_PASSWORD_DEFAULT_MEMLIMIT;
static char dummy_hash[CD_PASSWORD_HASH_MAX];
static unsigned long long dummy_ops;
static size_t dummy_mem;

/* Our own short list of passwords that every guessing attack tries first and
 * that fit the length policy. Compared lower-cased. */
static const char *const common_passwords[] = {
    "password12",   "password123",  "password1234", "passw0rd123",   "p@ssw0rd123",  "qwertyuiop",
    "qwerty1234",   "qwerty12345",  "qwerty123456", "1q2w3e4r5t",    "1q2w3e4r5t6y", "q1w2e3r4t5",
    "zaq12wsx34",   "asdfghjkl1",   "asdfghjkl123", "iloveyou12",    "iloveyou123",  "letmein123",
    "welcome123",   "welcome1234",  "changeme123",  "administrator", "admin12345",   "admin123456",
    "abc1234567",   "abcd123456",   "football123",  "baseball123",   "sunshine123",  "princess123",
    "monkey12345",  "dragon12345",  "trustno1234",  "superman123",   "starwars123",  "1qaz2wsx3edc",
    "qazwsxedc123", "interview123", "candor12345",  "student123",    "1234567890",   "0987654321",
    "12345678910",  "123123123123", "1234512345",
};

void cd_password_set_cost(unsigned long long opslimit, size_t memlimit)
{
    if (opslimit < crypto_pwhash_OPSLIMIT_MIN)
        opslimit = crypto_pwhash_OPSLIMIT_MIN;
    if (memlimit < crypto_pwhash_MEMLIMIT_MIN)
        memlimit = crypto_pwhash_MEMLIMIT_MIN;
    pthread_mutex_lock(&cost_lock);
    cost_ops = opslimit;
    cost_mem = memlimit;
    pthread_mutex_unlock(&cost_lock);
}

static void current_cost(unsigned long long *ops, size_t *mem)
{
    pthread_mutex_lock(&cost_lock);
    *ops = cost_ops;
    *mem = cost_mem;
    pthread_mutex_unlock(&cost_lock);
}

/* Counts UTF-8 code points; -1 on invalid UTF-8 (overlong, surrogates,
 * truncated) and -2 on a control character. */
static long utf8_length(const unsigned char *s)
{
    long n = 0;
    while (*s) {
        unsigned c = *s, cp, need;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f)
                return -2;
            s++;
            n++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            cp = c & 0x07;
        } else {
            return -1;
        }
        for (unsigned i = 1; i <= need; i++) {
            if ((s[i] & 0xc0) != 0x80)
                return -1;
            cp = (cp << 6) | (s[i] & 0x3f);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return -1;
        if (cp >= 0x80 && cp < 0xa0) /* C1 controls */
            return -2;
        s += need + 1;
        n++;
    }
    return n;
}

static void lower_ascii(const char *in, char *out, size_t cap)
{
    size_t i = 0;
    for (; in[i] && i + 1 < cap; i++)
        out[i] = (char)tolower((unsigned char)in[i]);
    out[i] = '\0';
}

/* "abcdefghij", "9876543210", "aaaaaaaaaa": a step of -1, 0 or +1 throughout. */
static bool is_monotone_run(const char *p)
{
    size_t n = strlen(p);
    if (n < 2)
        return true;
    int step = (unsigned char)p[1] - (unsigned char)p[0];
    if (step < -1 || step > 1)
        return false;
    for (size_t i = 2; i < n; i++)
        if ((unsigned char)p[i] - (unsigned char)p[i - 1] != step)
            return false;
    return true;
}

static bool contains_part(const char *lower_pw, const char *part, size_t len)
{
    char word[CD_EMAIL_MAX + 1];
    if (len < CONTEXT_WORD_MIN || len > CD_EMAIL_MAX)
        return false;
    memcpy(word, part, len);
    word[len] = '\0';
    return strstr(lower_pw, word) != NULL;
}

int cd_password_check_policy(const char *password, const char *email, cd_err *err)
{
    if (!password || !*password)
        return cd_err_set(err, CD_EINVAL, FIELD, "password is required");
    if (strnlen(password, PASSWORD_MAX_BYTES + 1) > PASSWORD_MAX_BYTES)
        return cd_err_set(err, CD_EINVAL, FIELD, "password must be at most %d characters",
                          CD_PASSWORD_MAX);
    long n = utf8_length((const unsigned char *)password);
    if (n == -1)
        return cd_err_set(err, CD_EINVAL, FIELD, "password is not valid UTF-8");
    if (n == -2)
        return cd_err_set(err, CD_EINVAL, FIELD, "password must not contain control characters");
    if (n < CD_PASSWORD_MIN)
        return cd_err_set(err, CD_EINVAL, FIELD, "password must be at least %d characters",
                          CD_PASSWORD_MIN);
    if (n > CD_PASSWORD_MAX)
        return cd_err_set(err, CD_EINVAL, FIELD, "password must be at most %d characters",
                          CD_PASSWORD_MAX);

    char lower[PASSWORD_MAX_BYTES + 1];
    lower_ascii(password, lower, sizeof lower);
    if (is_monotone_run(lower))
        return cd_err_set(err, CD_EINVAL, FIELD,
                          "password must not be one repeated character or a simple sequence");
    for (size_t i = 0; i < sizeof common_passwords / sizeof *common_passwords; i++)
        if (strcmp(lower, common_passwords[i]) == 0)
            return cd_err_set(err, CD_EINVAL, FIELD, "password is too common; choose another");

    char mail[CD_EMAIL_MAX + 1];
    if (email && cd_email_normalize(email, mail, NULL) == 0) {
        const char *at = strchr(mail, '@');
        const char *dot = strchr(at + 1, '.');
        if (contains_part(lower, mail, (size_t)(at - mail)) ||
            contains_part(lower, at + 1, (size_t)(dot - at - 1)))
            return cd_err_set(err, CD_EINVAL, FIELD,
                              "password must not contain your e-mail address");
    }
    return 0;
}

int cd_password_hash(const char *password, char out[CD_PASSWORD_HASH_MAX], cd_err *err)
{
    if (!password || !out)
        return cd_err_set(err, CD_EINVAL, FIELD, "password is required");
    size_t len = strnlen(password, PASSWORD_MAX_BYTES + 1);
    if (len > PASSWORD_MAX_BYTES)
        return cd_err_set(err, CD_EINVAL, FIELD, "password must be at most %d characters",
                          CD_PASSWORD_MAX);
    if (cd_auth_sodium_init(err))
        return err ? (int)err->code : CD_EINTERNAL;
    unsigned long long ops;
    size_t mem;
    current_cost(&ops, &mem);
    if (crypto_pwhash_str(out, password, len, ops, mem) != 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory while hashing the password");
    return 0;
}

bool cd_password_verify(const char *hash, const char *password)
{
    if (!hash || !password || cd_auth_sodium_init(NULL))
        return false;
    size_t len = strnlen(password, PASSWORD_MAX_BYTES + 1);
    if (len > PASSWORD_MAX_BYTES)
        return false;
    /* Only argon2id: an argon2i hash planted in the store should not be
     * accepted as an equal (it is weaker against GPU attacks). */
    if (strncmp(hash, crypto_pwhash_argon2id_STRPREFIX, strlen(crypto_pwhash_argon2id_STRPREFIX)) !=
            0 ||
        strnlen(hash, CD_PASSWORD_HASH_MAX) >= CD_PASSWORD_HASH_MAX)
        return false;
    return crypto_pwhash_str_verify(hash, password, len) == 0;
}

void cd_password_dummy_verify(const char *password)
{
    char hash[CD_PASSWORD_HASH_MAX];
    if (cd_auth_sodium_init(NULL))
        return;
    pthread_mutex_lock(&cost_lock);
    if (dummy_ops != cost_ops || dummy_mem != cost_mem) {
        /* Hash a random secret nobody knows, with the current cost. */
        char secret[33];
        cd_random_id(secret);
        if (crypto_pwhash_str(dummy_hash, secret, strlen(secret), cost_ops, cost_mem) == 0) {
            dummy_ops = cost_ops;
            dummy_mem = cost_mem;
        }
    }
    memcpy(hash, dummy_hash, sizeof hash);
    pthread_mutex_unlock(&cost_lock);
    (void)cd_password_verify(hash, password ? password : "");
}

bool cd_password_needs_rehash(const char *hash)
{
    if (!hash || cd_auth_sodium_init(NULL))
        return true;
    unsigned long long ops;
    size_t mem;
    current_cost(&ops, &mem);
    return crypto_pwhash_str_needs_rehash(hash, ops, mem) != 0;
}
