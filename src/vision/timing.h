/* timing.h - per-stage wall-clock timers of an analysis session (detect,
 * mesh, iris, emotion, pose, hands, objects, ...), cheap enough to stay on:
 * two clock reads per stage run.
 *
 * Plain data owned by the session; one thread. */
#ifndef CANDOR_VISION_TIMING_H
#define CANDOR_VISION_TIMING_H

#include <jansson.h>

typedef enum cd_vision_stage {
    CD_STAGE_DETECT, /* face detector */
    CD_STAGE_MESH,   /* face mesh (tracking and after detection) */
    CD_STAGE_IRIS,   /* both eyes */
    CD_STAGE_EMOTION,
    CD_STAGE_POSE_DETECT, /* BlazePose detector (only when no body is tracked) */
    CD_STAGE_POSE,        /* BlazePose landmarks */
    CD_STAGE_HANDS,       /* hand landmarks, per model run (up to 2 per pose run) */
    CD_STAGE_OBJECTS,     /* CenterNet */
    CD_STAGE_IDENTITY,    /* faceres + antispoof + liveness */
    CD_STAGE_OTHER,       /* crops-free bookkeeping: quality, metrics, report */
    CD_STAGE_COUNT
} cd_vision_stage;

typedef struct cd_vision_timings {
    long long ns[CD_STAGE_COUNT];
    long calls[CD_STAGE_COUNT];
    long long frame_ns; /* whole cd_vision_process calls */
    long frames;
} cd_vision_timings;

const char *cd_vision_stage_name(cd_vision_stage st);
/* {"frames": N, "ms_per_frame": total, "stages": {name: {"calls", "ms_per_call",
 * "ms_per_frame"}}} - per frame = stage total / frames analysed. */
json_t *cd_vision_timings_json(const cd_vision_timings *t);

#endif
