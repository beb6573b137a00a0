/* image_rgb.c - allocation of RGB pictures with explicit size limits. */
#include "media/image_rgb.h"

#include <stdlib.h>
#include <string.h>

int cd_rgb_image_alloc(cd_rgb_image *img, int width, int height, cd_err *err)
{
    memset(img, 0, sizeof *img);
    if (width <= 0 || height <= 0)
        return cd_err_set(err, CD_EINVAL, "image", "image has no pixels (%dx%d)", width, height);
    if (width > CD_IMAGE_MAX_SIDE || height > CD_IMAGE_MAX_SIDE ||
        (long long)width * height > CD_IMAGE_MAX_PIXELS)
        return cd_err_set(err, CD_ETOOBIG, "image",
                          "image is %dx%d; the limit is %d pixels a side and %lld pixels", width,
                          height, CD_IMAGE_MAX_SIDE, CD_IMAGE_MAX_PIXELS);
    img->pixels = calloc((size_t)width * 3, (size_t)height);
    if (!img->pixels)
        return cd_err_set(err, CD_EINTERNAL, "image", "out of memory for a %dx%d image", width,
                          height);
    img->width = width;
    img->height = height;
    img->stride = width * 3;
    return 0;
}

int cd_rgb_image_copy(cd_rgb_image *dst, const cd_rgb_image *src, cd_err *err)
{
    cd_rgb_image tmp;
    int rc = cd_rgb_image_alloc(&tmp, src->width, src->height, err);
    if (rc)
        return rc;
    for (int y = 0; y < src->height; y++)
        memcpy(tmp.pixels + (size_t)y * tmp.stride, src->pixels + (size_t)y * src->stride,
               (size_t)src->width * 3);
    cd_rgb_image_free(dst);
    *dst = tmp;
    return 0;
}

void cd_rgb_image_free(cd_rgb_image *img)
{
    if (!img)
        return;
    free(img->pixels);
    memset(img, 0, sizeof *img);
}
