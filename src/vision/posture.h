/* posture.h - what a body pose and hand landmarks say about how the
 * candidate sits: shoulder tilt, lean, distance to the camera, centring,
 * slouching against a baseline, hands touching the face, mouth movement.
 *
 * Pure functions of landmarks (tested on synthetic skeletons with known
 * answers); any thread. Thresholds are the named constants below; how
 * they were chosen is in docs/vision.md. */
#ifndef CANDOR_VISION_POSTURE_H
#define CANDOR_VISION_POSTURE_H

#include "vision/body.h"

#define CD_POSTURE_TILT_DEG 8.0f     /* shoulders tilted beyond this */
#define CD_POSTURE_LEAN_DEG 12.0f    /* torso (or neck line) leaning beyond this */
#define CD_POSTURE_TOO_CLOSE 0.75f   /* shoulder width over frame width */
#define CD_POSTURE_TOO_FAR 0.20f     /* shoulder width over frame width */
#define CD_POSTURE_OFF_CENTRE 0.20f  /* shoulder midpoint off the frame centre, frame widths */
#define CD_POSTURE_SLOUCH_DROP 0.20f /* shoulders lower than the baseline, shoulder widths */
#define CD_POSTURE_SLOUCH_NECK 0.80f /* neck height under this x the baseline */
#define CD_FACE_TOUCH_POINTS 3       /* hand landmarks inside the face box */
#define CD_FACE_TOUCH_MARGIN 0.10f   /* face box grown by this share per side */
#define CD_HAND_MIN_SCORE 0.5f

typedef struct cd_posture {
    int valid;               /* both shoulders seen */
    float shoulder_tilt_deg; /* > 0: the image-right shoulder is lower */
    float lean_deg;          /* > 0: leaning toward the image right */
    int lean_from_torso;     /* 1: hips seen, torso line; 0: neck line (shoulders -> ears) */
    float shoulder_width;    /* fraction of the frame width */
    float centre_offset;     /* shoulder midpoint - frame centre, frame widths, > 0 right */
    float shoulder_y;        /* shoulder midpoint height, fraction of the frame height */
    float neck;              /* (shoulder midpoint y - ear midpoint y) / shoulder width */
} cd_posture;

/* The slouch reference: mean shoulder height, width and neck of the
 * first seconds (or the calibration window). */
typedef struct cd_posture_baseline {
    int n;
    float shoulder_y, shoulder_width, neck;
} cd_posture_baseline;

#define CD_POSTURE_SMOOTH_S 0.5 /* time constant of the posture smoothing */

cd_posture cd_posture_measure(const cd_body *b, int width, int height);
/* Exponential smoothing of a posture series (landmarks jitter a few pixels
 * from frame to frame; flags computed on raw values flicker and break the
 * evidence ranges): *state follows p with time constant tau_s over dt
 * seconds; it restarts from p after an invalid one or when dt <= 0. */
void cd_posture_smooth(cd_posture *state, const cd_posture *p, double dt, double tau_s);
/* Adds a valid posture to the running mean. */
void cd_posture_baseline_add(cd_posture_baseline *base, const cd_posture *p);
/* Shoulder drop in baseline shoulder widths (> 0 lower) and neck height
 * relative to the baseline (1 = the same); both 0 / 1 without a baseline. */
void cd_posture_slouch(const cd_posture_baseline *base, const cd_posture *p, int width, int height,
                       float *drop, float *neck_rel);

/* Hand landmarks inside the face box (x0, y0, x1, y1) grown by
 * CD_FACE_TOUCH_MARGIN per side; 0 when the hand's score is too low. */
int cd_hand_points_on_face(const cd_hand *h, const float face_box[4]);

/* Mouth opening: inner-lip gap over mouth width (closed ~0, talking
 * 0.05-0.4). */
float cd_mouth_opening(const cd_point3 *mesh);

#endif
