/* timing.c - names and JSON of the per-stage timers. */
#include "vision/timing.h"

#include <math.h>

static const char *const names[CD_STAGE_COUNT] = {
    "detect", "mesh",  "iris",    "emotion",  "pose_detect",
    "pose",   "hands", "objects", "identity", "other",
};

const char *cd_vision_stage_name(cd_vision_stage st)
{
    return st < CD_STAGE_COUNT ? names[st] : "?";
}

static double ms(long long ns, long n)
{
    return n > 0 ? round((double)ns / 1e6 / (double)n * 1000.0) / 1000.0 : 0;
}

json_t *cd_vision_timings_json(const cd_vision_timings *t)
{
    json_t *stages = json_object();
    for (int i = 0; i < CD_STAGE_COUNT; i++) {
        if (!t->calls[i])
            continue;
        json_object_set_new(stages, names[i],
                            json_pack("{s:I, s:f, s:f}", "calls", (json_int_t)t->calls[i],
                                      "ms_per_call", ms(t->ns[i], t->calls[i]), "ms_per_frame",
                                      ms(t->ns[i], t->frames)));
    }
    return json_pack("{s:I, s:f, s:o}", "frames", (json_int_t)t->frames, "ms_per_frame",
                     ms(t->frame_ns, t->frames), "stages", stages);
}
