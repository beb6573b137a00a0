/* report.c - the clip summary with evidence, and JSON encoding.
 *
 * Each frame stands for the time until the next one (the last for the
 * median spacing), so percentages are of time, not of frame counts, and
 * sampling at a different --fps gives comparable figures. */
#include "vision/vision.h"

#include <math.h>
#include <stdlib.h>

#define MAX_RANGES 64
#define HIGH_BLINK_RATE 35.0 /* per minute; typical at rest is 10-20 */
#define LOW_BLINK_RATE 4.0
#define FIDGET_MOTION 0.35f /* face widths per second */
#define LOW_EYE_CONTACT 0.5
#define QUALITY_SHARE 0.3 /* a quality issue worth reporting */
#define POSTURE_SHARE 0.3 /* a posture issue held this share of the time */
#define POSTURE_MIN_S 2.0 /* evidence ranges of posture issues */
#define FACE_TOUCH_MIN_S 0.5
#define GESTURE_GOOD_SHARE 0.15 /* of talking time */
#define HANDS_HIDDEN_SHARE 0.9

static double rnd(double v, double unit)
{
    return round(v / unit) * unit;
}

static double frame_span(const cd_vision_sample *s, size_t n, size_t i, double typical)
{
    if (i + 1 < n) {
        double d = s[i + 1].t - s[i].t;
        return d > 0 ? d : 0;
    }
    return typical;
}

static double typical_spacing(const cd_vision_sample *s, size_t n)
{
    if (n < 2)
        return 0;
    /* median of the first few gaps is robust enough and O(1) */
    double gaps[15];
    size_t k = 0;
    for (size_t i = 1; i < n && k < 15; i++)
        gaps[k++] = s[i].t - s[i - 1].t;
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && gaps[j] < gaps[j - 1]; j--) {
            double tmp = gaps[j];
            gaps[j] = gaps[j - 1];
            gaps[j - 1] = tmp;
        }
    return gaps[k / 2] > 0 ? gaps[k / 2] : 0;
}

int cd_vision_ranges(const cd_vision_sample *samples, size_t n,
                     int (*pred)(const cd_vision_sample *), double min_s, double ranges[][2],
                     int max)
{
    double typical = typical_spacing(samples, n);
    int count = 0;
    size_t i = 0;
    while (i < n) {
        if (!pred(&samples[i])) {
            i++;
            continue;
        }
        double start = samples[i].t;
        while (i < n && pred(&samples[i]))
            i++;
        double end = i < n ? samples[i].t : samples[n - 1].t + typical;
        if (end - start >= min_s && count < max) {
            ranges[count][0] = start;
            ranges[count][1] = end;
            count++;
        }
    }
    return count;
}

static int p_no_face(const cd_vision_sample *s)
{
    return !s->face;
}
static int p_multi(const cd_vision_sample *s)
{
    return s->faces > 1 || s->persons > 1;
}
static int p_away(const cd_vision_sample *s)
{
    return s->face && s->has_gaze && !s->eye_contact;
}
static int p_contact(const cd_vision_sample *s)
{
    return s->face && s->has_gaze && s->eye_contact;
}
static int p_phone(const cd_vision_sample *s)
{
    return s->phone > 0;
}
static int p_smile(const cd_vision_sample *s)
{
    return s->face && s->smiling;
}
static int p_fidget(const cd_vision_sample *s)
{
    return s->face && s->fidget > FIDGET_MOTION;
}
static int p_slouch(const cd_vision_sample *s)
{
    return s->posture && s->slouching;
}
static int p_lean(const cd_vision_sample *s)
{
    return s->posture && s->leaning;
}
static int p_tilt(const cd_vision_sample *s)
{
    return s->posture && s->shoulders_tilted;
}
static int p_close(const cd_vision_sample *s)
{
    return s->too_close;
}
static int p_far(const cd_vision_sample *s)
{
    return s->posture && s->too_far;
}
static int p_off_centre(const cd_vision_sample *s)
{
    return s->posture && s->off_centre;
}
static int p_touch(const cd_vision_sample *s)
{
    return s->touching_face;
}
static int p_gesture(const cd_vision_sample *s)
{
    return s->gesturing;
}
static int p_hands_hidden(const cd_vision_sample *s)
{
    return s->body && !s->hands_visible;
}
static int p_dark(const cd_vision_sample *s)
{
    return s->quality.too_dark;
}
static int p_backlit(const cd_vision_sample *s)
{
    return s->quality.backlit;
}
static int p_blurred(const cd_vision_sample *s)
{
    return s->quality.blurred;
}
static int p_small(const cd_vision_sample *s)
{
    return s->face && s->quality.face_too_small;
}
static int p_cut(const cd_vision_sample *s)
{
    return s->face && s->quality.face_cut_off;
}
static int p_blink(const cd_vision_sample *s)
{
    return s->blink;
}

static json_t *ranges_json(const cd_vision_sample *s, size_t n,
                           int (*pred)(const cd_vision_sample *), double min_s)
{
    double r[MAX_RANGES][2];
    int k = cd_vision_ranges(s, n, pred, min_s, r, MAX_RANGES);
    json_t *a = json_array();
    for (int i = 0; i < k; i++)
        json_array_append_new(a, json_pack("[ff]", rnd(r[i][0], 0.01), rnd(r[i][1], 0.01)));
    return a;
}

static void add_finding(json_t *findings, const char *id, const char *severity, const char *message,
                        json_t *evidence)
{
    json_array_append_new(findings, json_pack("{s:s, s:s, s:s, s:o}", "id", id, "severity",
                                              severity, "message", message, "evidence", evidence));
}

/* For findings about behaviour over time: without a single range long
 * enough to point at, the share came from scattered frames (landmark
 * jitter, one abrupt move) and is not reported. Takes evidence. */
static void add_supported_finding(json_t *findings, const char *id, const char *severity,
                                  const char *message, json_t *evidence)
{
    if (json_array_size(evidence) == 0) {
        json_decref(evidence);
        return;
    }
    add_finding(findings, id, severity, message, evidence);
}

/* Posture, hands, face touching and gestures: shares of the time the
 * body was tracked, findings with evidence. Nothing when no pose ran. */
static void summarize_body(const cd_vision_sample *s, size_t n, double typical, json_t *sum,
                           json_t *findings)
{
    double body_t = 0, post_t = 0, total = 0, tilt = 0, lean = 0, width = 0, off = 0;
    double slouch_t = 0, lean_t = 0, tilt_t = 0, close_t = 0, far_t = 0, off_t = 0;
    double hands_t = 0, gesture_t = 0, talk_t = 0, talk_gesture_t = 0, hand_motion = 0;
    int any_pose = 0;
    for (size_t i = 0; i < n; i++) {
        double w = n == 1 ? 1 : frame_span(s, n, i, typical);
        total += w;
        any_pose |= s[i].pose_ran;
        if (s[i].talking) {
            talk_t += w;
            talk_gesture_t += w * s[i].gesturing;
        }
        close_t += w * s[i].too_close;
        if (!s[i].body)
            continue;
        body_t += w;
        hands_t += w * (s[i].hands_visible > 0);
        gesture_t += w * s[i].gesturing;
        hand_motion += w * s[i].hand_motion;
        if (!s[i].posture)
            continue;
        post_t += w;
        tilt += w * s[i].shoulder_tilt;
        lean += w * s[i].lean;
        width += w * s[i].shoulder_width;
        off += w * s[i].centre_offset;
        slouch_t += w * s[i].slouching;
        lean_t += w * s[i].leaning;
        tilt_t += w * s[i].shoulders_tilted;
        far_t += w * s[i].too_far;
        off_t += w * s[i].off_centre;
    }
    if (!any_pose)
        return;
    json_object_set_new(sum, "body_present", json_real(total > 0 ? rnd(body_t / total, 0.001) : 0));
    if (post_t > 0)
        json_object_set_new(
            sum, "posture",
            json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f}", "measured",
                      rnd(post_t / total, 0.001), "shoulder_tilt_deg", rnd(tilt / post_t, 0.1),
                      "lean_deg", rnd(lean / post_t, 0.1), "shoulder_width",
                      rnd(width / post_t, 0.001), "centre_offset", rnd(off / post_t, 0.001),
                      "slouching", rnd(slouch_t / post_t, 0.001), "leaning",
                      rnd(lean_t / post_t, 0.001), "shoulders_tilted", rnd(tilt_t / post_t, 0.001),
                      "too_close", rnd(close_t / total, 0.001), "too_far",
                      rnd(far_t / post_t, 0.001), "off_centre", rnd(off_t / post_t, 0.001)));
    else
        json_object_set_new(sum, "posture", json_null());
    double touch[MAX_RANGES][2];
    int touches = cd_vision_ranges(s, n, p_touch, n > 1 ? FACE_TOUCH_MIN_S : 0, touch, MAX_RANGES);
    double touch_s = 0;
    for (int i = 0; i < touches; i++)
        touch_s += touch[i][1] - touch[i][0];
    json_t *hands = json_object();
    json_object_set_new(hands, "visible", json_real(body_t > 0 ? rnd(hands_t / body_t, 0.001) : 0));
    json_object_set_new(hands, "out_of_frame",
                        json_real(body_t > 0 ? rnd(1 - hands_t / body_t, 0.001) : 0));
    json_object_set_new(hands, "motion",
                        json_real(body_t > 0 ? rnd(hand_motion / body_t, 0.001) : 0));
    json_object_set_new(hands, "gesturing",
                        json_real(total > 0 ? rnd(gesture_t / total, 0.001) : 0));
    json_object_set_new(hands, "talking", json_real(total > 0 ? rnd(talk_t / total, 0.001) : 0));
    json_object_set_new(hands, "gesturing_while_talking",
                        talk_t > 0 ? json_real(rnd(talk_gesture_t / talk_t, 0.001)) : json_null());
    json_object_set_new(hands, "face_touches", json_integer(touches));
    json_object_set_new(hands, "face_touching_s", json_real(rnd(touch_s, 0.01)));
    json_object_set_new(sum, "hands", hands);

    if (touches)
        add_finding(findings, "face_touching", "advice",
                    "You touched your face; keep your hands away from it while you answer.",
                    ranges_json(s, n, p_touch, n > 1 ? FACE_TOUCH_MIN_S : 0));
    if (post_t > 0 && slouch_t / post_t > POSTURE_SHARE)
        add_supported_finding(findings, "slouching", "advice",
                              "You slouched or sank lower than at the start; sit up straight.",
                              ranges_json(s, n, p_slouch, n > 1 ? POSTURE_MIN_S : 0));
    if (post_t > 0 && lean_t / post_t > POSTURE_SHARE)
        add_supported_finding(findings, "leaning", "advice", "You leaned to one side; sit upright.",
                              ranges_json(s, n, p_lean, n > 1 ? POSTURE_MIN_S : 0));
    if (post_t > 0 && tilt_t / post_t > POSTURE_SHARE)
        add_supported_finding(findings, "shoulders_tilted", "advice",
                              "One shoulder was lower than the other; level your shoulders.",
                              ranges_json(s, n, p_tilt, n > 1 ? POSTURE_MIN_S : 0));
    if (total > 0 && close_t / total > POSTURE_SHARE)
        add_finding(findings, "too_close", "quality",
                    "You are very close to the camera; sit back so your shoulders are in view.",
                    ranges_json(s, n, p_close, 0));
    if (post_t > 0 && far_t / post_t > POSTURE_SHARE)
        add_finding(findings, "too_far", "quality", "You are far from the camera; sit closer.",
                    ranges_json(s, n, p_far, 0));
    if (post_t > 0 && off_t / post_t > POSTURE_SHARE)
        add_finding(findings, "off_centre", "quality",
                    "You are not centred in the picture; move to the middle.",
                    ranges_json(s, n, p_off_centre, 0));
    if (n > 1 && talk_t > 5.0 && talk_gesture_t / talk_t >= GESTURE_GOOD_SHARE)
        add_finding(findings, "gesturing", "positive",
                    "You used your hands to support what you said.",
                    ranges_json(s, n, p_gesture, 0.5));
    if (n > 1 && body_t > 30.0 && 1 - hands_t / body_t >= HANDS_HIDDEN_SHARE)
        add_finding(findings, "hands_hidden", "advice",
                    "Your hands were out of view; natural gestures in view help you come across "
                    "as open.",
                    ranges_json(s, n, p_hands_hidden, 5.0));
}

json_t *cd_vision_summarize(const cd_vision_sample *s, size_t n, const cd_vision_config *cfg)
{
    cd_vision_config defaults;
    if (!cfg) {
        cd_vision_config_default(&defaults);
        cfg = &defaults;
    }
    double typical = typical_spacing(s, n);
    double total = 0, face_t = 0, gaze_t = 0, contact_t = 0, smile_t = 0, eyes_t = 0;
    double yaw = 0, pitch = 0, roll = 0, motion = 0, fidget = 0, emo_t = 0;
    double emo[CD_EMOTIONS] = {0};
    double dark_t = 0, backlit_t = 0, blur_t = 0, small_t = 0, cut_t = 0;
    int blinks = 0, phone_frames = 0, multi_frames = 0;
    float max_id = -1, min_real = 2, min_live = 2;
    for (size_t i = 0; i < n; i++) {
        double w = frame_span(s, n, i, typical);
        if (n == 1)
            w = 1; /* a still picture: shares of one */
        total += w;
        dark_t += w * s[i].quality.too_dark;
        backlit_t += w * s[i].quality.backlit;
        blur_t += w * s[i].quality.blurred;
        phone_frames += s[i].phone > 0;
        multi_frames += p_multi(&s[i]);
        if (!s[i].face)
            continue;
        face_t += w;
        small_t += w * s[i].quality.face_too_small;
        cut_t += w * s[i].quality.face_cut_off;
        yaw += w * s[i].yaw;
        pitch += w * s[i].pitch;
        roll += w * s[i].roll;
        motion += w * s[i].motion;
        fidget += w * s[i].fidget;
        blinks += s[i].blink;
        if (!s[i].eyes_closed)
            eyes_t += w;
        if (s[i].has_gaze) {
            gaze_t += w;
            contact_t += w * s[i].eye_contact;
        }
        smile_t += w * s[i].smiling;
        if (s[i].expression >= 0) {
            emo_t += w;
            emo[s[i].expression] += w;
        }
        if (s[i].identity_distance > max_id)
            max_id = s[i].identity_distance;
        if (s[i].real_score >= 0 && s[i].real_score < min_real)
            min_real = s[i].real_score;
        if (s[i].live_score >= 0 && s[i].live_score < min_live)
            min_live = s[i].live_score;
    }
    json_t *sum = json_object();
    double duration = n ? s[n - 1].t - s[0].t + typical : 0;
    json_object_set_new(sum, "frames", json_integer((json_int_t)n));
    json_object_set_new(sum, "duration_s", json_real(rnd(duration, 0.01)));
    double face_share = total > 0 ? face_t / total : 0;
    json_object_set_new(sum, "face_present", json_real(rnd(face_share, 0.001)));
    json_t *findings = json_array();
    if (face_t > 0) {
        json_object_set_new(sum, "head_pose_deg",
                            json_pack("{s:f, s:f, s:f}", "yaw", rnd(yaw / face_t, 0.1), "pitch",
                                      rnd(pitch / face_t, 0.1), "roll", rnd(roll / face_t, 0.1)));
        if (gaze_t > 0)
            json_object_set_new(sum, "eye_contact", json_real(rnd(contact_t / gaze_t, 0.001)));
        else
            json_object_set_new(sum, "eye_contact", json_null());
        double minutes = face_t / 60.0;
        json_object_set_new(sum, "blinks", json_integer(blinks));
        json_object_set_new(sum, "blink_rate_per_min",
                            n > 1 && minutes > 0 ? json_real(rnd(blinks / minutes, 0.1))
                                                 : json_null());
        json_object_set_new(sum, "smiling", json_real(rnd(smile_t / face_t, 0.001)));
        json_object_set_new(sum, "motion", json_real(rnd(motion / face_t, 0.001)));
        json_object_set_new(sum, "fidget", json_real(rnd(fidget / face_t, 0.001)));
        json_t *ex = json_object();
        int best = -1;
        for (int k = 0; k < CD_EMOTIONS; k++) {
            json_object_set_new(ex, cd_emotion_names[k],
                                json_real(emo_t > 0 ? rnd(emo[k] / emo_t, 0.001) : 0));
            if (emo[k] > 0 && (best < 0 || emo[k] > emo[best]))
                best = k;
        }
        json_object_set_new(sum, "expressions", ex);
        json_object_set_new(sum, "dominant_expression",
                            best >= 0 ? json_string(cd_emotion_names[best]) : json_null());
        if (gaze_t > 0 && contact_t / gaze_t < LOW_EYE_CONTACT && n > 1)
            add_finding(findings, "low_eye_contact", "advice",
                        "You looked away from the camera much of the time; look at the lens "
                        "when you answer.",
                        ranges_json(s, n, p_away, 1.0));
        else if (gaze_t > 0 && n > 1)
            add_finding(findings, "good_eye_contact", "positive",
                        "You kept eye contact with the camera.", ranges_json(s, n, p_contact, 2.0));
        if (n > 1 && minutes > 0.25 && blinks / minutes > HIGH_BLINK_RATE)
            add_finding(findings, "high_blink_rate", "advice",
                        "You blinked often, which can read as nervousness.",
                        ranges_json(s, n, p_blink, 0));
        if (n > 1 && smile_t / face_t > 0.05)
            add_finding(findings, "smiling", "positive", "You smiled at times.",
                        ranges_json(s, n, p_smile, 0.5));
        else if (n > 1 && face_t > 30)
            add_finding(findings, "rarely_smiling", "advice",
                        "You rarely smiled; a warm expression helps.", json_array());
        if (n > 1 && fidget / face_t > FIDGET_MOTION * 0.5)
            add_supported_finding(
                findings, "fidgeting", "advice",
                "Your head or hands moved a lot while you were not speaking; try to stay "
                "steady.",
                ranges_json(s, n, p_fidget, 1.0));
        if (small_t / face_t > QUALITY_SHARE)
            add_finding(findings, "face_too_small", "quality",
                        "Your face is small in the picture; sit closer to the camera.",
                        ranges_json(s, n, p_small, 0));
        if (cut_t / face_t > QUALITY_SHARE)
            add_finding(findings, "face_cut_off", "quality",
                        "Your face is partly out of the picture; centre yourself.",
                        ranges_json(s, n, p_cut, 0));
    }
    (void)eyes_t;
    if (total > 0 && dark_t / total > QUALITY_SHARE)
        add_finding(findings, "too_dark", "quality",
                    "The picture is too dark; improve your lighting.",
                    ranges_json(s, n, p_dark, 0));
    if (total > 0 && backlit_t / total > QUALITY_SHARE)
        add_finding(findings, "backlit", "quality",
                    "There is strong light behind you; face a window or lamp instead.",
                    ranges_json(s, n, p_backlit, 0));
    if (total > 0 && blur_t / total > QUALITY_SHARE)
        add_finding(findings, "blurred", "quality",
                    "The picture is blurred; clean or focus the camera.",
                    ranges_json(s, n, p_blurred, 0));

    summarize_body(s, n, typical, sum, findings);

    /* proctoring */
    json_t *proc = json_object();
    json_object_set_new(proc, "no_face", ranges_json(s, n, p_no_face, n > 1 ? 1.0 : 0));
    json_object_set_new(proc, "multiple_people", ranges_json(s, n, p_multi, 0));
    json_object_set_new(proc, "looking_away", ranges_json(s, n, p_away, cfg->look_away_s));
    json_object_set_new(proc, "cell_phone", ranges_json(s, n, p_phone, 0));
    json_object_set_new(proc, "identity_distance_max",
                        max_id >= 0 ? json_real(rnd(max_id, 0.001)) : json_null());
    json_object_set_new(proc, "identity_changed", json_boolean(max_id > cfg->identity_threshold));
    json_object_set_new(proc, "real_score_min",
                        min_real <= 1 ? json_real(rnd(min_real, 0.001)) : json_null());
    json_object_set_new(proc, "live_score_min",
                        min_live <= 1 ? json_real(rnd(min_live, 0.001)) : json_null());
    if (face_share < 1.0 && n > 0 && (n == 1 || total - face_t >= 1.0))
        add_finding(findings, "no_face", "integrity", "No face was visible at times.",
                    json_incref(json_object_get(proc, "no_face")));
    if (multi_frames)
        add_finding(findings, "multiple_people", "integrity", "More than one person was in view.",
                    json_incref(json_object_get(proc, "multiple_people")));
    if (phone_frames)
        add_finding(findings, "cell_phone", "integrity", "A phone was in view.",
                    json_incref(json_object_get(proc, "cell_phone")));
    json_object_set_new(sum, "quality",
                        json_pack("{s:f, s:f, s:f}", "too_dark",
                                  total > 0 ? rnd(dark_t / total, 0.001) : 0, "backlit",
                                  total > 0 ? rnd(backlit_t / total, 0.001) : 0, "blurred",
                                  total > 0 ? rnd(blur_t / total, 0.001) : 0));
    json_object_set_new(sum, "proctoring", proc);
    json_object_set_new(sum, "findings", findings);
    return sum;
}

static void sample_body_json(json_t *o, const cd_vision_sample *m)
{
    if (!m->body && !m->pose_ran)
        return;
    json_object_set_new(o, "body",
                        json_pack("{s:b, s:f, s:b}", "tracked", m->body, "score",
                                  rnd(m->body_score, 0.001), "measured", m->pose_ran));
    if (m->posture) {
        json_t *issues = json_array();
        const char *names[] = {"slouching", "leaning", "shoulders_tilted",
                               "too_close", "too_far", "off_centre"};
        int flags[] = {m->slouching, m->leaning, m->shoulders_tilted,
                       m->too_close, m->too_far, m->off_centre};
        for (int i = 0; i < 6; i++)
            if (flags[i])
                json_array_append_new(issues, json_string(names[i]));
        json_object_set_new(
            o, "posture",
            json_pack("{s:f, s:f, s:s, s:f, s:f, s:f, s:f, s:o}", "shoulder_tilt_deg",
                      rnd(m->shoulder_tilt, 0.1), "lean_deg", rnd(m->lean, 0.1), "lean_from",
                      m->lean_from_torso ? "torso" : "neck", "shoulder_width",
                      rnd(m->shoulder_width, 0.001), "centre_offset", rnd(m->centre_offset, 0.001),
                      "slouch_drop", rnd(m->slouch_drop, 0.001), "neck_rel",
                      rnd(m->neck_rel, 0.001), "issues", issues));
    }
    json_object_set_new(o, "hands",
                        json_pack("{s:i, s:f, s:b, s:b}", "visible", m->hands_visible, "motion",
                                  rnd(m->hand_motion, 0.001), "touching_face", m->touching_face,
                                  "gesturing", m->gesturing));
    json_object_set_new(o, "fidget", json_real(rnd(m->fidget, 0.001)));
}

json_t *cd_vision_sample_json(const cd_vision_sample *m)
{
    json_t *o = json_object();
    json_object_set_new(o, "t", json_real(rnd(m->t, 0.001)));
    json_object_set_new(o, "faces", json_integer(m->faces));
    if (m->persons >= 0)
        json_object_set_new(o, "persons", json_integer(m->persons));
    if (m->phone >= 0)
        json_object_set_new(o, "phone", json_boolean(m->phone));
    if (m->face) {
        json_object_set_new(o, "face_score", json_real(rnd(m->face_score, 0.001)));
        json_object_set_new(o, "head_pose_deg",
                            json_pack("{s:f, s:f, s:f}", "yaw", rnd(m->yaw, 0.1), "pitch",
                                      rnd(m->pitch, 0.1), "roll", rnd(m->roll, 0.1)));
        if (m->has_gaze) {
            json_object_set_new(o, "gaze_deg",
                                json_pack("{s:f, s:f}", "yaw", rnd(m->gaze_yaw, 0.1), "pitch",
                                          rnd(m->gaze_pitch, 0.1)));
            json_object_set_new(o, "eye_contact", json_boolean(m->eye_contact));
        }
        json_object_set_new(o, "ear", json_real(rnd(m->ear, 0.001)));
        json_object_set_new(o, "eyes_closed", json_boolean(m->eyes_closed));
        if (m->blink)
            json_object_set_new(o, "blink", json_true());
        if (m->expression >= 0) {
            json_object_set_new(o, "expression", json_string(cd_emotion_names[m->expression]));
            json_object_set_new(o, "expression_score", json_real(rnd(m->expression_score, 0.001)));
            json_object_set_new(o, "smiling", json_boolean(m->smiling));
        }
        json_object_set_new(o, "motion", json_real(rnd(m->motion, 0.001)));
        if (m->identity_distance >= 0)
            json_object_set_new(o, "identity_distance",
                                json_real(rnd(m->identity_distance, 0.001)));
        if (m->real_score >= 0)
            json_object_set_new(o, "real_score", json_real(rnd(m->real_score, 0.001)));
        if (m->live_score >= 0)
            json_object_set_new(o, "live_score", json_real(rnd(m->live_score, 0.001)));
    }
    if (m->face)
        json_object_set_new(o, "talking", json_boolean(m->talking));
    sample_body_json(o, m);
    const cd_frame_quality *q = &m->quality;
    json_t *qj = json_pack("{s:f, s:f}", "luma", rnd(q->frame_luma, 0.1), "sharpness",
                           rnd(q->sharpness, 0.1));
    if (q->face_luma >= 0)
        json_object_set_new(qj, "face_luma", json_real(rnd(q->face_luma, 0.1)));
    json_t *issues = json_array();
    if (q->too_dark)
        json_array_append_new(issues, json_string("too_dark"));
    if (q->backlit)
        json_array_append_new(issues, json_string("backlit"));
    if (q->blurred)
        json_array_append_new(issues, json_string("blurred"));
    if (m->face && q->face_too_small)
        json_array_append_new(issues, json_string("face_too_small"));
    if (m->face && q->face_cut_off)
        json_array_append_new(issues, json_string("face_cut_off"));
    json_object_set_new(qj, "issues", issues);
    json_object_set_new(o, "quality", qj);
    return o;
}

json_t *cd_vision_report_json(const cd_vision_session *s, int with_timeline)
{
    const cd_vision_sample *smp;
    size_t n = cd_vision_timeline(s, &smp);
    json_t *o = json_object();
    json_object_set_new(o, "summary", cd_vision_summarize(smp, n, cd_vision_session_config(s)));
    float yaw, pitch;
    if (cd_vision_get_calibration(s, &yaw, &pitch))
        json_object_set_new(
            o, "calibration_deg",
            json_pack("{s:f, s:f}", "yaw", rnd(yaw, 0.1), "pitch", rnd(pitch, 0.1)));
    if (with_timeline) {
        json_t *tl = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(tl, cd_vision_sample_json(&smp[i]));
        json_object_set_new(o, "timeline", tl);
    }
    return o;
}
