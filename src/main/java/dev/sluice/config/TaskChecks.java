package dev.sluice.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;

/** The checks of one task: its command and placeholders, workdir, limits, sandbox, inputs and outputs. */
final class TaskChecks {

    private final SluiceConfig config;
    private final Path baseDir;
    private final List<Path> hidden;
    private final BiConsumer<String, String> add;

    TaskChecks(SluiceConfig config, Path baseDir, List<Path> hidden, BiConsumer<String, String> add) {
        this.config = config;
        this.baseDir = baseDir;
        this.hidden = hidden;
        this.add = add;
    }

    void check(String name, TaskConfig task) {
        String at = "/tasks/" + name;
        if (!ConfigValidator.NAME.matcher(name).matches()) {
            add.accept(at, "task names use a-z, 0-9, '-' and '_' (they appear in URLs)");
        }
        if (task.mode() == TaskMode.WARM && task.command().stream().anyMatch(a -> ConfigValidator.PLACEHOLDER.matcher(a).find())) {
            add.accept(at + "/command", "a warm worker's command starts the worker and takes no {placeholders}; inputs arrive as messages");
        }
        if (task.limits().maxJobsPerWorker() < 1) {
            add.accept(at + "/limits/max-jobs-per-worker", "must be at least 1");
        }
        if (task.limits().startupTimeout().isZero() || task.limits().startupTimeout().isNegative()) {
            add.accept(at + "/limits/startup-timeout", "must be more than 0");
        }
        if (!config.queues().containsKey(task.queue())) {
            add.accept(at + "/queue", "no queue named '" + task.queue() + "'; declare it under queues:");
        }
        checkCommand(at, task);
        checkNoNul(at, task);
        if (task.workdir() != null && !ConfigValidator.isPath(task.workdir())) {
            add.accept(at + "/workdir", ConfigValidator.notAPath(task.workdir()));
        } else {
            task.workdirPath().filter(dir -> !Files.isDirectory(dir))
                    .ifPresent(dir -> add.accept(at + "/workdir", "folder " + baseDir.relativize(dir) + " does not exist"));
        }
        if (task.limits().timeout().isZero() || task.limits().timeout().isNegative()) {
            add.accept(at + "/limits/timeout", "must be more than 0");
        }
        if (task.limits().killGrace().isNegative()) {
            add.accept(at + "/limits/kill-grace", "cannot be negative");
        }
        task.limits().memoryLimit().ifPresent(memory -> {
            if (memory.bytes() < (1 << 20)) {
                add.accept(at + "/limits/memory", "must be at least 1MB");
            } else if (memory.bytes() > config.node().memoryBudget().bytes()) {
                add.accept(at + "/limits/memory", memory + " is more than node.memory-budget (" + config.node().memoryBudget()
                        + "): no job of this task could ever start; lower it or raise node.memory-budget");
            }
        });
        if (task.limits().maxLog().bytes() < 4096) {
            add.accept(at + "/limits/max-log", "must be at least 4KB");
        }
        if (task.limits().threads() < 1) {
            add.accept(at + "/limits/threads", "must be at least 1");
        }
        if (task.preflight().stream().anyMatch(String::isEmpty) || (!task.preflight().isEmpty() && task.preflight().get(0).isBlank())) {
            add.accept(at + "/preflight", "must be a command such as [python3, -c, \"import numpy\"], without empty arguments");
        }
        if (task.limits().maxInterruptions() < 0) {
            add.accept(at + "/limits/max-interruptions", "cannot be negative");
        }
        // why: a task that inherits the default holds the very same setting, which is checked once, at /sandbox
        if (task.sandbox() != config.sandbox()) {
            SandboxChecks.check(at + "/sandbox", task.sandbox(), hidden, add::accept);
        }
        SandboxChecks.checkTask(at, task, hidden, add::accept);
        if (task.retries() < 0) {
            add.accept(at + "/retries", "cannot be negative");
        }
        QueueChecks.checkPriority(at + "/priority", task.priority(), add::accept);
        SyncConfig.check(at + "/sync", task.sync(), add::accept);
        task.inputs().forEach((input, spec) -> {
            if (spec == null) {
                add.accept(at + "/inputs/" + input, "is empty; an input needs at least its type, e.g. { type: string }");
            } else {
                InputSpecChecks.check(at + "/inputs/" + input, input, spec, add::accept);
            }
        });
        task.outputs().forEach((output, spec) -> {
            if (spec == null) {
                add.accept(at + "/outputs/" + output, "is empty; an output needs its file, e.g. { file: result.txt }");
            } else {
                checkOutput(at + "/outputs/" + output, output, spec);
            }
        });
    }

    private void checkCommand(String at, TaskConfig task) {
        if (task.command().isEmpty() || task.command().get(0).isBlank()) {
            add.accept(at + "/command", "is required: the program and its arguments, e.g. [python3, run.py, \"{out}\"]");
            return;
        }
        // why: a warm worker's command takes no placeholders at all, which is reported once, above
        for (int i = 0; i < task.command().size() && task.mode() != TaskMode.WARM; i++) {
            Matcher m = ConfigValidator.PLACEHOLDER.matcher(task.command().get(i));
            while (m.find()) {
                String ref = m.group(1);
                if (!ref.equals("out") && !task.inputs().containsKey(ref)) {
                    add.accept(at + "/command/" + i, "{" + ref + "} names no input; declared inputs: "
                            + (task.inputs().isEmpty() ? "none" : String.join(", ", task.inputs().keySet())));
                }
            }
        }
        if (task.inputs().containsKey("out")) {
            add.accept(at + "/inputs/out", "'out' is reserved for the output folder");
        }
    }

    private void checkOutput(String at, String name, OutputSpec spec) {
        if (!ConfigValidator.NAME.matcher(name).matches()) {
            add.accept(at, "output names use a-z, 0-9, '-' and '_'");
        }
        if (spec.file() == null || spec.file().isBlank()) {
            add.accept(at + "/file", "is required: the file the job writes into {out}");
            return;
        }
        if (!ConfigValidator.isPath(spec.file())) {
            add.accept(at + "/file", ConfigValidator.notAPath(spec.file()));
            return;
        }
        Path file = Path.of(spec.file()).normalize();
        if (file.isAbsolute() || file.startsWith("..") || file.toString().isEmpty()) {
            add.accept(at + "/file", "must be a path inside the job's output folder");
        }
    }

    // why: no argument, variable or path can hold a NUL; caught here it is a config error with its line, not a crash
    private void checkNoNul(String at, TaskConfig task) {
        for (int i = 0; i < task.command().size(); i++) {
            if (task.command().get(i).indexOf('\0') >= 0) {
                add.accept(at + "/command/" + i, "must not contain NUL characters");
            }
        }
        for (int i = 0; i < task.preflight().size(); i++) {
            if (task.preflight().get(i).indexOf('\0') >= 0) {
                add.accept(at + "/preflight/" + i, "must not contain NUL characters");
            }
        }
        task.env().forEach((name, value) -> {
            if (name.indexOf('\0') >= 0 || name.indexOf('=') >= 0 || name.isEmpty()) {
                add.accept(at + "/env", "'" + name.replace("\0", "\\0") + "' is not an environment variable name");
            } else if (value == null) {
                add.accept(at + "/env/" + name, "needs a value; write \"\" for an empty one");
            } else if (value.indexOf('\0') >= 0) {
                add.accept(at + "/env/" + name, "must not contain NUL characters");
            }
        });
    }

}
