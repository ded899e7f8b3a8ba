package dev.sluice.http;

import static dev.sluice.http.KernelCalls.AT_FDCWD;
import static dev.sluice.http.KernelCalls.ENOENT;
import static dev.sluice.http.KernelCalls.ENOTDIR;
import static dev.sluice.http.KernelCalls.ERRNO;
import static dev.sluice.http.KernelCalls.OPEN_HOW_BYTES;
import static dev.sluice.http.KernelCalls.STATX_BYTES;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FolderFiles} by Linux's {@code openat2} from a descriptor of the folder, held open while the mount serves.
 * The folder's path is looked at again once a second: a folder replaced as a whole (renamed, or deleted and made
 * again) is then opened afresh, and one that is gone or became a link leaves every lookup to the JDK's checks.
 */
final class KernelFolderFiles implements FolderFiles {

    private static final Logger log = LoggerFactory.getLogger(KernelFolderFiles.class);
    private static final long RESOLVE = KernelCalls.RESOLVE_BENEATH | KernelCalls.RESOLVE_NO_SYMLINKS
            | KernelCalls.RESOLVE_NO_MAGICLINKS;
    private static final long RECHECK_AFTER_NANOS = 1_000_000_000L;
    // why: one allocation per lookup holds the file's facts, the open flags, errno and an empty path for statx
    private static final long HOW_AT = STATX_BYTES;
    private static final long ERRNO_AT = HOW_AT + OPEN_HOW_BYTES;
    private static final long EMPTY_PATH_AT = ERRNO_AT + Math.max(ERRNO.byteSize(), 8);
    private static final long SCRATCH_BYTES = EMPTY_PATH_AT + 8;

    /**
     * One descriptor of the folder with its identity. It is closed only once no lookup uses it, since a number closed
     * under a lookup could be given to another folder, and the lookup would then start there.
     */
    private record Root(int fd, long devMajor, long devMinor, long inode, AtomicInteger holds) {
        boolean sameAs(MemorySegment facts) {
            return devMajor == facts.get(JAVA_INT, KernelCalls.STATX_DEV_MAJOR) && devMinor == facts.get(JAVA_INT, KernelCalls.STATX_DEV_MINOR)
                    && inode == facts.get(JAVA_LONG, KernelCalls.STATX_INO);
        }
    }

    private final KernelCalls kernel;
    private final Path folder;
    private volatile Root root;
    private volatile long checkedAt;
    private volatile boolean closed;

    private KernelFolderFiles(KernelCalls kernel, Path folder, Root root) {
        this.kernel = kernel;
        this.folder = folder;
        this.root = root;
        this.checkedAt = System.nanoTime();
    }

    /** Opens {@code realFolder} to look names up from; empty where the kernel or the machine cannot. */
    static Optional<FolderFiles> below(Path realFolder) {
        // why: a file read in pieces or mapped is reopened through its descriptor's entry there
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
            return Optional.empty();
        }
        Optional<KernelCalls> calls = KernelCalls.forThisMachine();
        if (calls.isEmpty()) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment scratch = arena.allocate(SCRATCH_BYTES, 8);
            int fd = openRoot(calls.get(), arena, scratch, realFolder);
            if (fd < 0) {
                // why: ENOSYS before Linux 5.6, EPERM under a system call filter that does not know openat2
                log.debug("event=static-open-kernel-unavailable folder={} errno={}", realFolder, -fd);
                return Optional.empty();
            }
            Root root = rootOf(calls.get(), fd, scratch);
            return root == null ? Optional.empty() : Optional.of(new KernelFolderFiles(calls.get(), realFolder, root));
        }
    }

    @Override
    public Opened open(String relative) {
        if (System.nanoTime() - checkedAt > RECHECK_AFTER_NANOS) {
            recheck();
        }
        Root held = hold();
        if (held == null) {
            return new Opened.Unsure();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment scratch = arena.allocate(SCRATCH_BYTES, 8);
            MemorySegment facts = scratch.asSlice(0, STATX_BYTES);
            MemorySegment how = scratch.asSlice(HOW_AT, OPEN_HOW_BYTES);
            MemorySegment errno = scratch.asSlice(ERRNO_AT, ERRNO.byteSize());
            how.set(JAVA_LONG, 0, kernel.readFlags);
            how.set(JAVA_LONG, 16, RESOLVE);
            int fd = kernel.openat2(errno, held.fd(), arena.allocateFrom(relative), how);
            if (fd == -ENOENT || fd == -ENOTDIR) {
                return new Opened.Missing();
            }
            if (fd < 0) {
                // why: ELOOP is a link on the way, which may still lead inside the folder; EXDEV, EACCES and the
                // rest are for the JDK's checks to judge, as they were before this existed
                return new Opened.Unsure();
            }
            return facts(fd, facts, errno, scratch.asSlice(EMPTY_PATH_AT, 1));
        } finally {
            release(held);
        }
    }

    /** What {@code fd} is; the descriptor is handed over with a file and closed otherwise. */
    private Opened facts(int fd, MemorySegment facts, MemorySegment errno, MemorySegment emptyPath) {
        boolean handedOver = false;
        try {
            if (kernel.statx(errno, fd, emptyPath, facts) != 0) {
                return new Opened.Unsure();
            }
            int type = facts.get(JAVA_SHORT, KernelCalls.STATX_MODE) & KernelCalls.S_IFMT;
            if (type == KernelCalls.S_IFDIR) {
                return new Opened.Folder();
            }
            if (type != KernelCalls.S_IFREG) {
                return new Opened.Missing();
            }
            FileVersion version = new FileVersion(device(facts), facts.get(JAVA_LONG, KernelCalls.STATX_INO),
                    facts.get(JAVA_LONG, KernelCalls.STATX_SIZE), time(facts, KernelCalls.STATX_MTIME), time(facts, KernelCalls.STATX_CTIME));
            Opened file = new Opened.File(new KernelFile(kernel, fd), version, facts.get(JAVA_INT, KernelCalls.STATX_NLINK));
            handedOver = true;
            return file;
        } finally {
            if (!handedOver) {
                kernel.close(fd);
            }
        }
    }

    /** Looks at the folder's path again; a folder that is not the one held is opened afresh (or none, when gone). */
    private synchronized void recheck() {
        if (closed || System.nanoTime() - checkedAt <= RECHECK_AFTER_NANOS) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment scratch = arena.allocate(SCRATCH_BYTES, 8);
            MemorySegment facts = scratch.asSlice(0, STATX_BYTES);
            MemorySegment errno = scratch.asSlice(ERRNO_AT, ERRNO.byteSize());
            Root held = root;
            boolean same = kernel.statx(errno, KernelCalls.AT_FDCWD, arena.allocateFrom(folder.toString()),
                    KernelCalls.AT_SYMLINK_NOFOLLOW, facts) == 0 && held != null && held.sameAs(facts);
            if (!same) {
                int fd = openRoot(kernel, arena, scratch, folder);
                Root fresh = fd < 0 ? null : rootOf(kernel, fd, scratch);
                if (held != null || fresh != null) {
                    // why: once, when it changed; a folder that stays gone is looked for every second in silence
                    log.info("event=static-folder-replaced folder={} reopened={}", folder, fresh != null);
                }
                root = fresh;
                if (held != null) {
                    release(held);
                }
            }
            checkedAt = System.nanoTime();
        }
    }

    // why: no link anywhere on the folder's own path either, as the JDK's checks would refuse a folder moved behind one
    private static int openRoot(KernelCalls kernel, Arena arena, MemorySegment scratch, Path folder) {
        MemorySegment how = scratch.asSlice(HOW_AT, OPEN_HOW_BYTES);
        how.set(JAVA_LONG, 0, kernel.folderFlags);
        how.set(JAVA_LONG, 8, 0L);
        how.set(JAVA_LONG, 16, KernelCalls.RESOLVE_NO_SYMLINKS);
        return kernel.openat2(scratch.asSlice(ERRNO_AT, ERRNO.byteSize()), AT_FDCWD, arena.allocateFrom(folder.toString()), how);
    }

    private static Root rootOf(KernelCalls kernel, int fd, MemorySegment scratch) {
        MemorySegment facts = scratch.asSlice(0, STATX_BYTES);
        if (kernel.statx(scratch.asSlice(ERRNO_AT, ERRNO.byteSize()), fd, scratch.asSlice(EMPTY_PATH_AT, 1), facts) != 0) {
            kernel.close(fd);
            return null;
        }
        return new Root(fd, facts.get(JAVA_INT, KernelCalls.STATX_DEV_MAJOR), facts.get(JAVA_INT, KernelCalls.STATX_DEV_MINOR),
                facts.get(JAVA_LONG, KernelCalls.STATX_INO), new AtomicInteger(1));
    }

    // why: the C library's encoding of a device number, which the JDK's "unix:dev" reports, so that a file's version
    // is the same whichever way it was looked up
    private static long device(MemorySegment facts) {
        long major = Integer.toUnsignedLong(facts.get(JAVA_INT, KernelCalls.STATX_DEV_MAJOR));
        long minor = Integer.toUnsignedLong(facts.get(JAVA_INT, KernelCalls.STATX_DEV_MINOR));
        return ((major & 0xfffL) << 8) | ((major & 0xfffff000L) << 32) | (minor & 0xffL) | ((minor & 0xffffff00L) << 12);
    }

    private static FileTime time(MemorySegment facts, long at) {
        return FileTime.from(Instant.ofEpochSecond(facts.get(JAVA_LONG, at), Integer.toUnsignedLong(facts.get(JAVA_INT, at + 8))));
    }

    /** The root now, held for one lookup; null when there is none (gone, or the server stopped). */
    private Root hold() {
        while (true) {
            Root now = root;
            if (now == null) {
                return null;
            }
            int holds = now.holds().get();
            // why: 0 means it was given back after another took its place; read the new one
            if (holds > 0 && now.holds().compareAndSet(holds, holds + 1)) {
                return now;
            }
        }
    }

    private void release(Root held) {
        if (held.holds().decrementAndGet() == 0) {
            kernel.close(held.fd());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Root held = root;
        root = null;
        if (held != null) {
            release(held);
        }
    }
}
