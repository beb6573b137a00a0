/* cpu.h - which SIMD paths this CPU can run, asked once.
 *
 * Owns nothing. Any thread may call; the first call caches the answer (a
 * benign race: every thread computes the same value). */
#ifndef CANDOR_BASE_CPU_H
#define CANDOR_BASE_CPU_H

#include <stdbool.h>

/* True when the CPU has AVX2 and FMA, which every hand-vectorised kernel
 * (src/nn, the vision crops) needs; otherwise callers take their plain C
 * reference paths. */
bool cd_cpu_has_avx2_fma(void);

#endif
