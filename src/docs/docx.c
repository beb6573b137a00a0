/* docx.c - DOCX (Office Open XML) text through libzip and libxml2.
 *
 * A DOCX is a zip; hostile ones are zip bombs. Before inflating anything we
 * check the entry count, the declared total size and each large entry's
 * compression ratio; while inflating word/document.xml we count real bytes
 * (headers can lie) and stop at CD_DOCX_MAX_XML_BYTES. The XML is parsed
 * with network access and entity substitution off (XXE, billion laughs).
 * Pure function of its input: any thread may call. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "docs/extract.h"
#include "docs/textbuf.h"

#define DOCX_MAIN_PART "word/document.xml"
/* Nesting deeper than this is not a real document (stack safety). */
#define DOCX_MAX_DEPTH 256

static int check_archive(zip_t *za, cd_err *err)
{
    zip_int64_t n = zip_get_num_entries(za, 0);
    if (n < 0 || n > CD_DOCX_MAX_ENTRIES)
        return cd_err_set(err, CD_ETOOBIG, "file", "the DOCX has %lld parts; the limit is %d",
                          (long long)n, CD_DOCX_MAX_ENTRIES);
    unsigned long long total = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0)
            return cd_err_set(err, CD_EINVAL, "file", "the DOCX zip directory is damaged");
        if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
            continue;
        total += st.size;
        if (total > CD_DOCX_MAX_TOTAL_UNCOMPRESSED)
            return cd_err_set(err, CD_ETOOBIG, "file",
                              "the DOCX expands to more than %d MiB (a zip bomb?)",
                              CD_DOCX_MAX_TOTAL_UNCOMPRESSED >> 20);
        if (st.size >= CD_DOCX_RATIO_MIN_BYTES &&
            st.size / (st.comp_size ? st.comp_size : 1) > CD_DOCX_MAX_RATIO)
            return cd_err_set(err, CD_ETOOBIG, "file",
                              "a DOCX part is compressed %llu:1, over the %d:1 limit (a zip bomb?)",
                              (unsigned long long)(st.size / (st.comp_size ? st.comp_size : 1)),
                              CD_DOCX_MAX_RATIO);
    }
    return 0;
}

static char *read_part(zip_t *za, size_t *len, cd_err *err)
{
    zip_file_t *zf = zip_fopen(za, DOCX_MAIN_PART, 0);
    if (!zf) {
        cd_err_set(err, CD_EUNSUPPORTED, "file", "this zip is not a Word document (no %s inside)",
                   DOCX_MAIN_PART);
        return NULL;
    }
    cd_buf b;
    cd_buf_init(&b, CD_DOCX_MAX_XML_BYTES);
    char chunk[16384];
    for (;;) {
        zip_int64_t got = zip_fread(zf, chunk, sizeof(chunk));
        if (got < 0) {
            cd_err_set(err, CD_EINVAL, "file", "the DOCX is damaged: %s",
                       zip_error_strerror(zip_file_get_error(zf)));
            break;
        }
        if (got == 0) {
            zip_fclose(zf);
            *len = b.len;
            if (!b.data)
                cd_buf_append(&b, "", 0);
            return cd_buf_steal(&b, len);
        }
        if (cd_buf_append(&b, chunk, (size_t)got) != 0) {
            cd_err_set(err, CD_ETOOBIG, "file", "the document text part is over %d MiB",
                       CD_DOCX_MAX_XML_BYTES >> 20);
            break;
        }
    }
    zip_fclose(zf);
    cd_buf_free(&b);
    return NULL;
}

static bool is_w(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool para_is_list(const xmlNode *p)
{
    for (const xmlNode *c = p->children; c; c = c->next) {
        if (!is_w(c, "pPr"))
            continue;
        for (const xmlNode *d = c->children; d; d = d->next)
            if (is_w(d, "numPr"))
                return true;
    }
    return false;
}

typedef struct walk {
    cd_docs_tb *tb;
    cd_docs_layout *lay;
    int cell_in_row;
} walk;

static void walk_nodes(walk *w, const xmlNode *n, int depth)
{
    if (depth > DOCX_MAX_DEPTH)
        return;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (strcmp(name, "t") == 0) {
            xmlChar *s = xmlNodeGetContent(n);
            if (s) {
                cd_docs_tb_put(w->tb, (const char *)s, strlen((const char *)s));
                xmlFree(s);
            }
            continue;
        }
        if (strcmp(name, "tab") == 0 && n->parent && is_w(n->parent, "r")) {
            cd_docs_tb_put(w->tb, " ", 1);
            continue;
        }
        if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) {
            cd_docs_tb_newline(w->tb);
            continue;
        }
        if (strcmp(name, "drawing") == 0 || strcmp(name, "pict") == 0) {
            w->lay->images++;
            continue;
        }
        if (strcmp(name, "cols") == 0) {
            xmlChar *num = xmlGetProp(n, (const xmlChar *)"num");
            if (num) {
                if (atoi((const char *)num) > 1)
                    w->lay->multi_column = true;
                xmlFree(num);
            }
            continue;
        }
        if (strcmp(name, "instrText") == 0 || strcmp(name, "delText") == 0)
            continue; /* field codes and deleted revisions are not visible text */
        if (strcmp(name, "tbl") == 0) {
            w->lay->tables++;
            walk_nodes(w, n->children, depth + 1);
            cd_docs_tb_paragraph(w->tb);
            continue;
        }
        if (strcmp(name, "tr") == 0) {
            w->cell_in_row = 0;
            walk_nodes(w, n->children, depth + 1);
            cd_docs_tb_newline(w->tb);
            continue;
        }
        if (strcmp(name, "tc") == 0) {
            if (w->cell_in_row++ > 0)
                cd_docs_tb_put(w->tb, " | ", 3);
            /* Paragraphs inside a cell stay on the row's line. */
            for (const xmlNode *p = n->children; p; p = p->next) {
                if (is_w(p, "p")) {
                    walk_nodes(w, p->children, depth + 1);
                    cd_docs_tb_put(w->tb, " ", 1);
                } else {
                    walk_nodes(w, p, depth + 1);
                }
            }
            continue;
        }
        if (strcmp(name, "p") == 0) {
            if (para_is_list(n))
                cd_docs_tb_put(w->tb, "\xe2\x80\xa2 ", 4);
            walk_nodes(w, n->children, depth + 1);
            cd_docs_tb_newline(w->tb);
            continue;
        }
        walk_nodes(w, n->children, depth + 1);
    }
}

int cd_docs_docx_extract(const void *data, size_t len, cd_docs_text *out, cd_err *err)
{
    memset(out, 0, sizeof(*out));
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    if (!src) {
        zip_error_fini(&zerr);
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory opening the DOCX");
    }
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    if (!za) {
        zip_source_free(src);
        int rc = cd_err_set(err, CD_EINVAL, "file", "the DOCX is not a readable zip: %s",
                            zip_error_strerror(&zerr));
        zip_error_fini(&zerr);
        return rc;
    }
    zip_error_fini(&zerr);
    size_t xml_len = 0;
    char *xml = NULL;
    int rc = check_archive(za, err);
    if (rc == 0) {
        xml = read_part(za, &xml_len, err);
        if (!xml)
            rc = CD_EINVAL;
    }
    zip_discard(za); /* also frees src */
    if (rc)
        return rc;

    xmlDoc *doc = xmlReadMemory(xml, (int)xml_len, DOCX_MAIN_PART, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(xml);
    if (!doc)
        return cd_err_set(err, CD_EINVAL, "file", "the DOCX text part is not well-formed XML");
    cd_docs_tb tb;
    cd_docs_tb_init(&tb);
    walk w = {.tb = &tb, .lay = &out->layout};
    walk_nodes(&w, xmlDocGetRootElement(doc), 0);
    xmlFreeDoc(doc);
    out->format = CD_DOCS_DOCX;
    out->layout.pages = 1;
    if (cd_docs_tb_finish(&tb, out, err) != 0)
        return CD_ETOOBIG;
    if (out->len == 0) {
        cd_docs_text_free(out);
        return cd_err_set(err, CD_EUNPROCESSABLE, "file", "the DOCX contains no text");
    }
    return 0;
}
