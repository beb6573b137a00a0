/* fs.h - small file helpers with explicit size limits.
 * Thread-safe (no shared state). Returned buffers are malloc'd; caller frees. */
#ifndef CANDOR_BASE_FS_H
#define CANDOR_BASE_FS_H

#include <stddef.h>
#include "base/err.h"

/* Reads a whole file, NUL-terminated. Fails with CD_ETOOBIG over max_bytes,
 * CD_ENOTFOUND when missing, CD_EIO otherwise. */
char *cd_read_file(const char *path, size_t max_bytes, size_t *len, cd_err *err);
/* Writes atomically: to path.tmp, fsync, rename. */
int cd_write_file_atomic(const char *path, const void *data, size_t len, cd_err *err);
/* mkdir -p */
int cd_mkdirs(const char *path, cd_err *err);
/* Monotonic clock in nanoseconds and wall clock in seconds. */
long long cd_now_ns(void);
long long cd_unix_time(void);

#endif
