/* sniff.c - format by magic bytes, and the cd_docs_extract dispatcher.
 * Why not file names: an upload named resume.pdf may be anything, and the
 * reader chosen must match the bytes it will parse. */
#include <stdlib.h>
#include <string.h>

#include "docs/extract.h"
#include "text/utf8.h"

static bool starts_with(const unsigned char *p, size_t n, const char *magic, size_t m)
{
    return n >= m && memcmp(p, magic, m) == 0;
}

/* Case-insensitive search of `needle` in the first `n` bytes. */
static bool has_ci(const unsigned char *p, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++) {
        if (strncasecmp((const char *)p + i, needle, m) == 0)
            return true;
    }
    return false;
}

/* Offset of the first element of a markup file: past leading whitespace, the
 * XML declaration, processing instructions, comments and a doctype; n when
 * there is none within the probe. */
static size_t root_element(const unsigned char *p, size_t i, size_t n)
{
    while (i < n) {
        while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
            i++;
        if (i + 1 >= n || p[i] != '<')
            return n;
        if (p[i + 1] != '?' && p[i + 1] != '!')
            return i;
        const char *end =
            p[i + 1] == '!' && i + 3 < n && p[i + 2] == '-' && p[i + 3] == '-' ? "-->" : ">";
        const unsigned char *e = memmem(p + i, n - i, end, strlen(end));
        if (!e)
            return n;
        i = (size_t)(e - p) + strlen(end);
    }
    return n;
}

cd_docs_format cd_docs_sniff(const void *data, size_t len, const char **detail)
{
    const unsigned char *p = data;
    const char *what = "an unknown binary format";
    if (detail)
        *detail = NULL;
    if (!p || len == 0) {
        if (detail)
            *detail = "an empty file";
        return CD_DOCS_UNKNOWN;
    }
    /* The PDF header may follow a little junk (the spec allows 1024 bytes). */
    size_t head = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= head; i++) {
        if (memcmp(p + i, "%PDF-", 5) == 0)
            return CD_DOCS_PDF;
    }
    if (starts_with(p, len, "PK\x03\x04", 4))
        return CD_DOCS_DOCX; /* docx.c checks it holds word/document.xml */
    if (starts_with(p, len, "\x89PNG", 4))
        what = "a PNG image";
    else if (starts_with(p, len, "\xff\xd8\xff", 3))
        what = "a JPEG image";
    else if (starts_with(p, len, "GIF8", 4))
        what = "a GIF image";
    else if (starts_with(p, len, "\xd0\xcf\x11\xe0", 4))
        what = "a legacy Word .doc (OLE) file";
    else if (starts_with(p, len, "{\\rtf", 5))
        what = "an RTF file";
    else {
        size_t off = starts_with(p, len, "\xef\xbb\xbf", 3) ? 3 : 0;
        if (memchr(p, 0, len) == NULL && cd_text_utf8_valid((const char *)p + off, len - off)) {
            size_t probe = len < 2048 ? len : 2048;
            size_t i = off;
            while (i < probe && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
                i++;
            if (has_ci(p + i, probe - i < 16 ? probe - i : 16, "<!doctype html") ||
                has_ci(p + i, probe - i < 8 ? probe - i : 8, "<html") ||
                (p[i] == '<' && (has_ci(p, probe, "<body") || has_ci(p, probe, "<div"))))
                return CD_DOCS_HTML;
            /* UTF-8 markup that is not a web page: an SVG image or some other
             * XML would otherwise be read as a resume full of tags */
            size_t root = root_element(p, i, probe);
            if (root < probe && has_ci(p + root, probe - root < 4 ? probe - root : 4, "<svg"))
                what = "an SVG image";
            else if (root < probe && has_ci(p + i, probe - i < 5 ? probe - i : 5, "<?xml"))
                what = "an XML file";
            else
                return CD_DOCS_TEXT;
            if (detail)
                *detail = what;
            return CD_DOCS_UNKNOWN;
        }
        if (memchr(p, 0, len) == NULL)
            what = "text that is not UTF-8";
    }
    if (detail)
        *detail = what;
    return CD_DOCS_UNKNOWN;
}

const char *cd_docs_format_name(cd_docs_format f)
{
    switch (f) {
    case CD_DOCS_PDF:
        return "pdf";
    case CD_DOCS_DOCX:
        return "docx";
    case CD_DOCS_HTML:
        return "html";
    case CD_DOCS_TEXT:
        return "text";
    default:
        return "unknown";
    }
}

int cd_docs_extract(const void *data, size_t len, cd_docs_text *out, cd_err *err)
{
    memset(out, 0, sizeof(*out));
    if (len > CD_DOCS_MAX_INPUT_BYTES)
        return cd_err_set(err, CD_ETOOBIG, "file", "file is %zu bytes; the limit is %d MiB", len,
                          CD_DOCS_MAX_INPUT_BYTES / (1024 * 1024));
    const char *detail = NULL;
    switch (cd_docs_sniff(data, len, &detail)) {
    case CD_DOCS_PDF:
        return cd_docs_pdf_extract(data, len, out, err);
    case CD_DOCS_DOCX:
        return cd_docs_docx_extract(data, len, out, err);
    case CD_DOCS_HTML:
        return cd_docs_html_extract(data, len, out, err);
    case CD_DOCS_TEXT:
        return cd_docs_text_extract(data, len, out, err);
    default:
        return cd_err_set(err, CD_EUNSUPPORTED, "file",
                          "this is %s; upload a PDF, a DOCX or plain UTF-8 text",
                          detail ? detail : "an unknown format");
    }
}

void cd_docs_text_free(cd_docs_text *t)
{
    if (!t)
        return;
    free(t->text);
    memset(t, 0, sizeof(*t));
}
