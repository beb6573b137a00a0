/* pdf.c - PDF text and layout through MuPDF's structured text.
 *
 * Why structured text rather than a plain text dump: we need the blocks and
 * their boxes to tell a two-column layout or a table (which ATS parsers
 * read out of order) and image blocks (photos, scanned pages). Each call
 * owns its fz_context, so calls on different threads share nothing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <mupdf/fitz.h>

#include "docs/extract.h"
#include "docs/resume.h"
#include "docs/textbuf.h"

/* Cells closer than this (points) to one baseline sit in one table row. */
#define PDF_ROW_TOLERANCE 2.5f
/* Rows of >= 3 separate cells needed before we call it a table. */
#define PDF_TABLE_MIN_ROWS 2
/* Lines side by side (both > 3 lines tall blocks) make two columns. */
#define PDF_COLUMN_MIN_LINES 3
/* MuPDF's store: enough for a resume, bounded for hostile files. */
#define PDF_STORE_BYTES (64u << 20)

static void quiet(void *user, const char *message)
{
    (void)user;
    (void)message;
}

typedef struct line_box {
    float x0, x1, y;
    int block;
} line_box;

static int cmp_line(const void *a, const void *b)
{
    const line_box *l = a, *r = b;
    if (l->y != r->y)
        return l->y < r->y ? -1 : 1;
    return l->x0 < r->x0 ? -1 : (l->x0 > r->x0);
}

/* Counts rows of >= 3 cells on one baseline, from distinct blocks or from
 * lines with wide gaps: the visual shape of a table. */
static int count_table_rows(line_box *lines, size_t n)
{
    if (n < 3)
        return 0;
    qsort(lines, n, sizeof(*lines), cmp_line);
    int rows = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && fabsf(lines[j].y - lines[i].y) <= PDF_ROW_TOLERANCE)
            j++;
        if (j - i >= 3)
            rows++;
        i = j;
    }
    return rows;
}

/* Two text blocks side by side, each several lines tall, overlapping
 * vertically: a multi-column page. */
static bool has_columns(fz_stext_page *page)
{
    for (fz_stext_block *a = page->first_block; a; a = a->next) {
        if (a->type != FZ_STEXT_BLOCK_TEXT)
            continue;
        int na = 0;
        for (fz_stext_line *l = a->u.t.first_line; l; l = l->next)
            na++;
        if (na < PDF_COLUMN_MIN_LINES)
            continue;
        for (fz_stext_block *b = page->first_block; b; b = b->next) {
            if (b == a || b->type != FZ_STEXT_BLOCK_TEXT || b->bbox.x0 < a->bbox.x1)
                continue;
            int nb = 0;
            for (fz_stext_line *l = b->u.t.first_line; l; l = l->next)
                nb++;
            float overlap = fminf(a->bbox.y1, b->bbox.y1) - fmaxf(a->bbox.y0, b->bbox.y0);
            float shorter = fminf(a->bbox.y1 - a->bbox.y0, b->bbox.y1 - b->bbox.y0);
            if (nb >= PDF_COLUMN_MIN_LINES && overlap > 0.5f * shorter)
                return true;
        }
    }
    return false;
}

/* A list bullet drawn as a path (how Chromium and other HTML-to-PDF
 * printers draw <li> markers) has no character in the text layer, so the
 * bullet counts behind the ATS score would miss every line of such a
 * resume. We collect small, roughly square filled or stroked shapes and put
 * a "• " before each text line that has one just to its left. */
#define PDF_MAX_MARKS 4096
/* A marker is at most this fraction of its line's height, and at least... */
#define PDF_MARK_MAX_OF_LINE 0.8f
#define PDF_MARK_MIN_OF_LINE 0.08f
/* ...and ends at most this many line heights left of the text. */
#define PDF_MARK_MAX_GAP 2.5f

typedef struct mark_list {
    fz_rect *marks; /* malloc'd; freed by the extractor */
    size_t n, cap;
} mark_list;

typedef struct mark_device {
    fz_device super;
    mark_list *list; /* the caller's, so it outlives the device */
} mark_device;

/* Records the path's outline box if it could be a list marker. Strokes are
 * bounded by their outline too: MuPDF's stroked bound allows for mitres of
 * up to the mitre limit and makes a 4 pt hollow square look 16 pt wide. */
static void add_mark(fz_context *ctx, mark_list *d, const fz_path *path, fz_matrix ctm)
{
    fz_rect r = fz_bound_path(ctx, path, NULL, ctm);
    float w = r.x1 - r.x0, h = r.y1 - r.y0;
    /* small and about as wide as tall: discs, squares, diamonds; not rules,
     * underlines or table borders */
    if (!(w > 0.5f && h > 0.5f && w < 20.0f && h < 20.0f && w < 2.0f * h && h < 2.0f * w))
        return;
    if (d->n == d->cap) {
        if (d->cap >= PDF_MAX_MARKS)
            return;
        size_t nc = d->cap ? d->cap * 2 : 64;
        fz_rect *nm = realloc(d->marks, nc * sizeof(*nm));
        if (!nm)
            return;
        d->marks = nm;
        d->cap = nc;
    }
    d->marks[d->n++] = r;
}

static void mark_fill(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd,
                      fz_matrix ctm, fz_colorspace *cs, const float *color, float alpha,
                      fz_color_params params)
{
    (void)even_odd, (void)cs, (void)color, (void)params;
    if (alpha > 0)
        add_mark(ctx, ((mark_device *)dev)->list, path, ctm);
}

static void mark_stroke(fz_context *ctx, fz_device *dev, const fz_path *path,
                        const fz_stroke_state *stroke, fz_matrix ctm, fz_colorspace *cs,
                        const float *color, float alpha, fz_color_params params)
{
    (void)stroke, (void)cs, (void)color, (void)params;
    if (alpha > 0)
        add_mark(ctx, ((mark_device *)dev)->list, path, ctm);
}

/* Whether a collected marker sits just left of the line, centred on it. */
static bool line_has_mark(const fz_rect *marks, size_t n, fz_rect line)
{
    float lh = line.y1 - line.y0;
    if (lh <= 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        const fz_rect *m = &marks[i];
        float w = m->x1 - m->x0, h = m->y1 - m->y0, cy = (m->y0 + m->y1) * 0.5f;
        if (h > PDF_MARK_MAX_OF_LINE * lh || h < PDF_MARK_MIN_OF_LINE * lh || w > lh)
            continue;
        if (cy < line.y0 || cy > line.y1)
            continue;
        float gap = line.x0 - m->x1;
        if (gap >= -0.5f && gap <= PDF_MARK_MAX_GAP * lh)
            return true;
    }
    return false;
}

/* Whether the line already starts with a bullet mark the resume counts
 * recognise (its first characters, as UTF-8, through the same rule). */
static bool starts_with_bullet_char(const fz_stext_line *l)
{
    char head[32];
    size_t n = 0;
    for (const fz_stext_char *c = l->first_char; c && n + FZ_UTFMAX < sizeof(head); c = c->next)
        n += (size_t)fz_runetochar(head + n, c->c);
    return cd_docs_bullet_prefix(head, n) > 0;
}

/* Appends one page's text: a line per stext line, a blank line between
 * blocks. Lines in a table row are joined with " | " so cells stay apart. */
static void page_text(fz_stext_page *page, const mark_list *marks, cd_docs_tb *tb,
                      cd_docs_layout *lay, line_box **boxes, size_t *nbox, size_t *capbox)
{
    *nbox = 0;
    int block_no = 0;
    for (fz_stext_block *b = page->first_block; b; b = b->next, block_no++) {
        if (b->type == FZ_STEXT_BLOCK_IMAGE) {
            lay->images++;
            continue;
        }
        if (b->type != FZ_STEXT_BLOCK_TEXT)
            continue;
        for (fz_stext_line *l = b->u.t.first_line; l; l = l->next) {
            if (line_has_mark(marks->marks, marks->n, l->bbox) && !starts_with_bullet_char(l))
                cd_docs_tb_put(tb, "\xe2\x80\xa2 ", 4);
            float prev_x1 = NAN;
            for (fz_stext_char *c = l->first_char; c; c = c->next) {
                /* A wide gap inside one line: cells of a row ("Python    5 yrs"). */
                if (!isnan(prev_x1) && c->quad.ll.x - prev_x1 > 3.0f * c->size && c->c != ' ')
                    cd_docs_tb_put(tb, " | ", 3);
                cd_docs_tb_putc(tb, c->c);
                prev_x1 = c->quad.lr.x;
            }
            cd_docs_tb_newline(tb);
            if (*nbox == *capbox) {
                size_t nc = *capbox ? *capbox * 2 : 256;
                line_box *nb = realloc(*boxes, nc * sizeof(*nb));
                if (!nb)
                    continue;
                *boxes = nb;
                *capbox = nc;
            }
            (*boxes)[(*nbox)++] = (line_box){l->bbox.x0, l->bbox.x1, l->bbox.y1, block_no};
        }
        cd_docs_tb_paragraph(tb);
    }
}

int cd_docs_pdf_extract(const void *data, size_t len, cd_docs_text *out, cd_err *err)
{
    memset(out, 0, sizeof(*out));
    fz_context *ctx = fz_new_context(NULL, NULL, PDF_STORE_BYTES);
    if (!ctx)
        return cd_err_set(err, CD_EINTERNAL, NULL, "out of memory opening the PDF");
    fz_set_warning_callback(ctx, quiet, NULL);
    fz_set_error_callback(ctx, quiet, NULL);

    fz_stream *volatile stm = NULL;
    fz_document *volatile doc = NULL;
    fz_page *volatile page = NULL;
    fz_stext_page *volatile st = NULL;
    fz_device *volatile marker = NULL;
    mark_list marks = {0};
    line_box *volatile boxes = NULL;
    size_t nbox = 0, capbox = 0;
    cd_docs_tb tb;
    cd_docs_tb_init(&tb);
    volatile int rc = 0;
    volatile int table_rows = 0;
    volatile bool columns = false;

    fz_try(ctx)
    {
        fz_register_document_handlers(ctx);
        stm = fz_open_memory(ctx, data, len);
        doc = fz_open_document_with_stream(ctx, "application/pdf", stm);
        if (fz_needs_password(ctx, doc)) {
            rc = cd_err_set(err, CD_EUNSUPPORTED, "file",
                            "the PDF is encrypted with a password; upload an unprotected copy");
        } else {
            int pages = fz_count_pages(ctx, doc);
            if (pages <= 0) {
                rc = cd_err_set(err, CD_EINVAL, "file", "the PDF has no pages");
            } else if (pages > CD_DOCS_MAX_PAGES) {
                rc = cd_err_set(err, CD_ETOOBIG, "file",
                                "the PDF has %d pages; a resume or job description may have at "
                                "most %d",
                                pages, CD_DOCS_MAX_PAGES);
            } else {
                out->layout.pages = pages;
                fz_stext_options opts = {.flags = FZ_STEXT_PRESERVE_IMAGES |
                                                  FZ_STEXT_PRESERVE_WHITESPACE};
                for (int i = 0; i < pages && !tb.overflow; i++) {
                    page = fz_load_page(ctx, doc, i);
                    st = fz_new_stext_page_from_page(ctx, page, &opts);
                    marks.n = 0;
                    mark_device *md = fz_new_derived_device(ctx, mark_device);
                    marker = &md->super;
                    md->list = &marks;
                    md->super.fill_path = mark_fill;
                    md->super.stroke_path = mark_stroke;
                    fz_run_page(ctx, page, marker, fz_identity, NULL);
                    fz_close_device(ctx, marker);
                    fz_drop_device(ctx, marker);
                    marker = NULL;
                    line_box *bx = boxes;
                    page_text(st, &marks, &tb, &out->layout, &bx, &nbox, &capbox);
                    boxes = bx;
                    table_rows += count_table_rows(boxes, nbox);
                    if (has_columns(st))
                        columns = true;
                    fz_drop_stext_page(ctx, st);
                    st = NULL;
                    fz_drop_page(ctx, page);
                    page = NULL;
                }
            }
        }
    }
    fz_always(ctx)
    {
        fz_drop_device(ctx, marker);
        fz_drop_stext_page(ctx, st);
        fz_drop_page(ctx, page);
        fz_drop_document(ctx, doc);
        fz_drop_stream(ctx, stm);
    }
    fz_catch(ctx)
    {
        if (!rc)
            rc = cd_err_set(err, CD_EINVAL, "file", "the PDF is damaged and cannot be read (%s)",
                            fz_caught_message(ctx));
    }
    fz_drop_context(ctx);
    free(boxes);
    free(marks.marks);
    if (rc) {
        cd_buf_free(&tb.buf);
        memset(out, 0, sizeof(*out));
        return rc;
    }
    out->layout.tables = table_rows >= PDF_TABLE_MIN_ROWS ? 1 : 0;
    out->layout.multi_column = columns;
    size_t letters = tb.letters;
    out->format = CD_DOCS_PDF;
    if (cd_docs_tb_finish(&tb, out, err) != 0)
        return -1;
    out->layout.scanned = letters < (size_t)out->layout.pages * CD_DOCS_SCANNED_MIN_CHARS_PER_PAGE;
    return 0;
}
