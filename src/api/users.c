/* users.c - /api/users (admins), /api/students (coordinators: their own
 * college; admins: everyone), /api/colleges (admins). */
#include <string.h>

#include "api/api.h"
#include "auth/email.h"

/* The college a coordinator may see; admins see all (0). */
static bool college_scope(api_ctx *c, long long *college_id)
{
    *college_id = 0;
    if (c->role == CD_ROLE_ADMIN)
        return true;
    cd_user me;
    cd_err e;
    if (cd_store_user_by_id(c->app->store, c->user_id, &me, &e)) {
        api_fail(c, &e);
        return false;
    }
    if (!me.college_id) {
        api_failf(c, CD_EFORBIDDEN, NULL,
                  "your account belongs to no college; an admin must add your e-mail domain");
        return false;
    }
    *college_id = me.college_id;
    return true;
}

void api_students_list(api_ctx *c)
{
    long long college;
    if (!college_scope(c, &college))
        return;
    cd_err e;
    json_t *r = cd_store_student_list(c->app->store, college, &e);
    if (!r)
        return api_fail(c, &e);
    api_ok(c, 200, r);
}

void api_students_interviews(api_ctx *c)
{
    long long id, college;
    if (!api_param_id(c, 0, &id) || !college_scope(c, &college))
        return;
    cd_user u;
    cd_err e;
    if (cd_store_user_by_id(c->app->store, id, &u, &e))
        return api_fail(c, &e);
    if (college && u.college_id != college)
        return api_failf(c, CD_ENOTFOUND, NULL, "no student with id %lld in your college", id);
    json_t *items = cd_store_interview_list(c->app->store, id, &e);
    if (!items)
        return api_fail(c, &e);
    size_t i;
    json_t *iv;
    json_array_foreach(items, i, iv)
    {
        json_object_del(iv, "plan");
        json_object_del(iv, "pending");
    }
    api_ok(c, 200, json_pack("{s:o, s:o}", "student", cd_user_to_json(&u), "items", items));
}

void api_users_list(api_ctx *c)
{
    cd_err e;
    json_t *r = cd_store_user_list(c->app->store, 0, NULL, &e);
    if (!r)
        return api_fail(c, &e);
    api_ok(c, 200, r);
}

void api_users_update(api_ctx *c)
{
    static const char *const fields[] = {"role", NULL};
    static const char *const roles[] = {"student", "coordinator", "admin", NULL};
    long long id;
    if (!api_param_id(c, 0, &id))
        return;
    json_t *b = api_body(c, fields);
    if (!b)
        return;
    const char *role = NULL;
    cd_err e;
    cd_user u;
    int rc = cd_json_enum(b, "role", true, roles, &role, &e);
    if (rc == 0 && id == c->user_id && strcmp(role, "admin") != 0)
        rc = cd_err_set(&e, CD_ECONFLICT, "role", "admins cannot remove their own admin role");
    if (rc == 0)
        rc = cd_store_user_set_role(c->app->store, id, role, &u, &e);
    json_decref(b);
    if (rc)
        return api_fail(c, &e);
    api_ok(c, 200, cd_user_to_json(&u));
}

void api_colleges_list(api_ctx *c)
{
    cd_err e;
    json_t *r = cd_store_college_list(c->app->store, &e);
    if (!r)
        return api_fail(c, &e);
    api_ok(c, 200, r);
}

void api_colleges_create(api_ctx *c)
{
    static const char *const fields[] = {"name", "domains", NULL};
    json_t *b = api_body(c, fields);
    if (!b)
        return;
    cd_err e;
    const char *name = NULL;
    json_t *domains = json_object_get(b, "domains"), *clean = json_array();
    if (cd_json_str(b, "name", true, 2, CD_STORE_NAME_MAX, &name, &e))
        goto fail;
    if (!json_is_array(domains) || json_array_size(domains) < 1 || json_array_size(domains) > 20) {
        cd_err_set(&e, CD_EINVAL, "domains", "'domains' must be an array of 1 to 20 domains");
        goto fail;
    }
    size_t i;
    json_t *d;
    json_array_foreach(domains, i, d)
    {
        char probe[CD_EMAIL_MAX + 1], field[32];
        snprintf(field, sizeof field, "domains[%zu]", i);
        const char *dv = json_string_value(d);
        if (!dv || strlen(dv) > 200) {
            cd_err_set(&e, CD_EINVAL, field, "'%s' must be a domain name", field);
            goto fail;
        }
        /* Reuse the e-mail validator for the domain's syntax. */
        snprintf(probe, sizeof probe, "x@%s", dv);
        char norm[CD_EMAIL_MAX + 1];
        if (cd_email_normalize(probe, norm, &e)) {
            cd_err_set(&e, CD_EINVAL, field, "'%s' is not a valid domain", field);
            goto fail;
        }
        json_array_append_new(clean, json_string(cd_email_domain(norm)));
    }
    json_t *r = cd_store_college_create(c->app->store, name, clean, &e);
    if (!r)
        goto fail;
    json_decref(clean);
    json_decref(b);
    return api_ok(c, 201, r);
fail:
    json_decref(clean);
    json_decref(b);
    api_fail(c, &e);
}
