// A fault-injection shim for the tests: preloaded into the factcheck binary (LD_PRELOAD), it makes
// one kind of file-system call fail as a sick disk would, chosen by FACTCHECK_FAULT=OP:ERROR:
//
//   open-temp, write-temp, fsync-temp, close-temp   the calls on the temporary file a write makes
//                                                   (a path holding ".tmp-")
//   short-write-temp                                 writes to it take at most 7 bytes at a time
//   rename, link                                     putting the temporary file in place
//   fsync-folder                                     flushing the folder after that
//   stall-rename                                     rename waits 30 s first (to kill a writer
//                                                    whose temporary file is complete)
//
// ERROR is EIO, ENOSPC, EDQUOT or EROFS. Every other call goes to the C library as it is.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static char fault[32];
static int fault_errno;
static int temporary_fds[16];
static int temporaries;

static void setup(void) {
    static int done;
    if (done) return;
    done = 1;
    const char *spec = getenv("FACTCHECK_FAULT");
    if (!spec) return;
    const char *colon = strchr(spec, ':');
    size_t length = colon ? (size_t)(colon - spec) : strlen(spec);
    if (length >= sizeof fault) return;
    memcpy(fault, spec, length);
    fault[length] = 0;
    const char *name = colon ? colon + 1 : "EIO";
    fault_errno = !strcmp(name, "ENOSPC") ? ENOSPC : !strcmp(name, "EDQUOT") ? EDQUOT : !strcmp(name, "EROFS") ? EROFS : EIO;
}

static int is(const char *op) {
    setup();
    return !strcmp(fault, op);
}

static int is_temporary(int fd) {
    for (int i = 0; i < temporaries; i++) if (temporary_fds[i] == fd) return 1;
    return 0;
}

static void forget(int fd) {
    for (int i = 0; i < temporaries; i++) {
        if (temporary_fds[i] == fd) temporary_fds[i] = temporary_fds[--temporaries];
    }
}

static int opening(const char *path, int flags, mode_t mode, int (*real)(const char *, int, ...)) {
    int temporary = path && strstr(path, ".tmp-") && (flags & O_CREAT);
    if (temporary && is("open-temp")) {
        errno = fault_errno;
        return -1;
    }
    int fd = real(path, flags, mode);
    if (fd >= 0 && temporary && temporaries < 16) temporary_fds[temporaries++] = fd;
    return fd;
}

// open and open64 take a mode only with O_CREAT; both pass it on through `opening`.
#define OPEN_WRAPPER(NAME) \
    int NAME(const char *path, int flags, ...) { \
        static int (*real)(const char *, int, ...); \
        if (!real) real = dlsym(RTLD_NEXT, #NAME); \
        mode_t mode = 0; \
        if (flags & O_CREAT) { \
            va_list arguments; \
            va_start(arguments, flags); \
            mode = (mode_t)va_arg(arguments, int); \
            va_end(arguments); \
        } \
        return opening(path, flags, mode, real); \
    }

OPEN_WRAPPER(open)
OPEN_WRAPPER(open64)

ssize_t write(int fd, const void *bytes, size_t count) {
    static ssize_t (*real)(int, const void *, size_t);
    if (!real) real = dlsym(RTLD_NEXT, "write");
    if (is_temporary(fd)) {
        if (is("write-temp")) {
            errno = fault_errno;
            return -1;
        }
        if (is("short-write-temp") && count > 7) count = 7;
    }
    return real(fd, bytes, count);
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = dlsym(RTLD_NEXT, "fsync");
    struct stat info;
    if ((is_temporary(fd) && is("fsync-temp"))
        || (is("fsync-folder") && fstat(fd, &info) == 0 && S_ISDIR(info.st_mode))) {
        errno = fault_errno;
        return -1;
    }
    return real(fd);
}

int close(int fd) {
    static int (*real)(int);
    if (!real) real = dlsym(RTLD_NEXT, "close");
    int temporary = is_temporary(fd);
    forget(fd);
    int result = real(fd);
    if (temporary && is("close-temp")) {
        errno = fault_errno;
        return -1;
    }
    return result;
}

int rename(const char *from, const char *to) {
    static int (*real)(const char *, const char *);
    if (!real) real = dlsym(RTLD_NEXT, "rename");
    if (is("stall-rename")) sleep(30);
    if (is("rename")) {
        errno = fault_errno;
        return -1;
    }
    return real(from, to);
}

int link(const char *from, const char *to) {
    static int (*real)(const char *, const char *);
    if (!real) real = dlsym(RTLD_NEXT, "link");
    if (is("link")) {
        errno = fault_errno;
        return -1;
    }
    return real(from, to);
}
