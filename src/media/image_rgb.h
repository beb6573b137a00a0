/* image_rgb.h - the one in-memory picture format of Candor's vision code:
 * 8-bit RGB, interleaved, rows `stride` bytes apart.
 *
 * Owns: the pixel buffer of a cd_rgb_image (malloc'd by cd_rgb_image_alloc,
 * released by cd_rgb_image_free; a zeroed struct is a valid empty image).
 * Threads: plain data, no shared state. */
#ifndef CANDOR_MEDIA_IMAGE_RGB_H
#define CANDOR_MEDIA_IMAGE_RGB_H

#include <stddef.h>
#include "base/err.h"

/* Largest picture we allocate: 8K UHD. Anything larger is refused before a
 * byte is allocated, whatever the file header claims. */
#define CD_IMAGE_MAX_SIDE 8192
#define CD_IMAGE_MAX_PIXELS (7680LL * 4320LL)

typedef struct cd_rgb_image {
    int width;
    int height;
    int stride; /* bytes per row, >= 3 * width */
    unsigned char *pixels;
} cd_rgb_image;

/* Allocates a width x height image (contents zeroed). CD_ETOOBIG over the
 * limits above, CD_EINVAL for non-positive sizes. */
int cd_rgb_image_alloc(cd_rgb_image *img, int width, int height, cd_err *err);
/* Deep copy of src into dst (dst is (re)allocated). */
int cd_rgb_image_copy(cd_rgb_image *dst, const cd_rgb_image *src, cd_err *err);
void cd_rgb_image_free(cd_rgb_image *img);

#endif
