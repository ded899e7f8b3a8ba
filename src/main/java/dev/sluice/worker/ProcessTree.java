package dev.sluice.worker;

import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every process of one job: the descendants of its main process, and every process that carries the job's
 * marker in its environment. The marker finds a grandchild whose parent already died (it is re-parented and
 * no longer a descendant) and the workers that outlived a crashed server. A run stops only its own processes
 * (by the run's marker): another node of the same machine may be running the job again by then.
 */
public final class ProcessTree {

    static final String MARKER = "SLUICE_JOB_ID";
    /** Marks one run of a job: a re-run, perhaps started by another node on this machine, carries another value. */
    static final String RUN_MARKER = "SLUICE_RUN_ID";
    private static final Path PROC = Path.of("/proc");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private record Mark(String variable, String value) {
    }

    private ProcessTree() {
    }

    /** The value of {@link #RUN_MARKER} for the run of {@code job} as claimed (its attempt counts every claim). */
    public static String runMark(Job job) {
        return job.id().value() + "/" + job.attempts();
    }

    /**
     * The live processes of the job, of any run; {@code root} may be empty (after a restart) or already dead, and
     * without a job only the root's descendants count.
     */
    public static Set<ProcessHandle> members(Optional<ProcessHandle> root, Optional<JobId> job) {
        return marked(root, job.map(id -> new Mark(MARKER, id.value())));
    }

    /**
     * The live processes of one run of a job ({@link #runMark}): the root's descendants and the processes that carry
     * the run's marker, never those of another run of the job.
     */
    public static Set<ProcessHandle> runMembers(Optional<ProcessHandle> root, String run) {
        return marked(root, Optional.of(new Mark(RUN_MARKER, run)));
    }

    private static Set<ProcessHandle> marked(Optional<ProcessHandle> root, Optional<Mark> mark) {
        Set<ProcessHandle> members = new HashSet<>();
        root.filter(ProcessHandle::isAlive).ifPresent(r -> {
            members.add(r);
            r.descendants().forEach(members::add);
        });
        mark.ifPresent(m -> addCarrying(members, m.variable(), m.value()));
        members.remove(ProcessHandle.current());
        ProcessHandle.current().parent().ifPresent(members::remove);
        members.removeIf(p -> !p.isAlive());
        return members;
    }

    /** The live processes whose environment has {@code variable=value}, with their descendants. */
    static Set<ProcessHandle> carrying(String variable, String value) {
        Set<ProcessHandle> found = new HashSet<>();
        addCarrying(found, variable, value);
        found.remove(ProcessHandle.current());
        found.removeIf(p -> !p.isAlive());
        return found;
    }

    private static void addCarrying(Set<ProcessHandle> members, String variable, String value) {
        byte[] marker = (variable + "=" + value + "\0").getBytes(StandardCharsets.US_ASCII);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path entry : entries) {
                if (carries(entry.resolve("environ"), marker)) {
                    ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(p -> {
                        members.add(p);
                        p.descendants().forEach(members::add);
                    });
                }
            }
        } catch (IOException noProc) {
            // without /proc only the descendants are known
        }
    }

    /** SIGTERM to every process of the job, SIGKILL after {@code grace} to whatever still lives. */
    public static void terminate(Optional<ProcessHandle> root, Optional<JobId> job, Duration grace) {
        terminate(() -> members(root, job), grace);
    }

    /** SIGTERM to every process of one run of a job ({@link #runMembers}), SIGKILL after {@code grace}. */
    public static void terminateRun(Optional<ProcessHandle> root, String run, Duration grace) {
        terminate(() -> runMembers(root, run), grace);
    }

    private static void terminate(Supplier<Set<ProcessHandle>> members, Duration grace) {
        Set<ProcessHandle> known = members.get();
        known.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline) {
            known.addAll(members.get());
            known.removeIf(p -> !p.isAlive());
            if (known.isEmpty()) {
                return;
            }
            known.forEach(ProcessHandle::destroy);
            pause();
        }
        long killDeadline = System.nanoTime() + AFTER_KILL.toNanos();
        do {
            known.addAll(members.get());
            known.removeIf(p -> !p.isAlive());
            known.forEach(ProcessHandle::destroyForcibly);
            pause();
        } while (!known.isEmpty() && System.nanoTime() < killDeadline);
    }

    private static boolean carries(Path environ, byte[] marker) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | SecurityException unreadable) {
            return false;
        }
        outer:
        for (int start = 0; start + marker.length <= env.length; start++) {
            if (start > 0 && env[start - 1] != 0) {
                continue;
            }
            for (int i = 0; i < marker.length; i++) {
                if (env[start + i] != marker[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether the process has ended: gone, or a zombie its parent has yet to reap (which a {@link ProcessHandle} still
     * calls alive, and a signal no longer reaches).
     */
    public static boolean exited(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(PROC.resolve(String.valueOf(process.pid())).resolve("stat"), StandardCharsets.US_ASCII);
            // why: the state follows the command name, which may itself hold spaces and parentheses
            int afterName = stat.lastIndexOf(')') + 2;
            return afterName < stat.length() && (stat.charAt(afterName) == 'Z' || stat.charAt(afterName) == 'X');
        } catch (IOException gone) {
            return !process.isAlive();
        }
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
