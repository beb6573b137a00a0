/* buf.h - growable byte buffer with an optional hard cap.
 *
 * Owned by whoever declared it; free with cd_buf_free(). Appends fail (return
 * -1) instead of growing past `cap` when cap > 0, which is how size limits on
 * request bodies and uploads are enforced. Not thread-safe. */
#ifndef CANDOR_BASE_BUF_H
#define CANDOR_BASE_BUF_H

#include <stddef.h>

typedef struct cd_buf {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len;
    size_t alloc;
    size_t cap; /* 0 = unlimited */
} cd_buf;

void cd_buf_init(cd_buf *b, size_t cap);
int cd_buf_append(cd_buf *b, const void *data, size_t n);
int cd_buf_puts(cd_buf *b, const char *s);
int cd_buf_printf(cd_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal with quotes. */
int cd_buf_json_str(cd_buf *b, const char *s);
void cd_buf_reset(cd_buf *b);
void cd_buf_free(cd_buf *b);
/* Hands the data to the caller (who free()s it) and resets b. */
char *cd_buf_steal(cd_buf *b, size_t *len);

#endif
