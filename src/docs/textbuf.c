/* textbuf.c - see textbuf.h. */
#include "docs/textbuf.h"

#include <stdlib.h>
#include <string.h>

void cd_docs_tb_init(cd_docs_tb *tb)
{
    memset(tb, 0, sizeof(*tb));
    /* +1 so that "exactly at the limit" still fits and one more byte fails. */
    cd_buf_init(&tb->buf, CD_DOCS_MAX_TEXT_BYTES + 1);
}

static char last_char(const cd_docs_tb *tb, size_t back)
{
    return tb->buf.len > back ? tb->buf.data[tb->buf.len - 1 - back] : '\n';
}

static void raw(cd_docs_tb *tb, const char *s, size_t n)
{
    if (!tb->overflow && cd_buf_append(&tb->buf, s, n) != 0)
        tb->overflow = true;
}

void cd_docs_tb_put(cd_docs_tb *tb, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            cd_docs_tb_newline(tb);
            continue;
        }
        if (c < 0x20 || c == 0x7f)
            c = ' ';
        if (c == ' ') {
            char prev = last_char(tb, 0);
            if (prev == ' ' || prev == '\n')
                continue;
        }
        if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80)
            tb->letters++;
        char ch = (char)c;
        raw(tb, &ch, 1);
    }
}

void cd_docs_tb_putc(cd_docs_tb *tb, int cp)
{
    char u[4];
    size_t n;
    if (cp < 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        cp = 0xfffd;
    /* Typographic ligatures and non-breaking spaces fold to plain text so
     * that "ﬁnance" and "Node\u00a0js" match the taxonomy. */
    if (cp == 0xa0 || cp == 0x2007 || cp == 0x202f || (cp >= 0x2000 && cp <= 0x200a))
        cp = ' ';
    if (cp == 0xfb01) {
        cd_docs_tb_put(tb, "fi", 2);
        return;
    }
    if (cp == 0xfb02) {
        cd_docs_tb_put(tb, "fl", 2);
        return;
    }
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    cd_docs_tb_put(tb, u, n);
}

void cd_docs_tb_newline(cd_docs_tb *tb)
{
    while (tb->buf.len > 0 && tb->buf.data[tb->buf.len - 1] == ' ')
        tb->buf.data[--tb->buf.len] = '\0';
    if (tb->buf.len == 0 || last_char(tb, 0) == '\n')
        return;
    raw(tb, "\n", 1);
}

void cd_docs_tb_paragraph(cd_docs_tb *tb)
{
    cd_docs_tb_newline(tb);
    if (tb->buf.len == 0 || (last_char(tb, 0) == '\n' && last_char(tb, 1) == '\n'))
        return;
    raw(tb, "\n", 1);
}

int cd_docs_tb_finish(cd_docs_tb *tb, cd_docs_text *out, cd_err *err)
{
    if (tb->overflow) {
        cd_buf_free(&tb->buf);
        return cd_err_set(err, CD_ETOOBIG, "file", "the document holds more than %d KiB of text",
                          CD_DOCS_MAX_TEXT_BYTES / 1024);
    }
    while (tb->buf.len > 0 &&
           (tb->buf.data[tb->buf.len - 1] == '\n' || tb->buf.data[tb->buf.len - 1] == ' '))
        tb->buf.data[--tb->buf.len] = '\0';
    if (!tb->buf.data && cd_buf_append(&tb->buf, "", 0) != 0)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    out->text = cd_buf_steal(&tb->buf, &out->len);
    if (!out->text) {
        out->text = calloc(1, 1);
        out->len = 0;
        if (!out->text)
            return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory");
    }
    return 0;
}
