/* helper_docs.c - see helper_docs.h. */
#include "helper_docs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "base/buf.h"

#define PDF_MAX_OBJECTS 4096

static void pdf_escape(cd_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '(' || *s == ')' || *s == '\\')
            cd_buf_append(b, "\\", 1);
        cd_buf_append(b, s, 1);
    }
}

char *helper_pdf(const helper_pdf_text *items, size_t n, int pages, bool image, size_t *len)
{
    cd_buf out;
    cd_buf_init(&out, 0);
    size_t off[PDF_MAX_OBJECTS] = {0};
    int nobj = 0;
    /* Objects: 1 catalog, 2 pages, 3 font, 4 image, then per page: page, content. */
    cd_buf_puts(&out, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
    off[++nobj] = out.len;
    cd_buf_puts(&out, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    off[++nobj] = out.len;
    cd_buf_puts(&out, "2 0 obj << /Type /Pages /Kids [");
    for (int p = 0; p < pages; p++)
        cd_buf_printf(&out, " %d 0 R", 5 + 2 * p);
    cd_buf_printf(&out, " ] /Count %d >> endobj\n", pages);
    off[++nobj] = out.len;
    cd_buf_puts(&out, "3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                      "/Encoding /WinAnsiEncoding >> endobj\n");
    off[++nobj] = out.len;
    unsigned char px[64 * 64];
    for (int i = 0; i < 64 * 64; i++)
        px[i] = (unsigned char)((i * 7) & 0xff);
    cd_buf_printf(&out,
                  "4 0 obj << /Type /XObject /Subtype /Image /Width 64 /Height 64 "
                  "/ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >> stream\n",
                  64 * 64);
    cd_buf_append(&out, px, sizeof(px));
    cd_buf_puts(&out, "\nendstream endobj\n");
    for (int p = 0; p < pages; p++) {
        cd_buf content;
        cd_buf_init(&content, 0);
        if (image && p == 0)
            cd_buf_puts(&content, "q 300 0 0 300 150 300 cm /Im1 Do Q\n");
        for (size_t i = 0; i < n; i++) {
            if (items[i].page != p)
                continue;
            if (items[i].shape) {
                /* a list bullet drawn as a path, not a glyph: a disc of
                 * Bezier quarter-circles or a stroked square */
                float s = items[i].size > 0 ? items[i].size : 10.0f;
                float r = 0.18f * s, k = 0.5523f * r;
                float cx = items[i].x - 0.7f * s, cy = items[i].y + 0.33f * s;
                if (items[i].shape == 1)
                    cd_buf_printf(&content,
                                  "%.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f c "
                                  "%.2f %.2f %.2f %.2f %.2f %.2f c "
                                  "%.2f %.2f %.2f %.2f %.2f %.2f c "
                                  "%.2f %.2f %.2f %.2f %.2f %.2f c f\n",
                                  cx + r, cy, cx + r, cy + k, cx + k, cy + r, cx, cy + r, cx - k,
                                  cy + r, cx - r, cy + k, cx - r, cy, cx - r, cy - k, cx - k,
                                  cy - r, cx, cy - r, cx + k, cy - r, cx + r, cy - k, cx + r, cy);
                else
                    cd_buf_printf(&content, "0.6 w %.2f %.2f %.2f %.2f re S\n", cx - r, cy - r,
                                  2 * r, 2 * r);
            }
            cd_buf_printf(&content, "BT /F1 %.1f Tf %.1f %.1f Td (",
                          items[i].size > 0 ? items[i].size : 10.0, items[i].x, items[i].y);
            pdf_escape(&content, items[i].text);
            cd_buf_puts(&content, ") Tj ET\n");
        }
        off[++nobj] = out.len;
        cd_buf_printf(&out,
                      "%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                      "/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> "
                      "/Contents %d 0 R >> endobj\n",
                      nobj, nobj + 1);
        off[++nobj] = out.len;
        cd_buf_printf(&out, "%d 0 obj << /Length %zu >> stream\n", nobj, content.len);
        if (content.len)
            cd_buf_append(&out, content.data, content.len);
        cd_buf_puts(&out, "\nendstream endobj\n");
        cd_buf_free(&content);
    }
    size_t xref = out.len;
    cd_buf_printf(&out, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
    for (int i = 1; i <= nobj; i++)
        cd_buf_printf(&out, "%010zu 00000 n \n", off[i]);
    cd_buf_printf(&out, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1,
                  xref);
    return cd_buf_steal(&out, len);
}

char *helper_pdf_from_text(const char *text, int columns, size_t *len)
{
    size_t cap = 16, n = 0;
    helper_pdf_text *items = malloc(cap * sizeof(*items));
    char *copy = strdup(text);
    int page = 0, col = 0;
    float y = 740;
    for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (strcmp(line, "\f") == 0) {
            if (columns > 1 && col == 0) {
                col = 1;
                y = 740;
            }
            continue;
        }
        if (n == cap)
            items = realloc(items, (cap *= 2) * sizeof(*items));
        float x = columns > 1 ? (col ? 330.0f : 50.0f) : 60.0f;
        items[n++] = (helper_pdf_text){page, x, y, 10, line, 0};
        y -= 14;
        if (y < 50) {
            page++;
            y = 740;
        }
    }
    char *pdf = helper_pdf(items, n, page + 1, false, len);
    free(items);
    free(copy);
    return pdf;
}

static char *zip_files(const char *const *names, const char *const *data, const size_t *sizes,
                       size_t n, size_t *len)
{
    char path[] = "/tmp/candor_docx_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    close(fd);
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    for (size_t i = 0; z && i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, data[i], sizes[i], 0);
        zip_file_add(z, names[i], s, ZIP_FL_OVERWRITE);
    }
    if (z)
        zip_close(z);
    FILE *f = fopen(path, "rb");
    char *out = NULL;
    if (f) {
        fseek(f, 0, SEEK_END);
        long sz = ftell(f);
        fseek(f, 0, SEEK_SET);
        out = malloc((size_t)sz + 1);
        if (out && fread(out, 1, (size_t)sz, f) != (size_t)sz) {
            free(out);
            out = NULL;
        }
        *len = (size_t)sz;
        fclose(f);
    }
    unlink(path);
    return out;
}

char *helper_docx(const char *body, size_t *len)
{
    static const char types[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
        "Extension=\"xml\" ContentType=\"application/xml\"/><Override "
        "PartName=\"/word/document.xml\" "
        "ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    cd_buf doc;
    cd_buf_init(&doc, 0);
    cd_buf_puts(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
                      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                      "<w:body>");
    cd_buf_puts(&doc, body);
    cd_buf_puts(&doc, "</w:body></w:document>");
    const char *names[] = {"[Content_Types].xml", "word/document.xml"};
    const char *data[] = {types, doc.data};
    size_t sizes[] = {strlen(types), doc.len};
    char *out = zip_files(names, data, sizes, 2, len);
    cd_buf_free(&doc);
    return out;
}

static void xml_escape(cd_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '<':
            cd_buf_puts(b, "&lt;");
            break;
        case '>':
            cd_buf_puts(b, "&gt;");
            break;
        case '&':
            cd_buf_puts(b, "&amp;");
            break;
        default:
            cd_buf_append(b, s + i, 1);
        }
    }
}

char *helper_docx_from_text(const char *text, size_t *len)
{
    cd_buf body;
    cd_buf_init(&body, 0);
    bool in_table = false;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        bool row = n > 1 && p[0] == '|' && p[n - 1] == '|';
        if (row && !in_table) {
            cd_buf_puts(&body, "<w:tbl>");
            in_table = true;
        } else if (!row && in_table) {
            cd_buf_puts(&body, "</w:tbl>");
            in_table = false;
        }
        if (row) {
            cd_buf_puts(&body, "<w:tr>");
            const char *c = p + 1;
            while (c < p + n) {
                const char *ce = memchr(c, '|', (size_t)(p + n - c));
                cd_buf_puts(&body, "<w:tc><w:p><w:r><w:t>");
                xml_escape(&body, c, (size_t)(ce - c));
                cd_buf_puts(&body, "</w:t></w:r></w:p></w:tc>");
                c = ce + 1;
            }
            cd_buf_puts(&body, "</w:tr>");
        } else if (n >= 2 && p[0] == '-' && p[1] == ' ') {
            cd_buf_puts(&body, "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/>"
                               "</w:numPr></w:pPr><w:r><w:t>");
            xml_escape(&body, p + 2, n - 2);
            cd_buf_puts(&body, "</w:t></w:r></w:p>");
        } else {
            cd_buf_puts(&body, "<w:p><w:r><w:t xml:space=\"preserve\">");
            xml_escape(&body, p, n);
            cd_buf_puts(&body, "</w:t></w:r></w:p>");
        }
        p += n + (e ? 1 : 0);
    }
    if (in_table)
        cd_buf_puts(&body, "</w:tbl>");
    char *out = helper_docx(body.data ? body.data : "", len);
    cd_buf_free(&body);
    return out;
}

char *helper_zip_one(const char *name, size_t size, size_t *len)
{
    char *data = malloc(size);
    memset(data, ' ', size);
    const char *names[] = {name};
    const char *datas[] = {data};
    char *out = zip_files(names, datas, &size, 1, len);
    free(data);
    return out;
}
