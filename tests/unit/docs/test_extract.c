/* test_extract.c - format sniffing and text extraction from PDF, DOCX,
 * HTML and text, including the hostile inputs the issue lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docs/extract.h"
#include "helper_docs.h"

static const char resume_lines[] = "Jane Doe\njane@example.com\nEXPERIENCE\nSenior Engineer at "
                                   "Acme, Jan 2019 - Present\nBuilt the billing service in Go\n"
                                   "EDUCATION\nBSc Computer Science, MIT, 2015\n";

static void test_sniff_by_magic_not_name(void **state)
{
    (void)state;
    const char *detail = NULL;
    assert_int_equal(cd_docs_sniff("%PDF-1.7\n", 9, NULL), CD_DOCS_PDF);
    assert_int_equal(cd_docs_sniff("PK\x03\x04zz", 6, NULL), CD_DOCS_DOCX);
    assert_int_equal(cd_docs_sniff("<!DOCTYPE html><p>x", 19, NULL), CD_DOCS_HTML);
    assert_int_equal(cd_docs_sniff("Plain resume", 12, NULL), CD_DOCS_TEXT);
    assert_int_equal(cd_docs_sniff("\x89PNG\r\n\x1a\n", 8, &detail), CD_DOCS_UNKNOWN);
    assert_string_equal(detail, "a PNG image");
    assert_int_equal(cd_docs_sniff("\xd0\xcf\x11\xe0\xa1\xb1", 6, &detail), CD_DOCS_UNKNOWN);
    assert_non_null(strstr(detail, ".doc"));
    /* markup that is not a document: named, not read as a resume of tags */
    const char svg[] = "<?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n<!DOCTYPE svg>\n"
                       "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Jane Doe</text></svg>";
    assert_int_equal(cd_docs_sniff(svg, sizeof(svg) - 1, &detail), CD_DOCS_UNKNOWN);
    assert_string_equal(detail, "an SVG image");
    assert_int_equal(cd_docs_sniff("<svg><g/></svg>", 15, &detail), CD_DOCS_UNKNOWN);
    assert_int_equal(cd_docs_sniff("<?xml version=\"1.0\"?><feed/>", 28, &detail), CD_DOCS_UNKNOWN);
    assert_string_equal(detail, "an XML file");
    /* a web page with inline SVG icons is still a page; a resume that
     * mentions <svg> in its text is still text */
    const char page[] = "<!DOCTYPE html><body><svg><path/></svg>Senior engineer</body>";
    assert_int_equal(cd_docs_sniff(page, sizeof(page) - 1, NULL), CD_DOCS_HTML);
    const char mention[] = "Jane Doe\nSkills: drawing <svg> icons by hand, CSS\n";
    assert_int_equal(cd_docs_sniff(mention, sizeof(mention) - 1, NULL), CD_DOCS_TEXT);
    cd_docs_text t;
    cd_err err = {0};
    assert_int_not_equal(cd_docs_extract("\xff\xd8\xff\xe0junk", 8, &t, &err), 0);
    assert_int_equal(err.code, CD_EUNSUPPORTED);
    assert_non_null(strstr(err.msg, "JPEG"));
}

static void test_text_input(void **state)
{
    (void)state;
    cd_docs_text t;
    cd_err err = {0};
    const char in[] = "\xef\xbb\xbfName\r\n\r\n\r\n\r\nSkills:  Go,\tSQL\r\n";
    assert_int_equal(cd_docs_extract(in, sizeof(in) - 1, &t, &err), 0);
    assert_string_equal(t.text, "Name\n\nSkills: Go, SQL");
    cd_docs_text_free(&t);
    assert_int_not_equal(cd_docs_text_extract("bad \xc3\x28 utf8", 11, &t, &err), 0);
    assert_int_equal(err.code, CD_EINVAL);
    assert_non_null(strstr(err.msg, "UTF-8"));
}

static void test_pdf_text_and_layout(void **state)
{
    (void)state;
    size_t len;
    char *pdf = helper_pdf_from_text(resume_lines, 1, &len);
    cd_docs_text t;
    cd_err err = {0};
    assert_int_equal(cd_docs_extract(pdf, len, &t, &err), 0);
    assert_int_equal(t.format, CD_DOCS_PDF);
    assert_int_equal(t.layout.pages, 1);
    assert_false(t.layout.scanned);
    assert_false(t.layout.multi_column);
    assert_non_null(strstr(t.text, "jane@example.com"));
    assert_non_null(strstr(t.text, "Built the billing service in Go"));
    cd_docs_text_free(&t);
    free(pdf);

    /* Two columns: left column then right, side by side. */
    pdf = helper_pdf_from_text("Jane Doe\nEXPERIENCE\nEngineer 2019 - 2021\nBuilt things\nMore "
                               "things\n\f\nSKILLS\nGo\nPython\nSQL\n",
                               2, &len);
    assert_int_equal(cd_docs_extract(pdf, len, &t, &err), 0);
    assert_true(t.layout.multi_column);
    assert_non_null(strstr(t.text, "Python"));
    cd_docs_text_free(&t);
    free(pdf);
}

static void test_pdf_scanned_image_only(void **state)
{
    (void)state;
    size_t len;
    char *pdf = helper_pdf(NULL, 0, 1, true, &len);
    cd_docs_text t;
    cd_err err = {0};
    assert_int_equal(cd_docs_extract(pdf, len, &t, &err), 0);
    assert_true(t.layout.scanned);
    assert_int_equal(t.layout.images, 1);
    cd_docs_text_free(&t);
    free(pdf);
}

static void test_pdf_table_rows(void **state)
{
    (void)state;
    helper_pdf_text cells[] = {
        {0, 60, 700, 10, "Skill", 0},  {0, 220, 700, 10, "Years", 0},
        {0, 380, 700, 10, "Level", 0}, {0, 60, 680, 10, "Python", 0},
        {0, 220, 680, 10, "5", 0},     {0, 380, 680, 10, "Expert", 0},
        {0, 60, 660, 10, "SQL", 0},    {0, 220, 660, 10, "3", 0},
        {0, 380, 660, 10, "Good", 0},
    };
    size_t len;
    char *pdf = helper_pdf(cells, 9, 1, false, &len);
    cd_docs_text t;
    cd_err err = {0};
    assert_int_equal(cd_docs_extract(pdf, len, &t, &err), 0);
    assert_int_equal(t.layout.tables, 1);
    cd_docs_text_free(&t);
    free(pdf);
}

/* Lists printed from HTML (Chromium's "Save as PDF", resume builders) draw
 * each bullet as a path, so the text layer has no bullet character; the
 * extractor must still mark those lines as bullets, and only those. */
static void test_pdf_drawn_bullets(void **state)
{
    (void)state;
    helper_pdf_text items[] = {
        {0, 60, 720, 12, "EXPERIENCE", 0},
        {0, 80, 700, 10, "Built the billing service in Go", 1},
        {0, 80, 686, 10, "Reduced latency by 40%", 2},
        {0, 80, 672, 10, "- Already a dash bullet", 1},
        {0, 80, 658, 10, "Plain sentence with no marker", 0},
        {0, 300, 600, 10, "Indented line without a marker", 0},
    };
    size_t len;
    char *pdf = helper_pdf(items, sizeof(items) / sizeof(items[0]), 1, false, &len);
    cd_docs_text t;
    cd_err err = {0};
    assert_int_equal(cd_docs_extract(pdf, len, &t, &err), 0);
    assert_non_null(strstr(t.text, "\xe2\x80\xa2 Built the billing service in Go"));
    assert_non_null(strstr(t.text, "\xe2\x80\xa2 Reduced latency by 40%"));
    assert_non_null(strstr(t.text, "- Already a dash bullet"));
    assert_null(strstr(t.text, "\xe2\x80\xa2 - Already"));
    assert_null(strstr(t.text, "\xe2\x80\xa2 Plain sentence"));
    assert_null(strstr(t.text, "\xe2\x80\xa2 Indented line"));
    assert_null(strstr(t.text, "\xe2\x80\xa2 EXPERIENCE"));
    cd_docs_text_free(&t);
    free(pdf);
}

static void test_pdf_too_many_pages_and_corrupt(void **state)
{
    (void)state;
    helper_pdf_text one = {0, 60, 700, 10, "page", 0};
    size_t len;
    char *pdf = helper_pdf(&one, 1, 500, false, &len);
    cd_docs_text t;
    cd_err err = {0};
    assert_int_not_equal(cd_docs_extract(pdf, len, &t, &err), 0);
    assert_int_equal(err.code, CD_ETOOBIG);
    assert_non_null(strstr(err.msg, "500 pages"));
    free(pdf);
    /* Truncated in the middle: an error or (repaired) text, never a crash. */
    pdf = helper_pdf_from_text(resume_lines, 1, &len);
    int rc = cd_docs_extract(pdf, len / 3, &t, &err);
    if (rc == 0)
        cd_docs_text_free(&t);
    else
        assert_int_equal(err.code, CD_EINVAL);
    free(pdf);
    assert_int_not_equal(cd_docs_extract("%PDF-1.4 garbage", 16, &t, &err), 0);
}

static void test_docx_text_lists_tables(void **state)
{
    (void)state;
    size_t len;
    char *docx = helper_docx_from_text(
        "Jane Doe\nSKILLS\n|Python|5 years|\n|Go|2 years|\nEXPERIENCE\n- Led a team of 4\n", &len);
    cd_docs_text t;
    cd_err err = {0};
    assert_int_equal(cd_docs_extract(docx, len, &t, &err), 0);
    assert_int_equal(t.format, CD_DOCS_DOCX);
    assert_int_equal(t.layout.tables, 1);
    assert_non_null(strstr(t.text, "Python | 5 years"));
    assert_non_null(strstr(t.text, "\xe2\x80\xa2 Led a team of 4"));
    cd_docs_text_free(&t);
    free(docx);
}

static void test_docx_zip_bomb_and_wrong_zip(void **state)
{
    (void)state;
    size_t len;
    char *bomb = helper_zip_one("word/document.xml", 40u << 20, &len);
    assert_non_null(bomb);
    assert_true(len < (1u << 20));
    cd_docs_text t;
    cd_err err = {0};
    assert_int_not_equal(cd_docs_extract(bomb, len, &t, &err), 0);
    assert_int_equal(err.code, CD_ETOOBIG);
    assert_non_null(strstr(err.msg, "zip bomb"));
    free(bomb);
    char *other = helper_zip_one("photo.txt", 100, &len);
    assert_int_not_equal(cd_docs_extract(other, len, &t, &err), 0);
    assert_int_equal(err.code, CD_EUNSUPPORTED);
    assert_non_null(strstr(err.msg, "word/document.xml"));
    free(other);
    /* Entity expansion is not performed (billion laughs). */
    char *xxe = helper_docx("<w:p><w:r><w:t>ok</w:t></w:r></w:p>", &len);
    assert_int_equal(cd_docs_extract(xxe, len, &t, &err), 0);
    assert_string_equal(t.text, "ok");
    cd_docs_text_free(&t);
    free(xxe);
}

static void test_html_to_text(void **state)
{
    (void)state;
    const char html[] = "<!doctype html><html><head><title>t</title><script>var x=1;</script>"
                        "</head><body><nav>Home</nav><h1>Backend Engineer</h1><p>We use "
                        "<b>Go</b>.</p><ul><li>Kubernetes</li><li>PostgreSQL</li></ul>"
                        "<footer>(c) Co</footer></body></html>";
    cd_docs_text t;
    cd_err err = {0};
    assert_int_equal(cd_docs_extract(html, sizeof(html) - 1, &t, &err), 0);
    assert_int_equal(t.format, CD_DOCS_HTML);
    assert_null(strstr(t.text, "var x"));
    assert_null(strstr(t.text, "Home"));
    assert_non_null(strstr(t.text, "Backend Engineer"));
    assert_non_null(strstr(t.text, "\xe2\x80\xa2 Kubernetes"));
    cd_docs_text_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff_by_magic_not_name),
        cmocka_unit_test(test_text_input),
        cmocka_unit_test(test_pdf_text_and_layout),
        cmocka_unit_test(test_pdf_scanned_image_only),
        cmocka_unit_test(test_pdf_table_rows),
        cmocka_unit_test(test_pdf_drawn_bullets),
        cmocka_unit_test(test_pdf_too_many_pages_and_corrupt),
        cmocka_unit_test(test_docx_text_lists_tables),
        cmocka_unit_test(test_docx_zip_bomb_and_wrong_zip),
        cmocka_unit_test(test_html_to_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
