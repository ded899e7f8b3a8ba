package dev.sluice.http;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.sluice.foreign.CLibrary;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The Linux calls {@link KernelFolderFiles} makes, bound once: {@code openat2} (through the C library's
 * {@code syscall}, which has no wrapper for it), {@code statx}, {@code pread} and {@code close}. Flags are Linux's for
 * the machine: the two architectures it knows differ in {@code O_DIRECTORY} and {@code O_NOFOLLOW}.
 */
final class KernelCalls {

    static final int AT_FDCWD = -100;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int STATX_BASIC_STATS = 0x7ff;
    static final int EINTR = 4;
    static final int ENOENT = 2;
    static final int ENOTDIR = 20;
    static final long RESOLVE_NO_MAGICLINKS = 0x02;
    static final long RESOLVE_NO_SYMLINKS = 0x04;
    static final long RESOLVE_BENEATH = 0x08;
    static final long OPEN_HOW_BYTES = 24;
    static final long STATX_BYTES = 256;
    // why: statx's layout is the same on every architecture
    static final long STATX_NLINK = 16;
    static final long STATX_MODE = 28;
    static final long STATX_INO = 32;
    static final long STATX_SIZE = 40;
    static final long STATX_CTIME = 96;
    static final long STATX_MTIME = 112;
    static final long STATX_DEV_MAJOR = 136;
    static final long STATX_DEV_MINOR = 140;
    static final int S_IFMT = 0170000;
    static final int S_IFREG = 0100000;
    static final int S_IFDIR = 0040000;
    private static final long SYS_OPENAT2 = 437;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_NOCTTY = 0x100;
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_PATH = 0x200000;

    static final StructLayout ERRNO = CLibrary.ERRNO;

    /** Flags to open a file for reading that never block (a FIFO) and never follow a last link. */
    final long readFlags;
    /** Flags to hold a folder as the starting point of lookups. */
    final long folderFlags;
    private final MethodHandle syscall;
    private final MethodHandle statx;
    private final MethodHandle pread;

    private KernelCalls(int directory, int noFollow) {
        readFlags = noFollow | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
        folderFlags = O_PATH | directory | O_CLOEXEC;
        syscall = CLibrary.bind("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG),
                CLibrary.KEEP_ERRNO, Linker.Option.firstVariadicArg(1));
        statx = CLibrary.bind("statx", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), CLibrary.KEEP_ERRNO);
        pread = CLibrary.bind("pread", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), CLibrary.KEEP_ERRNO);
    }

    /** The calls for this machine; empty on a system whose flags are not known here. */
    static Optional<KernelCalls> forThisMachine() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return Optional.empty();
        }
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> Optional.of(new KernelCalls(0x10000, 0x20000));
            case "aarch64" -> Optional.of(new KernelCalls(0x4000, 0x8000));
            default -> Optional.empty();
        };
    }

    /** openat2(2): a descriptor, or the errno as a negative number. */
    int openat2(MemorySegment errno, int folder, MemorySegment path, MemorySegment how) {
        try {
            long result = (long) syscall.invokeExact(errno, SYS_OPENAT2, (long) folder, path, how, OPEN_HOW_BYTES);
            return result < 0 ? -CLibrary.errno(errno) : (int) result;
        } catch (Throwable t) {
            throw CLibrary.rethrown(t);
        }
    }

    /** statx(2) of an open descriptor: 0, or the errno as a negative number. */
    int statx(MemorySegment errno, int fd, MemorySegment emptyPath, MemorySegment into) {
        return statx(errno, fd, emptyPath, AT_EMPTY_PATH, into);
    }

    /** statx(2) of {@code path} from {@code folder}, with {@code flags}: 0, or the errno as a negative number. */
    int statx(MemorySegment errno, int folder, MemorySegment path, int flags, MemorySegment into) {
        try {
            int result = (int) statx.invokeExact(errno, folder, path, flags, STATX_BASIC_STATS, into);
            return result < 0 ? -CLibrary.errno(errno) : 0;
        } catch (Throwable t) {
            throw CLibrary.rethrown(t);
        }
    }

    /** pread(2): the bytes read, or the errno as a negative number. */
    long pread(MemorySegment errno, int fd, MemorySegment into, long position) {
        try {
            long result = (long) pread.invokeExact(errno, fd, into, into.byteSize(), position);
            return result < 0 ? -CLibrary.errno(errno) : result;
        } catch (Throwable t) {
            throw CLibrary.rethrown(t);
        }
    }

    void close(int fd) {
        CLibrary.close(fd);
    }
}
