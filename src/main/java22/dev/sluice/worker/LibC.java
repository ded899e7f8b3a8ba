package dev.sluice.worker;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.NoSuchElementException;

/**
 * The C library functions {@link DirectSpawn} calls, bound once. Constructing it fails with {@link
 * NoSuchElementException} when one is missing (glibc before 2.34 has no {@code posix_spawn_file_actions_addclosefrom_np}).
 * Sizes and flags are glibc's on Linux (the same on x86-64 and AArch64).
 */
final class LibC {

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    static final int EINTR = 4;
    static final int ENOEXEC = 8;
    static final int P_PID = 1;
    static final int WEXITED = 4;
    static final int WNOWAIT = 0x01000000;
    static final int CLD_EXITED = 1;
    // why: glibc's posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128, siginfo_t 128;
    // room to spare costs nothing and guards against a larger future layout
    static final long OPAQUE_BYTES = 512;
    static final long SIGINFO_CODE_OFFSET = 8;
    static final long SIGINFO_STATUS_OFFSET = 24;

    private static final StructLayout ERRNO = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_VALUE = ERRNO.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    final MethodHandle posixSpawnp;
    final MethodHandle fileActionsInit;
    final MethodHandle fileActionsDestroy;
    final MethodHandle fileActionsAddOpen;
    final MethodHandle fileActionsAddDup2;
    final MethodHandle fileActionsAddChdir;
    final MethodHandle fileActionsAddCloseFrom;
    final MethodHandle attrInit;
    final MethodHandle attrDestroy;
    final MethodHandle attrSetFlags;
    final MethodHandle attrSetSigMask;
    final MethodHandle attrSetSigDefault;
    final MethodHandle sigEmptySet;
    final MethodHandle sigFillSet;
    private final MethodHandle pipe2;
    private final MethodHandle close;
    private final MethodHandle kill;
    private final MethodHandle waitid;
    private final MethodHandle strerror;

    LibC() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        posixSpawnp = bind(linker, libc, "posix_spawnp", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        fileActionsInit = bind(linker, libc, "posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        fileActionsDestroy = bind(linker, libc, "posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        fileActionsAddOpen = bind(linker, libc, "posix_spawn_file_actions_addopen",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        fileActionsAddDup2 = bind(linker, libc, "posix_spawn_file_actions_adddup2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        fileActionsAddChdir = bind(linker, libc, "posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        fileActionsAddCloseFrom = bind(linker, libc, "posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        attrInit = bind(linker, libc, "posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        attrDestroy = bind(linker, libc, "posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        attrSetFlags = bind(linker, libc, "posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
        attrSetSigMask = bind(linker, libc, "posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        attrSetSigDefault = bind(linker, libc, "posix_spawnattr_setsigdefault", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        sigEmptySet = bind(linker, libc, "sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        sigFillSet = bind(linker, libc, "sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        pipe2 = bind(linker, libc, "pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), errno);
        close = bind(linker, libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        kill = bind(linker, libc, "kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        waitid = bind(linker, libc, "waitid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), errno);
        strerror = bind(linker, libc, "strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private static MethodHandle bind(Linker linker, SymbolLookup libc, String name, FunctionDescriptor shape, Linker.Option... options) {
        return linker.downcallHandle(libc.find(name).orElseThrow(() -> new NoSuchElementException("no " + name + " in the C library")),
                shape, options);
    }

    /** A pipe whose ends close on exec: [read, write], or the errno as a negative number. */
    int[] pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(ERRNO);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int result = (int) pipe2.invokeExact(state, fds, O_CLOEXEC);
            if (result != 0) {
                return new int[] {-(int) ERRNO_VALUE.get(state, 0L)};
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    void close(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    void kill(long pid, int signal) {
        try {
            int ignored = (int) kill.invokeExact((int) pid, signal);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    /**
     * Waits until child {@code pid} has ended and returns its exit code, or 128 plus the signal that ended it (as
     * {@link Process#exitValue()} does); with {@code reap} false the child stays a zombie, so its pid cannot be reused.
     */
    int waitForExit(long pid, boolean reap) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(ERRNO);
            MemorySegment info = arena.allocate(OPAQUE_BYTES, 8);
            while (true) {
                int result = (int) waitid.invokeExact(state, P_PID, (int) pid, info, WEXITED | (reap ? 0 : WNOWAIT));
                if (result == 0) {
                    int code = info.get(JAVA_INT, SIGINFO_CODE_OFFSET);
                    int status = info.get(JAVA_INT, SIGINFO_STATUS_OFFSET);
                    return code == CLD_EXITED ? status : 128 + status;
                }
                int error = (int) ERRNO_VALUE.get(state, 0L);
                if (error != EINTR) {
                    throw new IllegalStateException("waitid for process " + pid + " failed: " + describe(error));
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    /** The C library's sentence for {@code errno}. */
    String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) strerror.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    static RuntimeException rethrown(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
