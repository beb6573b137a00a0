/* draw.h - drawing on RGB frames for overlays a person checks by eye:
 * lines, boxes, dots, and text in a tiny built-in 5x7 bitmap font.
 *
 * Everything clips to the image; any coordinates are safe. Pure functions
 * of the image they write; any thread. */
#ifndef CANDOR_VISION_DRAW_H
#define CANDOR_VISION_DRAW_H

#include "media/image_rgb.h"
#include "vision/vision.h"

typedef struct cd_rgb {
    unsigned char r, g, b;
} cd_rgb;

void cd_draw_dot(cd_rgb_image *img, float x, float y, int radius, cd_rgb c);
void cd_draw_line(cd_rgb_image *img, float x0, float y0, float x1, float y1, cd_rgb c);
void cd_draw_box(cd_rgb_image *img, float x0, float y0, float x1, float y1, cd_rgb c);
/* Text with its top-left at (x, y), each font pixel `scale` pixels, on a
 * dark backing so it stays readable. Lower case is drawn as upper case;
 * characters without a glyph as a box. */
void cd_draw_text(cd_rgb_image *img, int x, int y, int scale, const char *text, cd_rgb c);

/* The analysis overlay: face boxes, mesh points, irises, gaze, objects,
 * the body skeleton and hand landmarks (body / hands may be NULL / 0) and
 * a label block with the sample's signals. */
void cd_draw_analysis(cd_rgb_image *img, const cd_vision_sample *smp, const cd_face *faces,
                      int n_faces, const cd_object *objs, int n_objs, const cd_body *body,
                      const cd_hand *hands, int n_hands);

#endif
