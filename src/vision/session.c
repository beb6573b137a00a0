/* session.c - per-frame analysis: tracking, per-face models, signals.
 *
 * Tracking follows MediaPipe: a face found on one frame is looked for on
 * the next inside the crop its mesh implies; only when no face is tracked
 * (or every detect_every_s, to notice a second person) does the detector
 * run. A track whose mesh confidence drops below TRACK_MIN_SCORE is lost. */
#include "vision/vision.h"

#include "base/fs.h"
#include "vision/body_track.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TRACK_MIN_SCORE 0.5f
#define EMOTION_TAU_S 1.0     /* expression smoothing time constant */
#define EAR_CLOSED_RATIO 0.7f /* closed when EAR < this x the open-eye baseline */
#define EAR_CLOSED_ABS 0.16f
#define BLINK_MAX_S 0.7     /* closed longer than this is not a blink */
#define BLINK_MAX_YAW 30.0f /* EAR is unreliable on a turned head */
#define SMILE_HAPPY 0.5f
#define MOTION_MAX_GAP_S 1.0
#define OBJECT_MIN_SCORE 0.35f

struct cd_vision_session {
    const cd_vision_models *models;
    cd_vision_config cfg;
    cd_model_runner run[CD_VM_COUNT];
    cd_face tracks[CD_VISION_MAX_FACES];
    int n_tracks;
    double last_detect_t, last_objects_t, last_identity_t;
    cd_object objects[CD_OBJECTS_MAX];
    int n_objects, persons, phone;
    /* smoothing and state machines */
    int started;
    double prev_t, first_t;
    float emo[CD_EMOTIONS];
    int emo_init;
    float ear_baseline;
    int eyes_closed;
    double closed_since;
    int has_prev_nose;
    cd_point3 prev_nose;
    /* calibration */
    int calibrated, manual_calibration;
    double cal_yaw, cal_pitch;
    int cal_n;
    /* identity */
    int has_ref;
    float *ref, *emb;
    float id_dist, real_score, live_score;
    /* body pose, hands, posture */
    cd_body_tracker body;
    cd_vision_timings tm;
    /* timeline */
    cd_vision_sample *samples;
    size_t n_samples, cap_samples;
};

void cd_vision_config_default(cd_vision_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->calibration_s = 0;
    cfg->eye_contact_deg = 12.0f;
    cfg->look_away_s = 3.0;
    cfg->detect_score = 0.5f;
    cfg->detect_every_s = 1.0;
    cfg->objects_every_s = 2.0;
    cfg->identity_every_s = 5.0;
    cfg->identity_threshold = 0.35f; /* docs/vision.md: strangers >= 0.36, same face <= 0.13 */
    cfg->pose_every_s = 0.2;
    cfg->posture_baseline_s = 3.0;
    cfg->pose_score = 0.5f;
}

static long long tic(void)
{
    return cd_now_ns();
}

static void toc(cd_vision_session *s, cd_vision_stage st, long long t0)
{
    s->tm.ns[st] += cd_now_ns() - t0;
    s->tm.calls[st]++;
}

cd_vision_session *cd_vision_session_new(const cd_vision_models *models,
                                         const cd_vision_config *cfg, cd_err *err)
{
    cd_vision_session *s = calloc(1, sizeof *s);
    if (!s) {
        cd_err_set(err, CD_EINTERNAL, "vision", "out of memory");
        return NULL;
    }
    s->models = models;
    if (cfg)
        s->cfg = *cfg;
    else
        cd_vision_config_default(&s->cfg);
    s->persons = s->phone = -1;
    s->id_dist = s->real_score = s->live_score = -1;
    for (int id = 0; id < CD_VM_COUNT; id++) {
        if (!models->m[id])
            continue;
        s->run[id].model = models->m[id];
        s->run[id].session = cd_vision_model_session(models, (cd_vision_model_id)id, err);
        if (!s->run[id].session) {
            cd_vision_session_free(s);
            return NULL;
        }
    }
    if (!s->run[CD_VM_FACE_DETECT].session || !s->run[CD_VM_FACE_MESH].session) {
        cd_err_set(err, CD_EINVAL, "models", "face detector and face mesh models are required");
        cd_vision_session_free(s);
        return NULL;
    }
    return s;
}

void cd_vision_session_free(cd_vision_session *s)
{
    if (!s)
        return;
    for (int id = 0; id < CD_VM_COUNT; id++)
        cd_nn_session_free(s->run[id].session);
    free(s->ref);
    free(s->emb);
    free(s->samples);
    free(s);
}

void cd_vision_set_calibration(cd_vision_session *s, float yaw, float pitch)
{
    s->calibrated = s->manual_calibration = 1;
    s->cal_yaw = yaw;
    s->cal_pitch = pitch;
}

int cd_vision_get_calibration(const cd_vision_session *s, float *yaw, float *pitch)
{
    if (!s->calibrated)
        return 0;
    *yaw = (float)s->cal_yaw;
    *pitch = (float)s->cal_pitch;
    return 1;
}

const cd_vision_config *cd_vision_session_config(const cd_vision_session *s)
{
    return &s->cfg;
}

size_t cd_vision_timeline(const cd_vision_session *s, const cd_vision_sample **samples)
{
    *samples = s->samples;
    return s->n_samples;
}

int cd_vision_last_objects(const cd_vision_session *s, const cd_object **objs)
{
    *objs = s->objects;
    return s->n_objects;
}

const cd_body *cd_vision_last_body(const cd_vision_session *s)
{
    return s->body.has_body ? &s->body.body : NULL;
}

int cd_vision_last_hands(const cd_vision_session *s, const cd_hand **hands)
{
    /* both slots are kept in order; report the found ones only */
    static const cd_hand none[1];
    int n = s->body.hand_ok[0] + s->body.hand_ok[1];
    *hands = n == 1 && !s->body.hand_ok[0] ? &s->body.hands[1] : n ? s->body.hands : none;
    return n;
}

const cd_vision_timings *cd_vision_session_timings(const cd_vision_session *s)
{
    return &s->tm;
}

static float box_area(const cd_face *f)
{
    return (f->x1 - f->x0) * (f->y1 - f->y0);
}

static int inside_track(const cd_vision_session *s, float x, float y)
{
    for (int i = 0; i < s->n_tracks; i++) {
        const cd_face *f = &s->tracks[i];
        if (x >= f->x0 && x <= f->x1 && y >= f->y0 && y <= f->y1)
            return 1;
    }
    return 0;
}

static int by_area_desc(const void *a, const void *b)
{
    float da = box_area(a), db = box_area(b);
    return (da < db) - (da > db);
}

/* Re-finds every tracked face in its mesh-derived crop; drops lost ones. */
static int track_faces(cd_vision_session *s, const cd_rgb_image *frame, cd_err *err)
{
    int kept = 0;
    for (int i = 0; i < s->n_tracks; i++) {
        cd_roi roi = cd_face_roi_from_mesh(s->tracks[i].mesh);
        cd_face f;
        memset(&f, 0, sizeof f);
        long long t0 = tic();
        int rc = cd_face_mesh_run(&s->run[CD_VM_FACE_MESH], frame, &roi, &f, err);
        toc(s, CD_STAGE_MESH, t0);
        if (rc)
            return -1;
        if (f.score >= TRACK_MIN_SCORE)
            s->tracks[kept++] = f;
    }
    s->n_tracks = kept;
    return 0;
}

static int detect_faces(cd_vision_session *s, const cd_rgb_image *frame, cd_err *err)
{
    cd_face_detection dets[CD_FACE_MAX_DETECTIONS];
    long long t0 = tic();
    int n = cd_face_detect(&s->run[CD_VM_FACE_DETECT], frame, s->cfg.detect_score, dets,
                           CD_FACE_MAX_DETECTIONS, err);
    toc(s, CD_STAGE_DETECT, t0);
    if (n < 0)
        return -1;
    for (int i = 0; i < n && s->n_tracks < CD_VISION_MAX_FACES; i++) {
        float cx = (dets[i].x0 + dets[i].x1) * 0.5f, cy = (dets[i].y0 + dets[i].y1) * 0.5f;
        if (inside_track(s, cx, cy))
            continue; /* already tracked */
        cd_roi roi = cd_face_roi_from_detection(&dets[i]);
        cd_face *f = &s->tracks[s->n_tracks];
        memset(f, 0, sizeof *f);
        t0 = tic();
        int rc = cd_face_mesh_run(&s->run[CD_VM_FACE_MESH], frame, &roi, f, err);
        toc(s, CD_STAGE_MESH, t0);
        if (rc)
            return -1;
        if (f->score >= TRACK_MIN_SCORE)
            s->n_tracks++;
    }
    return 0;
}

static void update_expression(cd_vision_session *s, const cd_face *f, double dt,
                              cd_vision_sample *smp)
{
    if (!f->has_emotion) {
        smp->expression = -1;
        return;
    }
    float alpha = s->emo_init && !s->cfg.still ? (float)(1.0 - exp(-dt / EMOTION_TAU_S)) : 1.0f;
    for (int k = 0; k < CD_EMOTIONS; k++)
        s->emo[k] += alpha * (f->emotion[k] - s->emo[k]);
    s->emo_init = 1;
    int best = 0;
    for (int k = 1; k < CD_EMOTIONS; k++)
        if (s->emo[k] > s->emo[best])
            best = k;
    smp->expression = best;
    smp->expression_score = s->emo[best];
    smp->happy = s->emo[3];
    smp->smiling = s->emo[3] >= SMILE_HAPPY;
}

static void update_eyes(cd_vision_session *s, const cd_face *f, double t, cd_vision_sample *smp)
{
    float ear = 0.5f * (cd_eye_aspect_ratio(f->mesh, 0) + cd_eye_aspect_ratio(f->mesh, 1));
    smp->ear = ear;
    if (fabsf(smp->yaw) > BLINK_MAX_YAW)
        return;
    if (s->ear_baseline <= 0)
        s->ear_baseline = ear;
    float limit = fmaxf(EAR_CLOSED_ABS, EAR_CLOSED_RATIO * s->ear_baseline);
    int closed = ear < limit;
    if (!closed && ear > 0.8f * s->ear_baseline)
        s->ear_baseline += 0.1f * (ear - s->ear_baseline); /* learn the open eye */
    if (closed && !s->eyes_closed)
        s->closed_since = t;
    if (!closed && s->eyes_closed && t - s->closed_since <= BLINK_MAX_S)
        smp->blink = 1;
    s->eyes_closed = closed;
    smp->eyes_closed = closed;
}

static void update_gaze(cd_vision_session *s, const cd_face *f, double t, cd_vision_sample *smp)
{
    cd_head_pose pose = {smp->yaw, smp->pitch, smp->roll};
    cd_gaze g = cd_gaze_estimate(f, pose);
    if (!f->has_iris || smp->eyes_closed)
        return;
    smp->has_gaze = 1;
    if (!s->manual_calibration && s->cfg.calibration_s > 0 &&
        t - s->first_t <= s->cfg.calibration_s) {
        /* running mean over the calibration window */
        s->cal_n++;
        s->cal_yaw += (g.yaw - s->cal_yaw) / s->cal_n;
        s->cal_pitch += (g.pitch - s->cal_pitch) / s->cal_n;
        s->calibrated = 1;
    }
    smp->gaze_yaw = g.yaw - (float)s->cal_yaw;
    smp->gaze_pitch = g.pitch - (float)s->cal_pitch;
    smp->eye_contact = fabsf(smp->gaze_yaw) <= s->cfg.eye_contact_deg &&
                       fabsf(smp->gaze_pitch) <= s->cfg.eye_contact_deg;
}

/* Identity and liveness run every identity_every_s, and on every frame
 * until a reference embedding is taken (a face good enough for it). */
static int identity_due(const cd_vision_session *s, double t)
{
    if (!s->run[CD_VM_FACERES].session && !s->run[CD_VM_ANTISPOOF].session &&
        !s->run[CD_VM_LIVENESS].session)
        return 0;
    int waiting_for_ref = s->run[CD_VM_FACERES].session && !s->has_ref;
    return !s->started || waiting_for_ref || t - s->last_identity_t >= s->cfg.identity_every_s;
}

static int update_identity(cd_vision_session *s, const cd_rgb_image *frame, const cd_face *f,
                           double t, cd_err *err)
{
    s->last_identity_t = t;
    if (s->run[CD_VM_FACERES].session && f->score >= 0.8f) {
        if (!s->ref)
            s->ref = malloc(sizeof(float) * CD_EMBEDDING_DIM);
        if (!s->emb)
            s->emb = malloc(sizeof(float) * CD_EMBEDDING_DIM);
        if (!s->ref || !s->emb)
            return cd_err_set(err, CD_EINTERNAL, "vision", "out of memory");
        float *dst = s->has_ref ? s->emb : s->ref;
        if (cd_face_embed(&s->run[CD_VM_FACERES], frame, f, dst, err))
            return -1;
        if (s->has_ref) {
            double d = 0;
            for (int i = 0; i < CD_EMBEDDING_DIM; i++)
                d += (double)s->ref[i] * s->emb[i];
            s->id_dist = (float)(1.0 - d);
        } else {
            s->has_ref = 1;
            s->id_dist = 0;
        }
    }
    if (s->run[CD_VM_ANTISPOOF].session &&
        cd_face_real_score(&s->run[CD_VM_ANTISPOOF], frame, f, &s->real_score, err))
        return -1;
    if (s->run[CD_VM_LIVENESS].session &&
        cd_face_live_score(&s->run[CD_VM_LIVENESS], frame, f, &s->live_score, err))
        return -1;
    return 0;
}

static int append_sample(cd_vision_session *s, const cd_vision_sample *smp, cd_err *err)
{
    if (s->n_samples == s->cap_samples) {
        if (s->cap_samples >= CD_VISION_MAX_SAMPLES)
            return cd_err_set(err, CD_ETOOBIG, "video", "more than %d analysed frames; lower --fps",
                              CD_VISION_MAX_SAMPLES);
        size_t cap = s->cap_samples ? s->cap_samples * 2 : 256;
        cd_vision_sample *p = realloc(s->samples, cap * sizeof *p);
        if (!p)
            return cd_err_set(err, CD_EINTERNAL, "vision", "out of memory");
        s->samples = p;
        s->cap_samples = cap;
    }
    s->samples[s->n_samples++] = *smp;
    return 0;
}

/* Runs a model step under the stage timer; on failure returns its code. */
#define TIMED(stage, call)                                                                         \
    do {                                                                                           \
        long long t0_ = tic();                                                                     \
        int rc_ = (call);                                                                          \
        toc(s, (stage), t0_);                                                                      \
        if (rc_)                                                                                   \
            return err && err->code ? err->code : CD_EINTERNAL;                                    \
    } while (0)

static int run_objects(cd_vision_session *s, const cd_rgb_image *frame, double t, cd_err *err)
{
    if (!s->run[CD_VM_OBJECTS].session ||
        (s->started && t - s->last_objects_t < s->cfg.objects_every_s))
        return 0;
    long long t0 = tic();
    s->n_objects = cd_objects_detect(&s->run[CD_VM_OBJECTS], frame, OBJECT_MIN_SCORE, s->objects,
                                     CD_OBJECTS_MAX, err);
    toc(s, CD_STAGE_OBJECTS, t0);
    if (s->n_objects < 0) {
        s->n_objects = 0;
        return err && err->code ? err->code : CD_EINTERNAL;
    }
    s->last_objects_t = t;
    s->persons = s->phone = 0;
    for (int i = 0; i < s->n_objects; i++) {
        s->persons += s->objects[i].cls == CD_OBJECT_PERSON;
        s->phone |= s->objects[i].cls == CD_OBJECT_CELL_PHONE;
    }
    return 0;
}

static int analyse_face(cd_vision_session *s, const cd_rgb_image *frame, double t, double dt,
                        cd_vision_sample *smp, cd_err *err)
{
    cd_face *f = &s->tracks[0];
    smp->face = 1;
    smp->face_score = f->score;
    if (s->run[CD_VM_IRIS].session)
        TIMED(CD_STAGE_IRIS, cd_iris_run(&s->run[CD_VM_IRIS], frame, f, err));
    if (s->run[CD_VM_EMOTION].session)
        TIMED(CD_STAGE_EMOTION, cd_emotion_run(&s->run[CD_VM_EMOTION], frame, f, err));
    long long t0 = tic();
    cd_head_pose pose = cd_head_pose_from_mesh(f->mesh);
    smp->yaw = pose.yaw;
    smp->pitch = pose.pitch;
    smp->roll = pose.roll;
    update_eyes(s, f, t, smp);
    update_gaze(s, f, t, smp);
    update_expression(s, f, dt, smp);
    float face_w = f->x1 - f->x0;
    cd_point3 nose = f->mesh[CD_LM_NOSE_TIP];
    if (s->has_prev_nose && dt > 0 && dt <= MOTION_MAX_GAP_S && face_w > 0)
        smp->motion = hypotf(nose.x - s->prev_nose.x, nose.y - s->prev_nose.y) / face_w / (float)dt;
    s->prev_nose = nose;
    s->has_prev_nose = 1;
    float box[4] = {f->x0, f->y0, f->x1, f->y1};
    smp->quality = cd_frame_quality_measure(frame, box, &f->roi);
    toc(s, CD_STAGE_OTHER, t0);
    if (identity_due(s, t))
        TIMED(CD_STAGE_IDENTITY, update_identity(s, frame, f, t, err));
    return 0;
}

int cd_vision_process(cd_vision_session *s, const cd_rgb_image *frame, double t,
                      cd_vision_sample *sample, const cd_face **faces, int *n_faces, cd_err *err)
{
    long long frame_t0 = tic();
    cd_vision_sample smp;
    memset(&smp, 0, sizeof smp);
    smp.t = t;
    smp.expression = -1;
    double dt = s->started ? t - s->prev_t : 0;
    if (!s->started)
        s->first_t = t;

    if (s->cfg.still)
        s->n_tracks = 0;
    if (s->n_tracks && track_faces(s, frame, err))
        return err && err->code ? err->code : CD_EINTERNAL;
    if (!s->n_tracks || !s->started || t - s->last_detect_t >= s->cfg.detect_every_s) {
        if (detect_faces(s, frame, err))
            return err && err->code ? err->code : CD_EINTERNAL;
        s->last_detect_t = t;
        smp.detected = 1;
    }
    qsort(s->tracks, (size_t)s->n_tracks, sizeof s->tracks[0], by_area_desc);
    smp.faces = s->n_tracks;

    int rc = run_objects(s, frame, t, err);
    if (rc)
        return rc;
    smp.persons = s->persons;
    smp.phone = s->phone;

    if (s->n_tracks) {
        rc = analyse_face(s, frame, t, dt, &smp, err);
        if (rc)
            return rc;
    } else {
        s->has_prev_nose = 0;
        smp.quality = cd_frame_quality_measure(frame, NULL, NULL);
    }
    smp.identity_distance = s->id_dist;
    smp.real_score = s->real_score;
    smp.live_score = s->live_score;

    cd_body_runners br = {&s->run[CD_VM_POSE_DETECT], &s->run[CD_VM_POSE], &s->run[CD_VM_HAND]};
    rc = cd_body_track(&s->body, &br, &s->cfg, &s->tm, frame, t, s->n_tracks ? &s->tracks[0] : NULL,
                       &smp, err);
    if (rc)
        return rc;

    s->started = 1;
    s->prev_t = t;
    rc = append_sample(s, &smp, err);
    if (rc)
        return rc;
    s->tm.frame_ns += cd_now_ns() - frame_t0;
    s->tm.frames++;
    if (sample)
        *sample = smp;
    if (faces)
        *faces = s->tracks;
    if (n_faces)
        *n_faces = s->n_tracks;
    return 0;
}
