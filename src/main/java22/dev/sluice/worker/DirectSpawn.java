package dev.sluice.worker;

import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.sluice.foreign.CLibrary;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Starts a job's process with one {@code posix_spawnp} from the server, where the JDK first runs its {@code
 * jspawnhelper} program. The child gets exactly the builder's environment, its folder, stdin from the builder's
 * input file, stdout and stderr into one pipe, no other open file (closefrom 3), an empty signal mask and every
 * signal at its default. No shell: a program that is not an executable file fails to start. Only a builder of
 * that shape is started this way; any other goes to {@link ProcessBuilder#start()}.
 */
final class DirectSpawn implements ProcessStarter {

    private static final Path OWN_FDS = Path.of("/proc/self/fd");

    private final LibC libc;

    private DirectSpawn(LibC libc) {
        this.libc = libc;
    }

    /** Present on Linux with a C library that has every function needed, and with /proc to read the pipe through. */
    static Optional<ProcessStarter> available() {
        if (!System.getProperty("os.name", "").equals("Linux") || !Files.isDirectory(OWN_FDS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DirectSpawn(new LibC()));
        } catch (NoSuchElementException | UnsupportedOperationException | IllegalCallerException missing) {
            return Optional.empty();
        }
    }

    @Override
    public Process start(ProcessBuilder builder) throws IOException {
        Optional<File> input = Optional.ofNullable(builder.redirectInput().file());
        if (!builder.redirectErrorStream() || input.isEmpty() || builder.redirectOutput() != ProcessBuilder.Redirect.PIPE) {
            return builder.start();
        }
        List<String> command = builder.command();
        if (command.isEmpty()) {
            throw new IndexOutOfBoundsException("an empty command");
        }
        if (hasNul(command) || hasNul(builder.environment().keySet()) || hasNul(builder.environment().values())) {
            throw new IOException("invalid null character in command");
        }
        File dir = builder.directory() == null ? new File(".") : builder.directory();
        int[] pipe = libc.pipe();
        if (pipe.length == 1) {
            throw failure(command, dir, -pipe[0]);
        }
        try {
            // why: a second open file of the same pipe is an ordinary stream; opened while this process still holds the
            // write end, so it never waits for a writer, and before the child exists, so a failure here leaves none behind
            InputStream output = new FileInputStream(OWN_FDS.resolve(Integer.toString(pipe[0])).toFile());
            try {
                return new SpawnedProcess(libc, spawn(command, dir, input.get(), builder.environment(), pipe[1]), output);
            } catch (IOException | RuntimeException | Error notStarted) {
                output.close();
                throw notStarted;
            }
        } finally {
            CLibrary.close(pipe[0]);
            CLibrary.close(pipe[1]);
        }
    }

    private long spawn(List<String> command, File dir, File input, Map<String, String> env, int outputFd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(LibC.OPAQUE_BYTES, 16);
            MemorySegment attributes = arena.allocate(LibC.OPAQUE_BYTES, 16);
            MemorySegment emptyMask = arena.allocate(LibC.OPAQUE_BYTES, 16);
            MemorySegment allSignals = arena.allocate(LibC.OPAQUE_BYTES, 16);
            check(command, dir, (int) libc.fileActionsInit.invokeExact(actions));
            check(command, dir, (int) libc.attrInit.invokeExact(attributes));
            try {
                check(command, dir, (int) libc.fileActionsAddOpen.invokeExact(actions, 0, arena.allocateFrom(input.getPath()), LibC.O_RDONLY, 0));
                check(command, dir, (int) libc.fileActionsAddDup2.invokeExact(actions, outputFd, 1));
                check(command, dir, (int) libc.fileActionsAddDup2.invokeExact(actions, outputFd, 2));
                check(command, dir, (int) libc.fileActionsAddChdir.invokeExact(actions, arena.allocateFrom(dir.getPath())));
                check(command, dir, (int) libc.fileActionsAddCloseFrom.invokeExact(actions, 3));
                check(command, dir, (int) libc.sigEmptySet.invokeExact(emptyMask));
                check(command, dir, (int) libc.sigFillSet.invokeExact(allSignals));
                check(command, dir, (int) libc.attrSetSigMask.invokeExact(attributes, emptyMask));
                check(command, dir, (int) libc.attrSetSigDefault.invokeExact(attributes, allSignals));
                check(command, dir, (int) libc.attrSetFlags.invokeExact(attributes, (short) (LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF)));
                MemorySegment pid = arena.allocate(java.lang.foreign.ValueLayout.JAVA_INT);
                check(command, dir, (int) libc.posixSpawnp.invokeExact(pid, arena.allocateFrom(command.get(0)), actions, attributes,
                        strings(arena, command), strings(arena, environment(env))));
                return pid.get(java.lang.foreign.ValueLayout.JAVA_INT, 0);
            } finally {
                int ignored = (int) libc.fileActionsDestroy.invokeExact(actions);
                ignored = (int) libc.attrDestroy.invokeExact(attributes);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw CLibrary.rethrown(t);
        }
    }

    private static boolean hasNul(java.util.Collection<String> values) {
        return values.stream().anyMatch(v -> v.indexOf('\0') >= 0);
    }

    private static List<String> environment(Map<String, String> env) {
        List<String> pairs = new ArrayList<>(env.size());
        env.forEach((name, value) -> pairs.add(name + "=" + value));
        return pairs;
    }

    /** A NULL-terminated array of C strings. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    private void check(List<String> command, File dir, int result) throws IOException {
        if (result != 0) {
            throw failure(command, dir, result);
        }
    }

    // why: the JDK 25 launcher's wording, so that a job's failure reads the same whichever starter ran it
    private IOException failure(List<String> command, File dir, int errno) {
        return new IOException("Cannot run program \"" + command.get(0) + "\" (in directory \"" + dir + "\"): Exec failed, error: "
                + errno + " (" + libc.describe(errno) + ")" + (errno == LibC.ENOEXEC ? "; a script needs a first line such as #!/bin/sh" : ""));
    }
}
