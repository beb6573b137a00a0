/* extract.h - bytes of an uploaded document -> plain text plus layout facts.
 *
 * The format is decided by magic bytes (sniff.c), never by a file name:
 * PDF (MuPDF, pdf.c), DOCX (libzip + libxml2, docx.c), HTML (html.c) and
 * UTF-8 text (text_input.c). Every reader enforces the CD_DOCS_* limits
 * below and fails with a cd_err that names the problem (encrypted PDF, zip
 * bomb, too many pages, not UTF-8, ...); nothing aborts on hostile input.
 *
 * The caller owns the cd_docs_text and frees it with cd_docs_text_free().
 * No shared state: any thread may call (each call makes its own MuPDF
 * context), which is how the worker pool runs parsing. */
#ifndef CANDOR_DOCS_EXTRACT_H
#define CANDOR_DOCS_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* Largest upload we read at all (a 2-page resume PDF is ~100 KiB). */
#define CD_DOCS_MAX_INPUT_BYTES (10 * 1024 * 1024)
/* A resume or a job description longer than this is not one. */
#define CD_DOCS_MAX_PAGES 20
/* Extracted text beyond this is refused (about 60 pages of prose). */
#define CD_DOCS_MAX_TEXT_BYTES (256 * 1024)
/* DOCX zip-bomb limits: entries, total and per-entry uncompressed size,
 * compression ratio of any large entry. */
#define CD_DOCX_MAX_ENTRIES 2000
#define CD_DOCX_MAX_TOTAL_UNCOMPRESSED (64 * 1024 * 1024)
#define CD_DOCX_MAX_XML_BYTES (16 * 1024 * 1024)
#define CD_DOCX_MAX_RATIO 200
#define CD_DOCX_RATIO_MIN_BYTES (256 * 1024)
/* Fewer letters than this per page means no text layer: a scanned image. */
#define CD_DOCS_SCANNED_MIN_CHARS_PER_PAGE 40

typedef enum cd_docs_format {
    CD_DOCS_UNKNOWN = 0,
    CD_DOCS_PDF,
    CD_DOCS_DOCX,
    CD_DOCS_HTML,
    CD_DOCS_TEXT,
} cd_docs_format;

/* What ATS parsers trip on, found while extracting. */
typedef struct cd_docs_layout {
    int pages;         /* 1 for text, HTML and DOCX (no pagination known) */
    int images;        /* pictures embedded in the document */
    int tables;        /* tables (DOCX w:tbl, PDF rows of aligned cells) */
    bool multi_column; /* text set in two or more columns */
    bool scanned;      /* pages but (almost) no text layer */
} cd_docs_layout;

typedef struct cd_docs_text {
    char *text; /* UTF-8, NUL-terminated, '\n' line ends; malloc'd */
    size_t len;
    cd_docs_format format;
    cd_docs_layout layout;
} cd_docs_text;

/* Decides the format from magic bytes. `detail` (may be NULL) receives a
 * short name of what it is when unsupported ("a PNG image", "a legacy
 * Word .doc file") for the error message. */
cd_docs_format cd_docs_sniff(const void *data, size_t len, const char **detail);
const char *cd_docs_format_name(cd_docs_format f);

/* Sniffs and extracts. Errors: CD_ETOOBIG (input, pages, text, zip bomb),
 * CD_EUNSUPPORTED (unknown type, encrypted PDF), CD_EINVAL (corrupt),
 * CD_EUNPROCESSABLE (no text at all). A scanned PDF is NOT an error: it
 * returns with layout.scanned set so the ATS report can say so. */
int cd_docs_extract(const void *data, size_t len, cd_docs_text *out, cd_err *err);

/* The per-format readers (same contract as cd_docs_extract). */
int cd_docs_pdf_extract(const void *data, size_t len, cd_docs_text *out, cd_err *err);
int cd_docs_docx_extract(const void *data, size_t len, cd_docs_text *out, cd_err *err);
int cd_docs_html_extract(const void *data, size_t len, cd_docs_text *out, cd_err *err);
int cd_docs_text_extract(const void *data, size_t len, cd_docs_text *out, cd_err *err);

void cd_docs_text_free(cd_docs_text *t);

#endif
