/* textbuf.h - internal: building extracted text under CD_DOCS_MAX_TEXT_BYTES.
 *
 * Readers append runs and line breaks; the builder collapses runs of spaces
 * and more than one blank line, so every reader emits the same shape of
 * text for sections.c. Owned by one reader call; not thread-safe. */
#ifndef CANDOR_DOCS_TEXTBUF_H
#define CANDOR_DOCS_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "docs/extract.h"

typedef struct cd_docs_tb {
    cd_buf buf;
    bool overflow;  /* an append hit the cap */
    size_t letters; /* alphanumeric characters seen (scanned-PDF check) */
} cd_docs_tb;

void cd_docs_tb_init(cd_docs_tb *tb);
/* Appends UTF-8 text; control characters become spaces. */
void cd_docs_tb_put(cd_docs_tb *tb, const char *s, size_t n);
void cd_docs_tb_putc(cd_docs_tb *tb, int codepoint);
/* Ends the line (no-op at the start of a line). */
void cd_docs_tb_newline(cd_docs_tb *tb);
/* Ends the paragraph: at most one blank line in a row. */
void cd_docs_tb_paragraph(cd_docs_tb *tb);
/* Moves the text into out (trailing space trimmed) or fails with
 * CD_ETOOBIG when it overflowed. Frees the builder either way. */
int cd_docs_tb_finish(cd_docs_tb *tb, cd_docs_text *out, cd_err *err);

#endif
