/* cpu.c - SIMD feature check (GCC/Clang builtins). */
#include "base/cpu.h"

bool cd_cpu_has_avx2_fma(void)
{
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return cached == 1;
}
