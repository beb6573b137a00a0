/* objects.h - CenterNet (COCO) object detection, used for proctoring: a
 * cell phone in view, more than one person.
 *
 * cd_objects_decode is pure (tested on synthetic rows); cd_objects_detect
 * runs the model through the caller's runner (one per thread). */
#ifndef CANDOR_VISION_OBJECTS_H
#define CANDOR_VISION_OBJECTS_H

#include "base/err.h"
#include "media/image_rgb.h"
#include "vision/model_io.h"

#define CD_OBJECTS_INPUT 512
#define CD_OBJECTS_ROWS 100 /* the model's fixed top-k */
#define CD_OBJECT_PERSON 0  /* COCO class ids, 0-based as the model emits */
#define CD_OBJECT_CELL_PHONE 67
#define CD_OBJECTS_MAX 16

typedef struct cd_object {
    int cls;
    float score;
    float x0, y0, x1, y1; /* frame pixels */
} cd_object;

/* Rows of (x1, y1, x2, y2 in input pixels, score, class) -> objects of the
 * classes we care about (person, cell phone) at score >= min_score, scaled
 * to a width x height frame, best first. Returns the count. */
int cd_objects_decode(const float *rows, int n, int width, int height, float min_score,
                      cd_object *out, int max_out);
int cd_objects_detect(cd_model_runner *s, const cd_rgb_image *frame, float min_score,
                      cd_object *out, int max_out, cd_err *err);
const char *cd_object_label(int cls);

#endif
