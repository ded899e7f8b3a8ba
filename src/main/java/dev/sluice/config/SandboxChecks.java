package dev.sluice.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/** Checks a `sandbox:` setting: its extra folders are absolute and exist, and warm workers do not ask for one yet. */
final class SandboxChecks {

    private SandboxChecks() {
    }

    static void check(String at, SandboxConfig sandbox, BiConsumer<String, String> problem) {
        for (int i = 0; i < sandbox.bind().size(); i++) {
            String path = sandbox.bind().get(i);
            String here = at + "/bind/" + i;
            if (path == null || path.isBlank()) {
                problem.accept(here, "needs a path, such as /ref/data");
            } else if (!ConfigValidator.isPath(path)) {
                problem.accept(here, path.indexOf('\0') >= 0 ? "must not contain NUL characters" : "is not a valid path");
            } else if (!Path.of(path).isAbsolute()) {
                problem.accept(here, "'" + path + "' must be an absolute path (it is mounted at the same place in the sandbox)");
            } else if (!Files.exists(Path.of(path))) {
                problem.accept(here, "'" + path + "' does not exist");
            }
        }
    }

    /** Warm workers keep their sandbox for many jobs, so they would see every job's folder: refused until built. */
    static void checkMode(String taskAt, TaskConfig task, BiConsumer<String, String> problem) {
        if (task.mode() == TaskMode.WARM && task.sandbox().enabled()) {
            problem.accept(taskAt + "/sandbox", "a sandbox is not available for warm workers yet (mode: warm);"
                    + " use mode: exec for this task, or sandbox: false");
        }
    }
}
