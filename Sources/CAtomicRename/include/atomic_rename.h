#ifndef CONGKHAI_ATOMIC_RENAME_H
#define CONGKHAI_ATOMIC_RENAME_H

/// Atomically exchanges the directory entries `a` and `b` (Linux renameat2 with
/// RENAME_EXCHANGE). Returns 0 on success, -1 with errno set otherwise
/// (ENOSYS/EINVAL where the kernel or file system cannot exchange).
int congkhai_exchange_paths(const char *a, const char *b);

#endif
