#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cd_buf_init(cd_buf *b, size_t cap)
{
    memset(b, 0, sizeof *b);
    b->cap = cap;
}

static int grow(cd_buf *b, size_t need)
{
    if (b->cap && b->len + need > b->cap)
        return -1;
    if (b->len + need + 1 <= b->alloc)
        return 0;
    size_t n = b->alloc ? b->alloc : 256;
    while (n < b->len + need + 1)
        n *= 2;
    char *p = realloc(b->data, n);
    if (!p)
        return -1;
    b->data = p;
    b->alloc = n;
    return 0;
}

int cd_buf_append(cd_buf *b, const void *data, size_t n)
{
    if (grow(b, n) != 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

int cd_buf_puts(cd_buf *b, const char *s)
{
    return cd_buf_append(b, s, strlen(s));
}

int cd_buf_printf(cd_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || grow(b, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int cd_buf_json_str(cd_buf *b, const char *s)
{
    if (cd_buf_append(b, "\"", 1))
        return -1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int rc;
        switch (*p) {
        case '"':
            rc = cd_buf_append(b, "\\\"", 2);
            break;
        case '\\':
            rc = cd_buf_append(b, "\\\\", 2);
            break;
        case '\n':
            rc = cd_buf_append(b, "\\n", 2);
            break;
        case '\r':
            rc = cd_buf_append(b, "\\r", 2);
            break;
        case '\t':
            rc = cd_buf_append(b, "\\t", 2);
            break;
        default:
            rc = *p < 0x20 ? cd_buf_printf(b, "\\u%04x", *p) : cd_buf_append(b, p, 1);
        }
        if (rc)
            return -1;
    }
    return cd_buf_append(b, "\"", 1);
}

void cd_buf_reset(cd_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

void cd_buf_free(cd_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->alloc = 0;
}

char *cd_buf_steal(cd_buf *b, size_t *len)
{
    if (!b->data && cd_buf_append(b, "", 0) != 0)
        return NULL;
    char *p = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->alloc = 0;
    return p;
}
