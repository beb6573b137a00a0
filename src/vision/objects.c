/* objects.c - CenterNet decoding and run. The graph already does the
 * heatmap peak picking (TopK) and emits 100 scored boxes; we filter, scale
 * and drop duplicates. */
#include "vision/objects.h"

#include <math.h>
#include <stdlib.h>

#include "vision/face_detect.h"

#define OBJECT_DUP_IOU 0.5f

const char *cd_object_label(int cls)
{
    return cls == CD_OBJECT_PERSON       ? "person"
           : cls == CD_OBJECT_CELL_PHONE ? "cell phone"
                                         : "other";
}

static float iou(const cd_object *a, const cd_object *b)
{
    cd_face_detection da = {a->x0, a->y0, a->x1, a->y1, 0, {{0}}};
    cd_face_detection db = {b->x0, b->y0, b->x1, b->y1, 0, {{0}}};
    return cd_box_iou(&da, &db);
}

int cd_objects_decode(const float *rows, int n, int width, int height, float min_score,
                      cd_object *out, int max_out)
{
    int count = 0;
    float sx = (float)width / CD_OBJECTS_INPUT, sy = (float)height / CD_OBJECTS_INPUT;
    /* rows arrive sorted by score (TopK) */
    for (int i = 0; i < n && count < max_out; i++) {
        const float *r = rows + 6 * i;
        if (!(r[4] >= min_score) || !isfinite(r[5]))
            continue;
        int cls = (int)lroundf(r[5]);
        if (cls != CD_OBJECT_PERSON && cls != CD_OBJECT_CELL_PHONE)
            continue;
        cd_object o = {cls, r[4], r[0] * sx, r[1] * sy, r[2] * sx, r[3] * sy};
        int dup = 0;
        for (int j = 0; j < count && !dup; j++)
            dup = out[j].cls == cls && iou(&out[j], &o) > OBJECT_DUP_IOU;
        if (!dup)
            out[count++] = o;
    }
    return count;
}

int cd_objects_detect(cd_model_runner *s, const cd_rgb_image *frame, float min_score,
                      cd_object *out, int max_out, cd_err *err)
{
    /* the model takes raw 0..255 pixels, the whole frame stretched */
    cd_roi roi = {(float)frame->width * 0.5f, (float)frame->height * 0.5f, (float)frame->width,
                  (float)frame->height, 0};
    float *input = malloc(sizeof(float) * CD_OBJECTS_INPUT * CD_OBJECTS_INPUT * 3);
    float *rows = malloc(sizeof(float) * CD_OBJECTS_ROWS * 6);
    int count = -1;
    if (!input || !rows) {
        cd_err_set(err, CD_EINTERNAL, "vision", "out of memory");
        goto out;
    }
    cd_roi_crop(frame, &roi, CD_OBJECTS_INPUT, (cd_crop_norm){1.0f, 0.0f, 0}, input);
    cd_tensor outs[CD_MODEL_MAX_OUTPUTS];
    int n = cd_model_num_outputs(s);
    if (cd_model_run_image(s, input, CD_OBJECTS_INPUT, 3, outs, n, err) ||
        cd_model_take(outs, n, CD_OBJECTS_ROWS * 6, rows, "object", err))
        goto out;
    count = cd_objects_decode(rows, CD_OBJECTS_ROWS, frame->width, frame->height, min_score, out,
                              max_out);
out:
    free(input);
    free(rows);
    return count;
}
