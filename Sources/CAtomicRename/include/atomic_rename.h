#ifndef CONGKHAI_ATOMIC_RENAME_H
#define CONGKHAI_ATOMIC_RENAME_H

/// Atomically exchanges the directory entries `a` and `b` (Linux renameat2 with
/// RENAME_EXCHANGE). Returns 0 on success, -1 with errno set otherwise
/// (ENOSYS/EINVAL where the kernel or file system cannot exchange).
int congkhai_exchange_paths(const char *a, const char *b);

/// Flushes to disk everything written on the file system holding the folder `path` (Linux
/// syncfs): the new site's files and folders, before it is swapped in. Returns 0 or -1 with errno.
int congkhai_sync_file_system(const char *path);

/// fsync of the folder `path`: makes a rename inside it durable. Returns 0 or -1 with errno.
int congkhai_sync_directory(const char *path);

#endif
