package dev.sluice.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/** Checks a `sandbox:` setting: its extra folders are absolute, exist and are not hidden ones, nor is a sandboxed task's workdir. */
final class SandboxChecks {

    private SandboxChecks() {
    }

    static void check(String at, SandboxConfig sandbox, List<Path> hidden, BiConsumer<String, String> problem) {
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
            } else if (hidden.contains(Path.of(path).normalize())) {
                problem.accept(here, "'" + path + "' is hidden from sandboxed jobs (the data folder or the config's folder)");
            }
        }
    }

    static void checkTask(String taskAt, TaskConfig task, List<Path> hidden, BiConsumer<String, String> problem) {
        // why: the hidden folder would cover the workdir mounted at the same place, leaving the job an empty folder
        if (task.sandbox().enabled() && task.workdirPath().map(dir -> hidden.contains(dir.normalize())).orElse(false)) {
            problem.accept(taskAt + "/workdir", "a sandboxed task's workdir cannot be the data folder or the config's folder,"
                    + " which are hidden from its jobs; give the task's files a folder of their own");
        }
    }
}
