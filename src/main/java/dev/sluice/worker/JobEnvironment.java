package dev.sluice.worker;

import dev.sluice.config.TaskConfig;
import dev.sluice.store.JobId;
import java.util.Map;
import java.util.Set;

/**
 * The environment a job's process starts with. It is built from scratch rather than inherited, so secrets
 * in the server's own environment do not leak into jobs; only the basics a program needs are passed on.
 */
final class JobEnvironment {

    private static final Set<String> PASSED_ON = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "TZ", "TMPDIR", "TERM");
    private static final Set<String> THREAD_LIMITS = Set.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS");

    private JobEnvironment() {
    }

    /** {@code run} is the run's marker ({@link ProcessTree#runMark}). */
    static void fill(Map<String, String> env, Map<String, String> server, TaskConfig task, JobId job, String run, JobFolder folder) {
        fillForTask(env, server, task);
        env.put(ProcessTree.MARKER, job.value());
        env.put(ProcessTree.RUN_MARKER, run);
        env.put("SLUICE_JOB_DIR", folder.root().toString());
        env.put("SLUICE_OUT", folder.out().toString());
    }

    /** The part of a job's environment that does not depend on the job, also used for preflights. */
    static void fillForTask(Map<String, String> env, Map<String, String> server, TaskConfig task) {
        env.clear();
        server.forEach((name, value) -> {
            if (PASSED_ON.contains(name) || name.startsWith("LC_")) {
                env.put(name, value);
            }
        });
        env.putAll(task.env());
        String threads = String.valueOf(task.limits().threads());
        THREAD_LIMITS.forEach(name -> env.put(name, threads));
    }
}
