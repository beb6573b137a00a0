/* fuzz_audio_decode.c - libFuzzer target for the audio front end: any bytes
 * go through the FFmpeg decoder (media/audio_decode.h) with tight limits,
 * and whatever decodes goes through the acoustic analysis (frames, VAD,
 * loudness, pitch, syllables, voices). Must never crash, hang or leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "audio/audio.h"
#include "media/audio_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Small limits keep each run fast: 20 s of audio, 4 MiB of input. */
    cd_audio_limits lim = {.max_input_bytes = 4u << 20, .max_seconds = 20};
    float *pcm = NULL;
    size_t n = 0;
    cd_err err = {0};
    if (cd_audio_decode_mem(data, size, &lim, &pcm, &n, NULL, &err) == 0) {
        cd_audio_report r;
        if (cd_audio_analyze(pcm, n, NULL, &r, &err) == 0) {
            char *json = cd_audio_report_json(&r);
            free(json);
            cd_audio_report_free(&r);
        }
        free(pcm);
    }
    return 0;
}
