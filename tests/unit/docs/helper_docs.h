/* helper_docs.h - test and benchmark fixtures made at run time: a tiny PDF
 * writer (Helvetica text at positions, optional image) and a DOCX writer
 * (libzip). Returned buffers are malloc'd; the caller frees them. */
#ifndef CANDOR_TESTS_HELPER_DOCS_H
#define CANDOR_TESTS_HELPER_DOCS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct helper_pdf_text {
    int page;         /* 0-based */
    float x, y;       /* points from the bottom-left of a US-letter page */
    float size;       /* font size; 0 = 10 */
    const char *text; /* ASCII */
    int shape;        /* drawn bullet left of the text, as Chromium prints lists:
                         0 none, 1 filled disc (curves), 2 stroked square */
} helper_pdf_text;

/* A PDF of `pages` pages with the given text runs; `image` adds a picture
 * on page 0. */
char *helper_pdf(const helper_pdf_text *items, size_t n, int pages, bool image, size_t *len);
/* Lays out plain text lines top-down: one column (columns = 1) or two
 * (lines before the first "\f" line go left, the rest right). */
char *helper_pdf_from_text(const char *text, int columns, size_t *len);
/* A DOCX whose word/document.xml holds `body` (w:body children). */
char *helper_docx(const char *body, size_t *len);
/* A DOCX of one paragraph per text line; lines starting "- " become list
 * items; a line "|a|b|c|" becomes a table row. */
char *helper_docx_from_text(const char *text, size_t *len);
/* A zip holding `name` with `size` bytes of spaces (zip-bomb tests). */
char *helper_zip_one(const char *name, size_t size, size_t *len);

#endif
