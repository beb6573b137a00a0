/* html.c - HTML (job pages, pasted HTML) reduced to text with libxml2's
 * forgiving HTML parser. Script, style and page chrome (nav, header,
 * footer, aside, forms) are dropped; block elements end lines; list items
 * become "• " bullets so jd.c sees requirement lists. Any thread may call. */
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "docs/extract.h"
#include "docs/textbuf.h"

#define HTML_MAX_DEPTH 256

static bool in_list(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(name, *list) == 0)
            return true;
    return false;
}

static const char *const skip_tags[] = {"script", "style", "noscript", "nav", "header",
                                        "footer", "aside", "form",     "svg", "template",
                                        "iframe", "head",  NULL};
static const char *const block_tags[] = {
    "p",  "div", "section", "article", "main", "br", "tr", "table",      "ul",  "ol", "dl",   "dt",
    "dd", "h1",  "h2",      "h3",      "h4",   "h5", "h6", "blockquote", "pre", "hr", "body", NULL};

static void walk(cd_docs_tb *tb, cd_docs_layout *lay, const xmlNode *n, int depth)
{
    if (depth > HTML_MAX_DEPTH)
        return;
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                cd_docs_tb_put(tb, (const char *)n->content, strlen((const char *)n->content));
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (in_list(name, skip_tags))
            continue;
        if (strcasecmp(name, "img") == 0)
            lay->images++;
        if (strcasecmp(name, "table") == 0)
            lay->tables++;
        bool block = in_list(name, block_tags);
        bool heading = name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2];
        if (heading)
            cd_docs_tb_paragraph(tb);
        else if (block)
            cd_docs_tb_newline(tb);
        if (strcasecmp(name, "li") == 0) {
            cd_docs_tb_newline(tb);
            cd_docs_tb_put(tb, "\xe2\x80\xa2 ", 4);
        }
        if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0)
            cd_docs_tb_put(tb, " | ", 3);
        walk(tb, lay, n->children, depth + 1);
        if (heading)
            cd_docs_tb_paragraph(tb);
        else if (block || strcasecmp(name, "li") == 0)
            cd_docs_tb_newline(tb);
    }
}

int cd_docs_html_extract(const void *data, size_t len, cd_docs_text *out, cd_err *err)
{
    memset(out, 0, sizeof(*out));
    if (len > CD_DOCS_MAX_INPUT_BYTES)
        return cd_err_set(err, CD_ETOOBIG, "html", "the page is over %d MiB",
                          CD_DOCS_MAX_INPUT_BYTES >> 20);
    htmlDocPtr doc = htmlReadMemory(data, (int)len, NULL, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NOBLANKS | HTML_PARSE_NOIMPLIED);
    if (!doc)
        return cd_err_set(err, CD_EINVAL, "html", "the page could not be parsed as HTML");
    cd_docs_tb tb;
    cd_docs_tb_init(&tb);
    walk(&tb, &out->layout, doc->children, 0);
    xmlFreeDoc(doc);
    out->format = CD_DOCS_HTML;
    out->layout.pages = 1;
    if (cd_docs_tb_finish(&tb, out, err) != 0)
        return CD_ETOOBIG;
    return 0;
}
