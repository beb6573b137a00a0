/* body_track.c - pose and hand tracking and the body signals of a frame. */
#include "vision/body_track.h"

#include <math.h>
#include <string.h>

#include "base/fs.h"

#define POSE_TRACK_MIN_SCORE 0.5f /* landmark model's presence flag: below, the track is lost */
#define POSE_ROI_KEEP 0.5f        /* share of the previous crop kept when the new one is close */
#define HAND_TRACK_MAX_GAP_S 1.0  /* re-seed hands from the pose after a longer gap */
#define MOTION_MAX_GAP_S 1.0
#define FACE_BOX_HOLD_S 1.0       /* a face lost this recently may be hidden by a hand */
#define GESTURE_MOTION 0.3f       /* shoulder widths per second: a hand gesture, not a twitch */
#define MOUTH_CHANGE 0.04f        /* opening change between samples that counts as moving */
#define TALK_HOLD_S 1.0           /* talking until the mouth has been still this long */
#define CLOSE_FACE_FRACTION 0.55f /* face height / frame height: too close without shoulders */
#define TOUCH_POSE_POINTS 2 /* pose hand points (pinky/index/thumb) on the face, no hand model */

static long long tic(void)
{
    return cd_now_ns();
}

static void toc(cd_vision_timings *tm, cd_vision_stage st, long long t0)
{
    tm->ns[st] += cd_now_ns() - t0;
    tm->calls[st]++;
}

static int run_pose(cd_body_tracker *bt, const cd_body_runners *r, cd_vision_timings *tm,
                    const cd_rgb_image *frame, const cd_roi *roi, cd_err *err)
{
    long long t0 = tic();
    int rc = cd_pose_landmarks_run(r->pose, frame, roi, &bt->body, err);
    toc(tm, CD_STAGE_POSE, t0);
    if (rc)
        return rc;
    bt->has_body = bt->body.score >= POSE_TRACK_MIN_SCORE;
    return 0;
}

/* The crop a face implies (its box and eye-line roll). */
static cd_roi roi_from_face(const cd_face *f)
{
    const cd_point3 *a = &f->mesh[CD_LM_R_EYE_OUTER], *b = &f->mesh[CD_LM_L_EYE_OUTER];
    return cd_pose_roi_from_face(f->x0, f->y0, f->x1, f->y1, atan2f(b->y - a->y, b->x - a->x));
}

/* The detector's box is the person's face: does it belong to `face`? */
static int detection_is_face(const cd_pose_detection *d, const cd_face *face)
{
    float cx = (d->x0 + d->x1) * 0.5f, cy = (d->y0 + d->y1) * 0.5f;
    return cx >= face->x0 && cx <= face->x1 && cy >= face->y0 && cy <= face->y1;
}

/* Tracks the body from its last landmarks; when lost, the detector finds
 * it again. The body wanted is the primary face's: a detection of someone
 * else, or none, falls back to the crop the face implies. */
static int track_pose(cd_body_tracker *bt, const cd_body_runners *r, const cd_vision_config *cfg,
                      cd_vision_timings *tm, const cd_rgb_image *frame, const cd_face *face,
                      cd_err *err)
{
    if (bt->has_body && !cfg->still) {
        cd_roi roi = cd_pose_roi_from_alignment(bt->body.align[0].x, bt->body.align[0].y,
                                                bt->body.align[1].x, bt->body.align[1].y);
        int rc = run_pose(bt, r, tm, frame, &roi, err);
        if (rc || bt->has_body)
            return rc;
    }
    cd_pose_detection d;
    long long t0 = tic();
    int found = cd_pose_detect(r->detect, frame, cfg->pose_score, &d, err);
    toc(tm, CD_STAGE_POSE_DETECT, t0);
    if (found < 0)
        return err && err->code ? err->code : CD_EINTERNAL;
    bt->has_body = 0;
    if (found && (!face || detection_is_face(&d, face))) {
        cd_roi roi = cd_pose_roi_from_alignment(d.kp[0][0], d.kp[0][1], d.kp[1][0], d.kp[1][1]);
        int rc = run_pose(bt, r, tm, frame, &roi, err);
        if (rc || bt->has_body)
            return rc;
    }
    if (!face)
        return 0;
    cd_roi roi = roi_from_face(face);
    return run_pose(bt, r, tm, frame, &roi, err);
}

static int track_hands(cd_body_tracker *bt, const cd_body_runners *r, const cd_vision_config *cfg,
                       cd_vision_timings *tm, double t, const cd_rgb_image *frame, cd_err *err)
{
    int recent = !cfg->still && t - bt->last_pose_t <= HAND_TRACK_MAX_GAP_S;
    for (int side = 0; side < 2; side++) {
        /* first the crop the hand's own landmarks imply, then the pose's */
        cd_roi rois[2];
        int n = 0;
        if (bt->hand_ok[side] && recent)
            rois[n++] = cd_hand_roi_from_landmarks(bt->hands[side].pts);
        if (bt->has_body &&
            cd_hand_roi_from_pose(&bt->body, side, frame->width, frame->height, &rois[n]))
            n++;
        bt->hand_ok[side] = 0;
        for (int i = 0; i < n; i++) {
            cd_hand h;
            h.side = side;
            long long t0 = tic();
            int rc = cd_hand_landmarks_run(r->hand, frame, &rois[i], &h, err);
            toc(tm, CD_STAGE_HANDS, t0); /* per hand model run */
            if (rc)
                return rc;
            if (h.score >= CD_HAND_MIN_SCORE) {
                bt->hands[side] = h;
                bt->hand_ok[side] = 1;
                break;
            }
        }
    }
    return 0;
}

/* Reference point of a hand for motion: its landmarks' centre; without the
 * hand model, the pose wrist when visible. (With it, the pose wrist is not
 * trusted alone: with the hands below the picture the pose still places
 * wrists at its bottom edge with high visibility, where the hand model
 * finds nothing.) */
static int hand_point(const cd_body_tracker *bt, int side, const cd_rgb_image *frame,
                      int have_hand_model, float *x, float *y)
{
    if (bt->hand_ok[side]) {
        float sx = 0, sy = 0;
        for (int k = 0; k < CD_HAND_POINTS; k++) {
            sx += bt->hands[side].pts[k].x;
            sy += bt->hands[side].pts[k].y;
        }
        *x = sx / CD_HAND_POINTS;
        *y = sy / CD_HAND_POINTS;
        return 1;
    }
    int w = side ? CD_KP_R_WRIST : CD_KP_L_WRIST;
    if (!have_hand_model && bt->has_body &&
        cd_body_point_ok(&bt->body, w, frame->width, frame->height)) {
        *x = bt->body.kp[w].x;
        *y = bt->body.kp[w].y;
        return 1;
    }
    return 0;
}

/* A hand over the face often makes the face mesh lose it: then the face's
 * last box (seen within FACE_BOX_HOLD_S) stands in. */
static int touching(cd_body_tracker *bt, const cd_face *face, double t, int have_hand_model)
{
    if (face) {
        bt->face_box[0] = face->x0, bt->face_box[1] = face->y0;
        bt->face_box[2] = face->x1, bt->face_box[3] = face->y1;
        bt->face_t = t;
        bt->has_face_box = 1;
    } else if (!bt->has_face_box || t - bt->face_t > FACE_BOX_HOLD_S) {
        return 0;
    }
    const float *box = bt->face_box;
    for (int side = 0; side < 2; side++)
        if (bt->hand_ok[side] &&
            cd_hand_points_on_face(&bt->hands[side], box) >= CD_FACE_TOUCH_POINTS)
            return 1;
    if (have_hand_model || !bt->has_body)
        return 0;
    /* no hand model: the pose's own finger points */
    int n = 0;
    for (int k = CD_KP_L_PINKY; k <= CD_KP_R_THUMB; k++) {
        const cd_point3 *p = &bt->body.kp[k];
        n += bt->body.visibility[k] >= 0.5f && p->x >= box[0] && p->x <= box[2] && p->y >= box[1] &&
             p->y <= box[3];
    }
    return n >= TOUCH_POSE_POINTS;
}

static void body_signals(cd_body_tracker *bt, const cd_vision_config *cfg,
                         const cd_rgb_image *frame, double t, const cd_face *face,
                         int have_hand_model, cd_vision_sample *smp)
{
    int W = frame->width, H = frame->height;
    smp->body = bt->has_body;
    smp->body_score = bt->has_body ? bt->body.score : 0;
    cd_posture raw = {0};
    if (bt->has_body)
        raw = cd_posture_measure(&bt->body, W, H);
    cd_posture_smooth(&bt->posture, &raw, cfg->still ? 0 : t - bt->last_pose_t,
                      CD_POSTURE_SMOOTH_S);
    cd_posture p = bt->posture;
    double base_s = fmax(cfg->posture_baseline_s, cfg->calibration_s);
    if (p.valid && !cfg->still && t - bt->first_t <= base_s)
        cd_posture_baseline_add(&bt->base, &p);
    smp->posture = p.valid;
    smp->neck_rel = 1;
    if (p.valid) {
        smp->shoulder_tilt = p.shoulder_tilt_deg;
        smp->lean = p.lean_deg;
        smp->lean_from_torso = p.lean_from_torso;
        smp->shoulder_width = p.shoulder_width;
        smp->centre_offset = p.centre_offset;
        smp->shoulders_tilted = fabsf(p.shoulder_tilt_deg) > CD_POSTURE_TILT_DEG;
        smp->leaning = fabsf(p.lean_deg) > CD_POSTURE_LEAN_DEG;
        smp->too_close = p.shoulder_width > CD_POSTURE_TOO_CLOSE;
        smp->too_far = p.shoulder_width < CD_POSTURE_TOO_FAR;
        smp->off_centre = fabsf(p.centre_offset) > CD_POSTURE_OFF_CENTRE;
        if (t - bt->first_t > base_s) {
            cd_posture_slouch(&bt->base, &p, W, H, &smp->slouch_drop, &smp->neck_rel);
            smp->slouching = bt->base.n > 0 && (smp->slouch_drop > CD_POSTURE_SLOUCH_DROP ||
                                                smp->neck_rel < CD_POSTURE_SLOUCH_NECK);
        }
    } else if (face && (face->y1 - face->y0) > CLOSE_FACE_FRACTION * (float)H) {
        smp->too_close = 1; /* the face fills the picture, the shoulders are out of it */
    }
    /* hands */
    float scale = p.valid ? p.shoulder_width * (float)W
                  : face  ? 2.0f * (face->x1 - face->x0)
                          : 0.3f * (float)W;
    float motion = 0;
    int visible = 0;
    double dt = t - bt->prev_t;
    for (int side = 0; side < 2; side++) {
        float x = 0, y = 0;
        int ok = hand_point(bt, side, frame, have_hand_model, &x, &y);
        visible += ok;
        if (ok && bt->has_prev[side] && dt > 0 && dt <= MOTION_MAX_GAP_S && scale > 0)
            motion = fmaxf(motion, hypotf(x - bt->prev[side][0], y - bt->prev[side][1]) / scale /
                                       (float)dt);
        bt->has_prev[side] = ok;
        bt->prev[side][0] = x;
        bt->prev[side][1] = y;
    }
    bt->prev_t = t;
    smp->hands_visible = visible;
    smp->hand_motion = motion;
    smp->gesturing = visible && motion >= GESTURE_MOTION;
    smp->touching_face = touching(bt, face, t, have_hand_model);
}

/* Talking proxy from the mouth (every frame with a face). */
static void update_talking(cd_body_tracker *bt, double t, const cd_face *face,
                           cd_vision_sample *smp)
{
    if (!face) {
        bt->has_mouth = 0;
        return;
    }
    float m = cd_mouth_opening(face->mesh);
    if (bt->has_mouth && fabsf(m - bt->mouth) >= MOUTH_CHANGE) {
        bt->mouth_change_t = t;
        bt->mouth_moved = 1;
    }
    smp->talking = bt->mouth_moved && t - bt->mouth_change_t <= TALK_HOLD_S;
    bt->mouth = m;
    bt->has_mouth = 1;
}

int cd_body_track(cd_body_tracker *bt, const cd_body_runners *r, const cd_vision_config *cfg,
                  cd_vision_timings *tm, const cd_rgb_image *frame, double t, const cd_face *face,
                  cd_vision_sample *smp, cd_err *err)
{
    if (!bt->started)
        bt->first_t = t;
    update_talking(bt, t, face, smp);
    int have_pose = r->detect && r->detect->session && r->pose && r->pose->session;
    int due = !bt->started || cfg->still || t - bt->last_pose_t >= cfg->pose_every_s - 1e-6;
    if (have_pose && due) {
        if (track_pose(bt, r, cfg, tm, frame, face, err))
            return err ? err->code : CD_EINTERNAL;
        int have_hand = r->hand && r->hand->session;
        if (have_hand && track_hands(bt, r, cfg, tm, t, frame, err))
            return err && err->code ? err->code : CD_EINTERNAL;
        body_signals(bt, cfg, frame, t, face, have_hand, smp);
        smp->pose_ran = 1;
        bt->last_pose_t = t;
        bt->last = *smp;
    } else if (have_pose && bt->started) {
        /* carry the last pose run's body fields */
        const cd_vision_sample *l = &bt->last;
        smp->body = l->body;
        smp->body_score = l->body_score;
        smp->posture = l->posture;
        smp->shoulder_tilt = l->shoulder_tilt;
        smp->lean = l->lean;
        smp->lean_from_torso = l->lean_from_torso;
        smp->shoulder_width = l->shoulder_width;
        smp->centre_offset = l->centre_offset;
        smp->slouch_drop = l->slouch_drop;
        smp->neck_rel = l->neck_rel;
        smp->slouching = l->slouching;
        smp->leaning = l->leaning;
        smp->shoulders_tilted = l->shoulders_tilted;
        smp->too_close = l->too_close;
        smp->too_far = l->too_far;
        smp->off_centre = l->off_centre;
        smp->hands_visible = l->hands_visible;
        smp->hand_motion = l->hand_motion;
        smp->touching_face = l->touching_face;
        smp->gesturing = l->gesturing;
    }
    smp->fidget = smp->motion + (smp->talking ? 0 : smp->hand_motion);
    bt->started = 1;
    return 0;
}
