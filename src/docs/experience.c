/* experience.c - date ranges -> jobs, total years and seniority.
 *
 * Recognised dates: "Jan 2019", "January 2019", "01/2019", "2019-01",
 * "2019"; separated by "-", "–", "—", "to" or "until"; the end may be
 * "Present", "Current", "Now" or "Today". Total years is the union of the
 * ranges (overlapping jobs are not counted twice). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "docs/resume.h"

#define YEAR_MIN 1950
#define YEAR_MAX 2100

static const char *const month_names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};

static int read_year(const char *s, size_t n, size_t *i)
{
    if (*i + 4 > n)
        return -1;
    for (int k = 0; k < 4; k++)
        if (!isdigit((unsigned char)s[*i + k]))
            return -1;
    if (*i + 4 < n && isdigit((unsigned char)s[*i + 4]))
        return -1;
    int y =
        (s[*i] - '0') * 1000 + (s[*i + 1] - '0') * 100 + (s[*i + 2] - '0') * 10 + (s[*i + 3] - '0');
    if (y < YEAR_MIN || y > YEAR_MAX)
        return -1;
    *i += 4;
    return y;
}

/* One date at s[*i]; returns the month index (year*12+m) or -1. *style:
 * 1 month name, 2 numeric month, 3 year only. `end`: a bare year means
 * its December. */
static int read_date(const char *s, size_t n, size_t *i, bool end, int *style)
{
    size_t p = *i;
    if (p > 0 && isalnum((unsigned char)s[p - 1]))
        return -1;
    for (int m = 0; m < 12; m++) {
        if (p + 3 <= n && strncasecmp(s + p, month_names[m], 3) == 0) {
            size_t q = p + 3;
            while (q < n && isalpha((unsigned char)s[q]))
                q++;
            if (q - p > 9)
                return -1;
            if (q < n && s[q] == '.')
                q++;
            while (q < n && (s[q] == ' ' || s[q] == ','))
                q++;
            int y = read_year(s, n, &q);
            if (y < 0)
                return -1;
            *i = q;
            *style = 1;
            return y * 12 + m;
        }
    }
    /* MM/YYYY or MM.YYYY */
    if (p + 3 < n && isdigit((unsigned char)s[p]) &&
        (s[p + 1] == '/' || s[p + 1] == '.' ||
         (isdigit((unsigned char)s[p + 1]) && (s[p + 2] == '/' || s[p + 2] == '.')))) {
        size_t q = p;
        int m = 0;
        while (q < n && isdigit((unsigned char)s[q]) && q - p < 2)
            m = m * 10 + (s[q++] - '0');
        if (q < n && (s[q] == '/' || s[q] == '.') && m >= 1 && m <= 12) {
            q++;
            int y = read_year(s, n, &q);
            if (y >= 0) {
                *i = q;
                *style = 2;
                return y * 12 + m - 1;
            }
        }
    }
    size_t q = p;
    int y = read_year(s, n, &q);
    if (y < 0)
        return -1;
    /* YYYY-MM */
    if (q + 2 < n && s[q] == '-' && isdigit((unsigned char)s[q + 1]) &&
        isdigit((unsigned char)s[q + 2]) && (q + 3 >= n || !isdigit((unsigned char)s[q + 3]))) {
        int m = (s[q + 1] - '0') * 10 + (s[q + 2] - '0');
        if (m >= 1 && m <= 12) {
            *i = q + 3;
            *style = 2;
            return y * 12 + m - 1;
        }
    }
    *i = q;
    *style = 3;
    return y * 12 + (end ? 11 : 0);
}

static bool read_sep(const char *s, size_t n, size_t *i)
{
    size_t p = *i;
    while (p < n && s[p] == ' ')
        p++;
    if (p < n && s[p] == '-')
        p++;
    else if (p + 3 <= n &&
             (memcmp(s + p, "\xe2\x80\x93", 3) == 0 || memcmp(s + p, "\xe2\x80\x94", 3) == 0))
        p += 3;
    else if (p + 2 <= n && strncasecmp(s + p, "to", 2) == 0 && (p + 2 == n || s[p + 2] == ' '))
        p += 2;
    else if (p + 5 <= n && strncasecmp(s + p, "until", 5) == 0)
        p += 5;
    else
        return false;
    while (p < n && s[p] == ' ')
        p++;
    *i = p;
    return true;
}

static bool read_present(const char *s, size_t n, size_t *i)
{
    static const char *const words[] = {"present", "current", "now", "today", "ongoing"};
    for (size_t k = 0; k < 5; k++) {
        size_t l = strlen(words[k]);
        if (*i + l <= n && strncasecmp(s + *i, words[k], l) == 0 &&
            (*i + l == n || !isalpha((unsigned char)s[*i + l]))) {
            *i += l;
            return true;
        }
    }
    return false;
}

static int today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

static void set_title(cd_docs_job *job, const char *line, size_t n, size_t a, size_t b)
{
    char buf[sizeof(job->title)];
    size_t o = 0;
    for (size_t k = 0; k < n && o + 1 < sizeof(buf); k++) {
        if (k >= a && k < b)
            continue;
        buf[o++] = line[k];
    }
    buf[o] = '\0';
    /* Trim separators left around the removed dates. */
    size_t s = 0, e = o;
    for (bool cut = true; cut;) { /* ASCII separators and the en/em dashes (E2 80 93/94) */
        cut = false;
        while (s < e && strchr(" |,-()\t", buf[s]))
            s++, cut = true;
        while (e > s && strchr(" |,-()\t", buf[e - 1]))
            e--, cut = true;
        if (e - s >= 3 && (unsigned char)buf[s] == 0xE2 && (unsigned char)buf[s + 1] == 0x80 &&
            ((unsigned char)buf[s + 2] == 0x93 || (unsigned char)buf[s + 2] == 0x94))
            s += 3, cut = true;
        if (e - s >= 3 && (unsigned char)buf[e - 3] == 0xE2 && (unsigned char)buf[e - 2] == 0x80 &&
            ((unsigned char)buf[e - 1] == 0x93 || (unsigned char)buf[e - 1] == 0x94))
            e -= 3, cut = true;
    }
    snprintf(job->title, sizeof(job->title), "%.*s", (int)(e - s), buf + s);
}

size_t cd_docs_find_jobs(const char *text, size_t len, size_t base, int now, cd_docs_job *out,
                         size_t max, int *problems, char *problem, size_t problem_cap)
{
    size_t n = 0;
    int first_style = 0;
    if (now <= 0)
        now = today();
    *problems = 0;
    if (problem_cap)
        problem[0] = '\0';
    size_t i = 0, prev_line = 0, prev_len = 0;
    while (i < len && n < max) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        const char *line = text + i;
        size_t ln = e - i;
        for (size_t p = 0; p < ln; p++) {
            size_t q = p;
            int s1 = 0, s2 = 0;
            int start = read_date(line, ln, &q, false, &s1);
            if (start < 0)
                continue;
            size_t r = q;
            if (!read_sep(line, ln, &r))
                continue;
            cd_docs_job job = {.start = start};
            if (read_present(line, ln, &r)) {
                job.present = true;
                job.end = now;
                s2 = s1;
            } else {
                job.end = read_date(line, ln, &r, true, &s2);
                if (job.end < 0)
                    continue;
            }
            if (!first_style)
                first_style = s1;
            const char *issue = NULL;
            if (job.end < job.start)
                issue = "ends before it starts";
            else if (job.start > now)
                issue = "starts in the future";
            else if (s1 != first_style || s2 != s1)
                issue = "uses a different date format from the others";
            if (issue) {
                if (*problems == 0 && problem_cap)
                    snprintf(problem, problem_cap, "the range \"%.*s\" %s", (int)(r - p), line + p,
                             issue);
                (*problems)++;
            }
            /* Title: the rest of this line, or the line above when the
             * dates stand alone. */
            set_title(&job, line, ln, p, r);
            job.line = base + i;
            if (strlen(job.title) < 3 && prev_len) {
                set_title(&job, text + prev_line, prev_len, 0, 0);
                job.line = base + prev_line;
            }
            if (job.end > now)
                job.end = now;
            out[n++] = job;
            break; /* one range per line */
        }
        if (ln > 0) {
            prev_line = i;
            prev_len = ln;
        }
        i = e + 1;
    }
    return n;
}

double cd_docs_total_years(const cd_docs_job *jobs, size_t n)
{
    /* Union of [start, end] month ranges: sort by start (n is small). */
    int s[CD_DOCS_MAX_JOBS], e[CD_DOCS_MAX_JOBS];
    size_t m = 0;
    for (size_t i = 0; i < n && m < CD_DOCS_MAX_JOBS; i++) {
        if (jobs[i].end < jobs[i].start)
            continue;
        size_t k = m++;
        while (k > 0 && s[k - 1] > jobs[i].start) {
            s[k] = s[k - 1];
            e[k] = e[k - 1];
            k--;
        }
        s[k] = jobs[i].start;
        e[k] = jobs[i].end;
    }
    int months = 0, cur_s = 0, cur_e = -1;
    for (size_t i = 0; i < m; i++) {
        if (cur_e < 0 || s[i] > cur_e + 1) {
            if (cur_e >= 0)
                months += cur_e - cur_s + 1;
            cur_s = s[i];
            cur_e = e[i];
        } else if (e[i] > cur_e) {
            cur_e = e[i];
        }
    }
    if (cur_e >= 0)
        months += cur_e - cur_s + 1;
    return months / 12.0;
}

static bool has_word(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    for (size_t i = 0; i + l <= n; i++) {
        if (strncasecmp(s + i, w, l) == 0 && (i == 0 || !isalpha((unsigned char)s[i - 1])) &&
            (i + l == n || !isalpha((unsigned char)s[i + l])))
            return true;
    }
    return false;
}

cd_docs_seniority cd_docs_seniority_from_title(const char *s, size_t n)
{
    if (has_word(s, n, "principal") || has_word(s, n, "staff") || has_word(s, n, "lead") ||
        has_word(s, n, "head") || has_word(s, n, "director") || has_word(s, n, "architect") ||
        has_word(s, n, "vp"))
        return CD_SENIORITY_LEAD;
    if (has_word(s, n, "senior") || has_word(s, n, "sr") || has_word(s, n, "sr."))
        return CD_SENIORITY_SENIOR;
    if (has_word(s, n, "intern") || has_word(s, n, "internship") || has_word(s, n, "trainee"))
        return CD_SENIORITY_INTERN;
    if (has_word(s, n, "junior") || has_word(s, n, "jr") || has_word(s, n, "graduate") ||
        has_word(s, n, "entry level") || has_word(s, n, "entry-level"))
        return CD_SENIORITY_JUNIOR;
    if (has_word(s, n, "mid-level") || has_word(s, n, "mid level"))
        return CD_SENIORITY_MID;
    return CD_SENIORITY_UNKNOWN;
}

cd_docs_seniority cd_docs_seniority_of(double years, const char *title)
{
    cd_docs_seniority by_years = years < 1.0    ? CD_SENIORITY_INTERN
                                 : years < 3.0  ? CD_SENIORITY_JUNIOR
                                 : years < 6.0  ? CD_SENIORITY_MID
                                 : years < 10.0 ? CD_SENIORITY_SENIOR
                                                : CD_SENIORITY_LEAD;
    cd_docs_seniority by_title =
        title ? cd_docs_seniority_from_title(title, strlen(title)) : CD_SENIORITY_UNKNOWN;
    /* A title is the stronger evidence, but "Senior" after one year of
     * work is read as mid, and no title lowers ten years to junior. */
    if (by_title == CD_SENIORITY_UNKNOWN)
        return by_years;
    if (by_title > by_years + 1)
        return (cd_docs_seniority)(by_years + 1);
    return by_title > by_years ? by_title : by_years;
}

const char *cd_docs_seniority_name(cd_docs_seniority s)
{
    static const char *const names[] = {"unknown", "intern", "junior", "mid", "senior", "lead"};
    return (unsigned)s <= CD_SENIORITY_LEAD ? names[s] : "unknown";
}
