#include "base/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

char *cd_read_file(const char *path, size_t max_bytes, size_t *len, cd_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        cd_err_set(err, errno == ENOENT ? CD_ENOTFOUND : CD_EIO, "", "cannot open %s: %s", path,
                   strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        cd_err_set(err, CD_EIO, "", "%s is not a regular file", path);
        return NULL;
    }
    if ((size_t)st.st_size > max_bytes) {
        close(fd);
        cd_err_set(err, CD_ETOOBIG, "", "%s is %lld bytes, over the %zu byte limit", path,
                   (long long)st.st_size, max_bytes);
        return NULL;
    }
    size_t n = (size_t)st.st_size, got = 0;
    char *p = malloc(n + 1);
    if (!p) {
        close(fd);
        cd_err_set(err, CD_EINTERNAL, "", "out of memory reading %s", path);
        return NULL;
    }
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got != n) {
        free(p);
        cd_err_set(err, CD_EIO, "", "short read on %s", path);
        return NULL;
    }
    p[n] = 0;
    if (len)
        *len = n;
    return p;
}

int cd_write_file_atomic(const char *path, const void *data, size_t len, cd_err *err)
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp.%d", path, (int)getpid()) >= sizeof tmp)
        return cd_err_set(err, CD_EINVAL, "", "path too long");
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return cd_err_set(err, CD_EIO, "", "cannot create %s: %s", tmp, strerror(errno));
    const char *p = data;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, p + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            close(fd);
            unlink(tmp);
            return cd_err_set(err, CD_EIO, "", "write %s failed: %s", tmp, strerror(errno));
        }
        off += (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        unlink(tmp);
        return cd_err_set(err, CD_EIO, "", "sync %s failed", tmp);
    }
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        return cd_err_set(err, CD_EIO, "", "rename to %s failed: %s", path, strerror(errno));
    }
    return 0;
}

int cd_mkdirs(const char *path, cd_err *err)
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s", path) >= sizeof tmp)
        return cd_err_set(err, CD_EINVAL, "", "path too long");
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
                return cd_err_set(err, CD_EIO, "", "mkdir %s: %s", tmp, strerror(errno));
            *p = '/';
        }
    }
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
        return cd_err_set(err, CD_EIO, "", "mkdir %s: %s", tmp, strerror(errno));
    return 0;
}

long long cd_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

long long cd_unix_time(void)
{
    return (long long)time(NULL);
}
