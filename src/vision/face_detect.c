/* face_detect.c - BlazeFace decoding (anchors, boxes, weighted NMS). */
#include "vision/face_detect.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int cd_blazeface_anchors(int input_size, float *anchors, int max)
{
    const int strides[2] = {input_size / 16, input_size / 8};
    const int per_cell[2] = {2, 6};
    int n = 0;
    for (int l = 0; l < 2; l++) {
        int stride = strides[l];
        if (stride <= 0)
            return -1;
        int grid = (input_size + stride - 1) / stride;
        for (int gy = 0; gy < grid; gy++)
            for (int gx = 0; gx < grid; gx++)
                for (int k = 0; k < per_cell[l]; k++) {
                    if (n >= max)
                        return -1;
                    anchors[2 * n] = (float)stride * ((float)gx + 0.5f);
                    anchors[2 * n + 1] = (float)stride * ((float)gy + 0.5f);
                    n++;
                }
    }
    return n;
}

static int by_score_desc(const void *a, const void *b)
{
    float sa = ((const cd_face_detection *)a)->score, sb = ((const cd_face_detection *)b)->score;
    return (sa < sb) - (sa > sb);
}

int cd_blazeface_decode(const float *raw, const float *anchors, int n, int input_size,
                        float min_score, cd_face_detection *out, int max_out)
{
    int count = 0;
    float inv = 1.0f / (float)input_size;
    for (int i = 0; i < n; i++) {
        const float *r = raw + (size_t)i * CD_BLAZEFACE_VALUES;
        float logit = fmaxf(-100.f, fminf(100.f, r[0]));
        float score = 1.0f / (1.0f + expf(-logit));
        if (!(score >= min_score))
            continue;
        cd_face_detection d;
        float cx = r[1] + anchors[2 * i], cy = r[2] + anchors[2 * i + 1];
        float w = r[3], h = r[4];
        d.x0 = (cx - w * 0.5f) * inv;
        d.y0 = (cy - h * 0.5f) * inv;
        d.x1 = (cx + w * 0.5f) * inv;
        d.y1 = (cy + h * 0.5f) * inv;
        d.score = score;
        for (int k = 0; k < CD_FACE_KEYPOINTS; k++) {
            d.kp[k][0] = (r[5 + 2 * k] + anchors[2 * i]) * inv;
            d.kp[k][1] = (r[6 + 2 * k] + anchors[2 * i + 1]) * inv;
        }
        if (count < max_out) {
            out[count++] = d;
        } else {
            /* replace the weakest kept one */
            int worst = 0;
            for (int j = 1; j < count; j++)
                if (out[j].score < out[worst].score)
                    worst = j;
            if (count > 0 && out[worst].score < score)
                out[worst] = d;
        }
    }
    qsort(out, (size_t)count, sizeof *out, by_score_desc);
    return count;
}

float cd_box_iou(const cd_face_detection *a, const cd_face_detection *b)
{
    float ix = fminf(a->x1, b->x1) - fmaxf(a->x0, b->x0);
    float iy = fminf(a->y1, b->y1) - fmaxf(a->y0, b->y0);
    if (ix <= 0 || iy <= 0)
        return 0;
    float inter = ix * iy;
    float ua = (a->x1 - a->x0) * (a->y1 - a->y0) + (b->x1 - b->x0) * (b->y1 - b->y0) - inter;
    return ua > 0 ? inter / ua : 0;
}

int cd_weighted_nms(cd_face_detection *dets, int n, float iou)
{
    qsort(dets, (size_t)n, sizeof *dets, by_score_desc);
    char *used = calloc((size_t)n + 1, 1);
    if (!used)
        return 0;
    int kept = 0;
    for (int i = 0; i < n; i++) {
        if (used[i])
            continue;
        cd_face_detection acc;
        memset(&acc, 0, sizeof acc);
        float wsum = 0;
        const cd_face_detection best = dets[i];
        for (int j = i; j < n; j++) {
            if (used[j] || (j != i && cd_box_iou(&best, &dets[j]) <= iou))
                continue;
            used[j] = 1;
            float w = dets[j].score;
            acc.x0 += w * dets[j].x0;
            acc.y0 += w * dets[j].y0;
            acc.x1 += w * dets[j].x1;
            acc.y1 += w * dets[j].y1;
            for (int k = 0; k < CD_FACE_KEYPOINTS; k++) {
                acc.kp[k][0] += w * dets[j].kp[k][0];
                acc.kp[k][1] += w * dets[j].kp[k][1];
            }
            wsum += w;
        }
        float inv = wsum > 0 ? 1.0f / wsum : 0;
        acc.x0 *= inv;
        acc.y0 *= inv;
        acc.x1 *= inv;
        acc.y1 *= inv;
        for (int k = 0; k < CD_FACE_KEYPOINTS; k++) {
            acc.kp[k][0] *= inv;
            acc.kp[k][1] *= inv;
        }
        acc.score = best.score;
        dets[kept++] = acc; /* kept <= i, so no unread entry is overwritten */
    }
    free(used);
    return kept;
}
