/* text_input.c - plain UTF-8 text uploads and pasted text.
 * Strips a BOM, turns CRLF/CR into LF and refuses NUL bytes or invalid
 * UTF-8 with a message saying so (the user can re-save as UTF-8). */
#include <string.h>

#include "docs/extract.h"
#include "docs/textbuf.h"
#include "text/utf8.h"

int cd_docs_text_extract(const void *data, size_t len, cd_docs_text *out, cd_err *err)
{
    const char *s = data;
    memset(out, 0, sizeof(*out));
    if (len > CD_DOCS_MAX_TEXT_BYTES)
        return cd_err_set(err, CD_ETOOBIG, "text", "text is %zu bytes; the limit is %d KiB", len,
                          CD_DOCS_MAX_TEXT_BYTES / 1024);
    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
        s += 3;
        len -= 3;
    }
    if (len > 0 && memchr(s, 0, len))
        return cd_err_set(err, CD_EINVAL, "text", "text contains NUL bytes: not a text file");
    if (!cd_text_utf8_valid(s, len))
        return cd_err_set(err, CD_EINVAL, "text", "text is not valid UTF-8; save it as UTF-8");
    cd_docs_tb tb;
    cd_docs_tb_init(&tb);
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != '\r' && s[j] != '\n')
            j++;
        cd_docs_tb_put(&tb, s + i, j - i);
        if (j < len) {
            /* Keep blank lines: they separate paragraphs and sections. */
            if (tb.buf.len > 0 && tb.buf.data[tb.buf.len - 1] == '\n')
                cd_docs_tb_paragraph(&tb);
            else
                cd_docs_tb_newline(&tb);
            if (s[j] == '\r' && j + 1 < len && s[j + 1] == '\n')
                j++;
            j++;
        }
        i = j;
    }
    out->format = CD_DOCS_TEXT;
    out->layout.pages = 1;
    if (cd_docs_tb_finish(&tb, out, err) != 0)
        return -1;
    return 0;
}
