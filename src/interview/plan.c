/* plan.c - interview plans: mix, difficulty ramp, no repeats. */
#include "interview/plan.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "interview/bank.h"

int cd_plan_target_rank(int level, int i, int n)
{
    /* A ramp two steps wide centred on the chosen level: easy 0..1,
     * medium 0..2, hard 1..2 (clamped). */
    double lo = level == 0 ? 0 : level - 1, hi = level == 2 ? 2 : level + 1;
    if (level == 0)
        hi = 1;
    double t = n > 1 ? (double)i / (n - 1) : 0.5;
    int r = (int)lround(lo + t * (hi - lo));
    return r < 0 ? 0 : r > 2 ? 2 : r;
}

int cd_plan_behavioural_count(const char *role, int n)
{
    double share = strcmp(role, "hr") == 0 ? 0.5 : 0.3;
    int b = (int)floor(share * n + 0.5);
    if (b < 1 && n >= 3)
        b = 1;
    return b > n ? n : b;
}

static unsigned long long next_rand(unsigned long long *s)
{
    /* xorshift64*: plenty for shuffling questions; not for secrets. */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static bool contains_id(json_t *ids, json_int_t id)
{
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) if (json_integer_value(v) == id) return true;
    return false;
}

/* Picks from pool the question nearest to `rank`, preferring ones not used
 * and not recent; random among equals. Returns NULL when all are used. */
static json_t *pick(json_t *pool, int rank, json_t *used, json_t *recent, unsigned long long *rng)
{
    json_t *best = NULL;
    long best_cost = 1L << 30;
    unsigned long long best_tie = 0;
    size_t i;
    json_t *q;
    json_array_foreach(pool, i, q)
    {
        json_int_t id = json_integer_value(json_object_get(q, "id"));
        if (contains_id(used, id))
            continue;
        int r = cd_difficulty_rank(json_string_value(json_object_get(q, "difficulty")));
        long cost = (long)abs(r - rank) * 10 + (recent && contains_id(recent, id) ? 100 : 0);
        unsigned long long tie = next_rand(rng);
        if (!best || cost < best_cost || (cost == best_cost && tie < best_tie)) {
            best = q;
            best_cost = cost;
            best_tie = tie;
        }
    }
    return best;
}

json_t *cd_plan_interview(const char *role, const char *difficulty, int length,
                          json_t *primary_pool, json_t *behavioural_pool, json_t *recent_ids,
                          unsigned long long seed, cd_err *err)
{
    int level = cd_difficulty_rank(difficulty);
    if (level < 0) {
        cd_err_set(err, CD_EINVAL, "difficulty", "unknown difficulty '%s'", difficulty);
        return NULL;
    }
    if (length < CD_PLAN_MIN_LENGTH || length > CD_PLAN_MAX_LENGTH) {
        cd_err_set(err, CD_EINVAL, "length", "length must be %d to %d", CD_PLAN_MIN_LENGTH,
                   CD_PLAN_MAX_LENGTH);
        return NULL;
    }
    size_t have = json_array_size(primary_pool) + json_array_size(behavioural_pool);
    if (have < (size_t)length) {
        cd_err_set(err, CD_EUNPROCESSABLE, "length",
                   "the bank has only %zu active questions for %s; choose a shorter interview",
                   have, role);
        return NULL;
    }
    int nb = cd_plan_behavioural_count(role, length);
    unsigned long long rng = seed ? seed : 0x9E3779B97F4A7C15ULL;
    json_t *plan = json_array(), *used = json_array();
    for (int i = 0; i < length; i++) {
        /* Spread the behavioural questions evenly through the interview. */
        bool behavioural = false;
        for (int k = 0; k < nb; k++)
            if ((int)floor((k + 0.5) * length / nb) == i)
                behavioural = true;
        int rank = cd_plan_target_rank(level, i, length);
        json_t *q =
            pick(behavioural ? behavioural_pool : primary_pool, rank, used, recent_ids, &rng);
        if (!q) /* that pool ran dry: take from the other */
            q = pick(behavioural ? primary_pool : behavioural_pool, rank, used, recent_ids, &rng);
        if (!q)
            break;
        json_array_append(plan, q);
        json_array_append_new(used, json_integer(json_integer_value(json_object_get(q, "id"))));
    }
    json_decref(used);
    return plan;
}
