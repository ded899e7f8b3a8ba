package dev.sluice.worker;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.sluice.foreign.CLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
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

    private static final StructLayout ERRNO = CLibrary.ERRNO;

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
    private final MethodHandle kill;
    private final MethodHandle waitid;
    private final MethodHandle strerror;

    LibC() {
        Linker.Option errno = CLibrary.KEEP_ERRNO;
        posixSpawnp = CLibrary.bind("posix_spawnp", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        fileActionsInit = CLibrary.bind("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        fileActionsDestroy = CLibrary.bind("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        fileActionsAddOpen = CLibrary.bind("posix_spawn_file_actions_addopen",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        fileActionsAddDup2 = CLibrary.bind("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        fileActionsAddChdir = CLibrary.bind("posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        fileActionsAddCloseFrom = CLibrary.bind("posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        attrInit = CLibrary.bind("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        attrDestroy = CLibrary.bind("posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        attrSetFlags = CLibrary.bind("posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
        attrSetSigMask = CLibrary.bind("posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        attrSetSigDefault = CLibrary.bind("posix_spawnattr_setsigdefault", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        sigEmptySet = CLibrary.bind("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        sigFillSet = CLibrary.bind("sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        pipe2 = CLibrary.bind("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), errno);
        kill = CLibrary.bind("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        waitid = CLibrary.bind("waitid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), errno);
        strerror = CLibrary.bind("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** A pipe whose ends close on exec: [read, write], or the errno as a negative number. */
    int[] pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(ERRNO);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int result = (int) pipe2.invokeExact(state, fds, O_CLOEXEC);
            if (result != 0) {
                return new int[] {-CLibrary.errno(state)};
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (Throwable t) {
            throw CLibrary.rethrown(t);
        }
    }

    void kill(long pid, int signal) {
        try {
            int ignored = (int) kill.invokeExact((int) pid, signal);
        } catch (Throwable t) {
            throw CLibrary.rethrown(t);
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
                int error = CLibrary.errno(state);
                if (error != EINTR) {
                    throw new IllegalStateException("waitid for process " + pid + " failed: " + describe(error));
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw CLibrary.rethrown(t);
        }
    }

    /** The C library's sentence for {@code errno}. */
    String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) strerror.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw CLibrary.rethrown(t);
        }
    }
}
