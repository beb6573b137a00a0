/* libFuzzer target for the picture/video front end: any bytes through
 * cd_video_open_mem + cd_video_read under small limits must give frames or
 * a clean error, never a crash, leak or out-of-bounds access. */
#include <stddef.h>
#include <stdint.h>

#include "media/video_decode.h"

#define FUZZ_MAX_FRAMES 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cd_video_limits lim = {1 << 20, 30.0, 1024 * 1024};
    cd_err err = {0};
    cd_video_reader *r = cd_video_open_mem(data, size, &lim, &err);
    if (!r)
        return 0;
    cd_rgb_image frame = {0};
    double t;
    for (int i = 0; i < FUZZ_MAX_FRAMES; i++)
        if (cd_video_read(r, 0, &frame, &t, &err) != 1)
            break;
    cd_rgb_image_free(&frame);
    cd_video_close(r);
    return 0;
}
