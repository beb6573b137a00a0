/* Unit tests for src/store against a real SQLite database in a temp dir. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

static cd_store *open_fresh(void)
{
    char tmpl[] = "/tmp/candor-store-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    cd_err e;
    cd_store *s = cd_store_open(dir, &e);
    assert_non_null(s);
    int from = -1, to = -1;
    assert_int_equal(cd_store_migrate(s, &from, &to, &e), 0);
    assert_int_equal(from, 0);
    assert_int_equal(to, cd_store_latest_version());
    return s;
}

static json_t *question(const char *slug, const char *role, const char *diff, const char *text)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:[s], s:s, s:[s,s], s:[s], s:[]}", "id", slug, "role",
                     role, "difficulty", diff, "type", "technical", "tech", "sql", "text", text,
                     "talking_points", "point one", "point two", "keywords", "index", "follow_ups");
}

static void test_migrate_is_idempotent(void **state)
{
    (void)state;
    cd_store *s = open_fresh();
    cd_err e;
    int from, to;
    assert_int_equal(cd_store_migrate(s, &from, &to, &e), 0);
    assert_int_equal(from, to);
    assert_int_equal(cd_store_schema_version(s, &e), cd_store_latest_version());
    cd_store_close(s);
}

static void test_users_and_colleges(void **state)
{
    (void)state;
    cd_store *s = open_fresh();
    cd_err e;
    cd_user u, v;
    assert_int_equal(cd_store_user_create(s, "a@uni.edu", "Ann", "hash", "student", &u, &e), 0);
    assert_int_equal(u.college_id, 0);
    assert_int_equal(cd_store_user_create(s, "a@uni.edu", "Dup", "h", "student", NULL, &e),
                     CD_ECONFLICT);
    assert_string_equal(e.field, "email");
    /* A college claiming the domain adopts the existing account. */
    json_t *domains = json_pack("[s]", "uni.edu");
    json_t *c = cd_store_college_create(s, "Uni", domains, &e);
    json_decref(domains);
    assert_non_null(c);
    json_decref(c);
    assert_int_equal(cd_store_user_by_email(s, "a@uni.edu", &v, &e), 0);
    assert_true(v.college_id > 0);
    assert_string_equal(v.college, "Uni");
    /* Subdomains belong to it too; a second college cannot claim it. */
    assert_int_equal(cd_store_user_create(s, "b@cs.uni.edu", "Bo", "h", "student", &u, &e), 0);
    assert_int_equal(u.college_id, v.college_id);
    json_t *dom = json_pack("[s]", "uni.edu");
    assert_null(cd_store_college_create(s, "Other", dom, &e));
    json_decref(dom);
    assert_int_equal(e.code, CD_ECONFLICT);
    json_t *list = cd_store_college_list(s, &e);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
    json_decref(list);
    assert_int_equal(cd_store_user_set_role(s, u.id, "coordinator", &u, &e), 0);
    assert_string_equal(u.role, "coordinator");
    assert_int_equal(cd_store_user_set_role(s, 9999, "admin", NULL, &e), CD_ENOTFOUND);
    cd_store_close(s);
}

static void test_refresh_rotation_and_reuse(void **state)
{
    (void)state;
    cd_store *s = open_fresh();
    cd_err e;
    cd_user u;
    cd_store_user_create(s, "r@x.edu", "R", "h", "student", &u, &e);
    assert_int_equal(cd_store_refresh_insert(s, u.id, "h1", "fam", 2000, &e), 0);
    long long uid = 0;
    cd_refresh_result r;
    assert_int_equal(cd_store_refresh_rotate(s, "h1", "h2", 1000, 3000, &uid, &r, &e), 0);
    assert_int_equal(r, CD_ROTATE_OK);
    assert_int_equal(uid, u.id);
    /* reuse of h1 revokes the family, so h2 dies too */
    assert_int_equal(cd_store_refresh_rotate(s, "h1", "h3", 1001, 3000, &uid, &r, &e), 0);
    assert_int_equal(r, CD_ROTATE_REUSED);
    assert_int_equal(cd_store_refresh_rotate(s, "h2", "h4", 1002, 3000, &uid, &r, &e), 0);
    assert_int_equal(r, CD_ROTATE_REVOKED);
    assert_int_equal(cd_store_refresh_rotate(s, "nope", "h5", 1002, 3000, &uid, &r, &e), 0);
    assert_int_equal(r, CD_ROTATE_UNKNOWN);
    /* expiry */
    cd_store_refresh_insert(s, u.id, "old", "fam2", 500, &e);
    assert_int_equal(cd_store_refresh_rotate(s, "old", "h6", 1000, 3000, &uid, &r, &e), 0);
    assert_int_equal(r, CD_ROTATE_EXPIRED);
    cd_store_close(s);
}

static void test_question_seed_list_and_filters(void **state)
{
    (void)state;
    cd_store *s = open_fresh();
    cd_err e;
    json_t *bank = json_array();
    json_array_append_new(bank, question("q-1", "backend", "easy", "What is an index?"));
    json_array_append_new(bank, question("q-2", "backend", "hard", "Shard a 100% hot table?"));
    json_array_append_new(bank, question("q-3", "frontend", "easy", "What is the DOM tree?"));
    int ins, upd;
    long long gen0 = cd_store_question_generation(s);
    assert_int_equal(cd_store_question_seed(s, bank, &ins, &upd, &e), 0);
    assert_int_equal(ins, 3);
    assert_true(cd_store_question_generation(s) > gen0);
    /* unchanged reseed changes nothing; an edit is one update */
    assert_int_equal(cd_store_question_seed(s, bank, &ins, &upd, &e), 0);
    assert_int_equal(ins + upd, 0);
    json_object_set_new(json_array_get(bank, 0), "text", json_string("What is a DB index?"));
    assert_int_equal(cd_store_question_seed(s, bank, &ins, &upd, &e), 0);
    assert_int_equal(upd, 1);

    cd_question_filter f = {.role = "backend", .page = 1, .per_page = 10};
    json_t *r = cd_store_question_list(s, &f, &e);
    assert_int_equal(json_integer_value(json_object_get(r, "total")), 2);
    json_t *first = json_array_get(json_object_get(r, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "difficulty")), "easy");
    assert_int_equal(json_array_size(json_object_get(first, "talking_points")), 0);
    json_decref(r);
    /* '%' is literal, not a wildcard */
    cd_question_filter pct = {.text = "%", .page = 1, .per_page = 10, .include_answers = true};
    r = cd_store_question_list(s, &pct, &e);
    assert_int_equal(json_integer_value(json_object_get(r, "total")), 1);
    json_decref(r);
    cd_question_filter tech = {.tech = "sql", .difficulty = "easy", .page = 1, .per_page = 1};
    r = cd_store_question_list(s, &tech, &e);
    assert_int_equal(json_integer_value(json_object_get(r, "total")), 2);
    assert_int_equal(json_array_size(json_object_get(r, "items")), 1); /* per_page */
    json_decref(r);
    json_decref(bank);
    cd_store_close(s);
}

static void test_answers_are_recorded_once(void **state)
{
    (void)state;
    cd_store *s = open_fresh();
    cd_err e;
    cd_user u;
    cd_store_user_create(s, "i@x.edu", "I", "h", "student", &u, &e);
    json_t *bank = json_pack("[o]", question("q-1", "backend", "easy", "What is an index?"));
    int ins, upd;
    cd_store_question_seed(s, bank, &ins, &upd, &e);
    json_decref(bank);
    json_t *plan = json_pack("[i]", 1);
    cd_interview_new n = {
        .user_id = u.id, .mode = "text", .role = "backend", .difficulty = "easy", .plan = plan};
    long long id = cd_store_interview_create(s, &n, &e);
    json_decref(plan);
    assert_true(id > 0);
    json_t *ans =
        json_pack("{s:i, s:s, s:s, s:s, s:i, s:{}, s:f}", "question_id", 1, "kind", "question",
                  "prompt", "p", "text", "t", "duration_ms", 5, "evaluation", "score", 5.0);
    assert_int_equal(cd_store_interview_record_answer(s, id, 0, ans, 1, NULL, &e), 0);
    /* same expected seq again: refused, nothing written */
    assert_int_equal(cd_store_interview_record_answer(s, id, 0, ans, 1, NULL, &e), CD_ECONFLICT);
    json_t *iv = cd_store_interview_get(s, id, &e);
    assert_int_equal(json_array_size(json_object_get(iv, "answers")), 1);
    json_decref(iv);
    json_t *rep = json_pack("{s:s}", "x", "y");
    assert_int_equal(cd_store_interview_finish(s, id, 6.5, rep, &e), 0);
    assert_int_equal(cd_store_interview_finish(s, id, 6.5, rep, &e), CD_ECONFLICT);
    json_decref(rep);
    assert_int_equal(cd_store_interview_record_answer(s, id, 1, ans, 2, NULL, &e), CD_ECONFLICT);
    json_decref(ans);
    json_t *p = cd_store_progress(s, u.id, &e);
    assert_int_equal(json_integer_value(json_object_get(p, "interviews")), 1);
    assert_true(json_real_value(json_object_get(p, "average")) == 6.5);
    json_decref(p);
    cd_store_close(s);
}

static void test_documents_per_user_with_limit(void **state)
{
    (void)state;
    cd_store *s = open_fresh();
    cd_err e;
    cd_user a, b;
    cd_store_user_create(s, "a@x.edu", "A", "h", "student", &a, &e);
    cd_store_user_create(s, "b@x.edu", "B", "h", "student", &b, &e);
    json_t *analysis = json_pack("{s:[s]}", "skills", "Go");
    json_t *summary = json_pack("{s:i}", "ats_score", 71);
    cd_document_new d = {.user_id = a.id,
                         .kind = "resume",
                         .title = "cv.pdf",
                         .source = "file",
                         .format = "pdf",
                         .content = "%PDF-1.4",
                         .content_len = 8,
                         .text = "Go developer",
                         .analysis = analysis,
                         .summary = summary,
                         .max_per_user = 2};
    long long r1 = cd_store_document_create(s, &d, &e);
    long long r2 = cd_store_document_create(s, &d, &e);
    assert_true(r1 > 0 && r2 > r1);
    /* the third is over the limit: refused and not stored */
    assert_int_equal(cd_store_document_create(s, &d, &e), 0);
    assert_int_equal(e.code, CD_ECONFLICT);
    json_t *list = cd_store_document_list(s, a.id, "resume", &e);
    assert_int_equal(json_array_size(list), 2);
    json_t *first = json_array_get(list, 0);
    assert_string_equal(json_string_value(json_object_get(first, "filename")), "cv.pdf");
    assert_int_equal(json_integer_value(json_object_get(first, "ats_score")), 71);
    json_decref(list);
    /* kinds and owners are separate */
    list = cd_store_document_list(s, a.id, "job", &e);
    assert_int_equal(json_array_size(list), 0);
    json_decref(list);
    assert_null(cd_store_document_get(s, r1, "job", &e));
    assert_int_equal(e.code, CD_ENOTFOUND);
    json_t *doc = cd_store_document_get(s, r1, "resume", &e);
    assert_string_equal(json_string_value(json_object_get(doc, "text")), "Go developer");
    assert_true(json_equal(json_object_get(doc, "analysis"), analysis));
    json_decref(doc);
    assert_int_equal(cd_store_document_delete(s, r1, b.id, "resume", &e), CD_ENOTFOUND);
    /* an interview aimed at the resume survives its deletion, unlinked */
    json_t *bank = json_pack("[o]", question("q-1", "backend", "easy", "What is an index?"));
    int ins, upd;
    cd_store_question_seed(s, bank, &ins, &upd, &e);
    json_decref(bank);
    json_t *plan = json_pack("[i]", 1);
    cd_interview_new n = {.user_id = a.id,
                          .mode = "text",
                          .role = "backend",
                          .difficulty = "easy",
                          .plan = plan,
                          .resume_id = r1};
    long long iv_id = cd_store_interview_create(s, &n, &e);
    json_decref(plan);
    assert_true(iv_id > 0);
    assert_int_equal(cd_store_document_delete(s, r1, a.id, "resume", &e), 0);
    json_t *iv = cd_store_interview_get(s, iv_id, &e);
    assert_true(json_is_null(json_object_get(iv, "resume_id")));
    json_decref(iv);
    json_decref(analysis);
    json_decref(summary);
    cd_store_close(s);
}

static void test_generated_questions_stay_out_of_the_bank(void **state)
{
    (void)state;
    cd_store *s = open_fresh();
    cd_err e;
    cd_user u;
    cd_store_user_create(s, "g@x.edu", "G", "h", "student", &u, &e);
    json_t *bank = json_pack("[o]", question("q-1", "backend", "easy", "What is an index?"));
    int ins, upd;
    cd_store_question_seed(s, bank, &ins, &upd, &e);
    json_decref(bank);
    json_t *gen = question("x", "backend", "easy", "You list Kafka on your resume. Tell me more.");
    json_object_del(gen, "id");
    json_t *plan = json_pack("[i, o]", 1, gen);
    json_t *why = json_pack("[n, s]", "Kafka is on your resume");
    cd_interview_new n = {.user_id = u.id,
                          .mode = "text",
                          .role = "backend",
                          .difficulty = "easy",
                          .plan = plan,
                          .why = why};
    long long id = cd_store_interview_create(s, &n, &e);
    json_decref(plan);
    json_decref(why);
    assert_true(id > 0);
    json_t *iv = cd_store_interview_get(s, id, &e);
    json_t *ids = json_object_get(iv, "plan");
    assert_int_equal(json_array_size(ids), 2);
    assert_int_equal(json_integer_value(json_object_get(iv, "length")), 2);
    long long gid = json_integer_value(json_array_get(ids, 1));
    assert_string_equal(json_string_value(json_array_get(json_object_get(iv, "why"), 1)),
                        "Kafka is on your resume");
    json_decref(iv);
    json_t *q = cd_store_question_get(s, gid, true, &e);
    assert_non_null(q);
    assert_string_equal(json_string_value(json_object_get(q, "source")), "generated");
    json_decref(q);
    /* neither the listing (any status) nor planning pools see it */
    cd_question_filter f = {.page = 1, .per_page = 100};
    json_t *page = cd_store_question_list(s, &f, &e);
    assert_int_equal(json_integer_value(json_object_get(page, "total")), 1);
    json_decref(page);
    json_t *pool = cd_store_question_pool(s, "backend", "technical", &e);
    assert_int_equal(json_array_size(pool), 1);
    json_decref(pool);
    cd_store_close(s);
}

static void test_open_fails_cleanly(void **state)
{
    (void)state;
    cd_err e;
    assert_null(cd_store_open("/proc/candor-cannot-create-here", &e));
    assert_true(e.msg[0] != 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrate_is_idempotent),
        cmocka_unit_test(test_users_and_colleges),
        cmocka_unit_test(test_refresh_rotation_and_reuse),
        cmocka_unit_test(test_question_seed_list_and_filters),
        cmocka_unit_test(test_answers_are_recorded_once),
        cmocka_unit_test(test_documents_per_user_with_limit),
        cmocka_unit_test(test_generated_questions_stay_out_of_the_bank),
        cmocka_unit_test(test_open_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
