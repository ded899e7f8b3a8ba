package dev.sluice.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the values that parse but cannot work: impossible numbers, unknown queues, placeholders naming no input. */
final class ConfigValidator {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_-]+)}");

    /** One thing wrong, at a JSON-pointer into the file. */
    record Problem(String pointer, String message) {
    }

    private final SluiceConfig config;
    private final Path baseDir;
    private final List<Problem> problems = new ArrayList<>();

    ConfigValidator(SluiceConfig config, Path baseDir) {
        this.config = config;
        this.baseDir = baseDir;
    }

    List<Problem> problems() {
        checkServer(config.server());
        if (!isPath(config.storage().dataDir())) {
            add("/storage/data-dir", notAPath(config.storage().dataDir()));
            return problems;
        }
        if (config.node().memoryBudget().bytes() < (1 << 20)) {
            add("/node/memory-budget", "must be at least 1MB");
        }
        if (!StorageConfig.EMBEDDED.equals(config.storage().database())) {
            add("/storage/database", "only 'embedded' is supported in this version");
        }
        config.queues().forEach((name, queue) -> {
            if (queue == null) {
                add("/queues/" + name, "is empty; give the queue its settings, e.g. { concurrency: 1 }");
            } else {
                QueueChecks.check(name, queue, this::add);
            }
        });
        SandboxChecks.check("/sandbox", config.sandbox(), hiddenFromSandbox(), this::add);
        if (config.tasks().isEmpty()) {
            add("/tasks", "no tasks are declared; add at least one under tasks:");
        }
        config.tasks().forEach((name, task) -> {
            if (task == null) {
                add("/tasks/" + name, "is empty; a task needs at least a command, e.g. { command: [echo, hello] }");
            } else {
                checkTask(name, task);
            }
        });
        checkRetention("/retention", config.retention());
        if (config.log().file() != null && !isPath(config.log().file())) {
            add("/log/file", notAPath(config.log().file()));
        }
        if (config.log().maxSize().bytes() < 1024) {
            add("/log/max-size", "must be at least 1KB");
        }
        if (config.log().keep() < 1 || config.log().keep() > 100) {
            add("/log/keep", "must be from 1 to 100");
        }
        config.tasks().forEach((name, task) -> {
            if (task != null && task.retention() != null) {
                checkRetention("/tasks/" + name + "/retention", task.retention());
                if (task.retention().maxDisk() != null) {
                    add("/tasks/" + name + "/retention/max-disk", "applies to all jobs together; set it under the top-level retention");
                }
            }
        });
        StaticChecks.check(config, this::add);
        config.schedules().forEach((name, schedule) -> {
            if (schedule == null) {
                add("/schedules/" + name, "is empty; a schedule needs a task and every or cron, e.g. { task: refresh, every: 1h }");
            } else {
                ScheduleChecks.check(name, schedule, config, this::add);
            }
        });
        return problems;
    }

    private void checkServer(ServerConfig server) {
        if (server.port() < 0 || server.host().isBlank()) {
            add("/server/listen", "'" + server.listen() + "' is not host:port such as 127.0.0.1:8080");
        }
        if (server.maxUpload().bytes() < 1) {
            add("/server/max-upload", "must be more than 0");
        }
        if (server.keepAlive().toMillis() < 1) {
            add("/server/keep-alive", "must be more than 0");
        }
        server.auth().adminIfAny().ifPresent(admin -> {
            if (admin.user() == null || admin.user().isBlank() || admin.user().contains(":")) {
                add("/server/auth/admin/user", "needs a user name without ':'");
            }
            if (PasswordHash.parse(admin.passwordHash()).isEmpty()) {
                add("/server/auth/admin/password-hash", "must be " + PasswordHash.format()
                        + " as `sluice hash-password` prints it (the password itself is never written in the config)");
            }
        });
        if (server.idleTimeout().toMillis() < 1) {
            add("/server/idle-timeout", "must be more than 0");
        }
        if (server.requestTimeout().toMillis() < 1) {
            add("/server/request-timeout", "must be more than 0");
        }
        if (server.minUploadRate().bytes() < 1) {
            add("/server/min-upload-rate", "must be at least 1 byte (a second)");
        }
        if (server.maxConnections() < 1) {
            add("/server/max-connections", "must be at least 1");
        }
        if (server.decodeMemory().bytes() < DataSize.ofMegabytes(16).bytes()) {
            add("/server/decode-memory", "must be at least 16MB");
        }
        EdgeChecks.check(server, this::add);
        CallbackChecks.check(server.callbacks(), this::add);
        TlsChecks.check(server, java.time.Instant.now(), this::add);
    }

    private void checkRetention(String at, RetentionConfig retention) {
        if (retention.keep() != null && retention.keep().toMillis() < 1) {
            add(at + "/keep", "must be more than 0");
        }
        if (retention.keepFailed() != null && retention.keepFailed().toMillis() < 1) {
            add(at + "/keep-failed", "must be more than 0");
        }
        if (retention.maxDisk() != null && retention.maxDisk().bytes() < 1) {
            add(at + "/max-disk", "must be more than 0");
        }
    }

    private void checkTask(String name, TaskConfig task) {
        String at = "/tasks/" + name;
        if (!NAME.matcher(name).matches()) {
            add(at, "task names use a-z, 0-9, '-' and '_' (they appear in URLs)");
        }
        if (task.mode() == TaskMode.WARM && task.command().stream().anyMatch(a -> PLACEHOLDER.matcher(a).find())) {
            add(at + "/command", "a warm worker's command starts the worker and takes no {placeholders}; inputs arrive as messages");
        }
        if (task.limits().maxJobsPerWorker() < 1) {
            add(at + "/limits/max-jobs-per-worker", "must be at least 1");
        }
        if (task.limits().startupTimeout().isZero() || task.limits().startupTimeout().isNegative()) {
            add(at + "/limits/startup-timeout", "must be more than 0");
        }
        if (!config.queues().containsKey(task.queue())) {
            add(at + "/queue", "no queue named '" + task.queue() + "'; declare it under queues:");
        }
        checkCommand(at, task);
        checkNoNul(at, task);
        if (task.workdir() != null && !isPath(task.workdir())) {
            add(at + "/workdir", notAPath(task.workdir()));
        } else {
            task.workdirPath().filter(dir -> !Files.isDirectory(dir))
                    .ifPresent(dir -> add(at + "/workdir", "folder " + baseDir.relativize(dir) + " does not exist"));
        }
        if (task.limits().timeout().isZero() || task.limits().timeout().isNegative()) {
            add(at + "/limits/timeout", "must be more than 0");
        }
        if (task.limits().killGrace().isNegative()) {
            add(at + "/limits/kill-grace", "cannot be negative");
        }
        task.limits().memoryLimit().ifPresent(memory -> {
            if (memory.bytes() < (1 << 20)) {
                add(at + "/limits/memory", "must be at least 1MB");
            } else if (memory.bytes() > config.node().memoryBudget().bytes()) {
                add(at + "/limits/memory", memory + " is more than node.memory-budget (" + config.node().memoryBudget()
                        + "): no job of this task could ever start");
            }
        });
        if (task.limits().maxLog().bytes() < 4096) {
            add(at + "/limits/max-log", "must be at least 4KB");
        }
        if (task.limits().threads() < 1) {
            add(at + "/limits/threads", "must be at least 1");
        }
        if (task.preflight().stream().anyMatch(String::isEmpty) || (!task.preflight().isEmpty() && task.preflight().get(0).isBlank())) {
            add(at + "/preflight", "must be a command such as [python3, -c, \"import numpy\"], without empty arguments");
        }
        if (task.limits().maxInterruptions() < 0) {
            add(at + "/limits/max-interruptions", "cannot be negative");
        }
        // why: a task that inherits the default holds the very same setting, which is checked once, at /sandbox
        if (task.sandbox() != config.sandbox()) {
            SandboxChecks.check(at + "/sandbox", task.sandbox(), hiddenFromSandbox(), this::add);
        }
        SandboxChecks.checkTask(at, task, hiddenFromSandbox(), this::add);
        if (task.retries() < 0) {
            add(at + "/retries", "cannot be negative");
        }
        QueueChecks.checkPriority(at + "/priority", task.priority(), this::add);
        SyncConfig.check(at + "/sync", task.sync(), this::add);
        task.inputs().forEach((input, spec) -> {
            if (spec == null) {
                add(at + "/inputs/" + input, "is empty; an input needs at least its type, e.g. { type: string }");
            } else {
                InputSpecChecks.check(at + "/inputs/" + input, input, spec, this::add);
            }
        });
        task.outputs().forEach((output, spec) -> {
            if (spec == null) {
                add(at + "/outputs/" + output, "is empty; an output needs its file, e.g. { file: result.txt }");
            } else {
                checkOutput(at + "/outputs/" + output, output, spec);
            }
        });
    }

    private void checkCommand(String at, TaskConfig task) {
        if (task.command().isEmpty() || task.command().get(0).isBlank()) {
            add(at + "/command", "is required: the program and its arguments, e.g. [python3, run.py, \"{out}\"]");
            return;
        }
        // why: a warm worker's command takes no placeholders at all, which is reported once, above
        for (int i = 0; i < task.command().size() && task.mode() != TaskMode.WARM; i++) {
            Matcher m = PLACEHOLDER.matcher(task.command().get(i));
            while (m.find()) {
                String ref = m.group(1);
                if (!ref.equals("out") && !task.inputs().containsKey(ref)) {
                    add(at + "/command/" + i, "{" + ref + "} names no input; declared inputs: "
                            + (task.inputs().isEmpty() ? "none" : String.join(", ", task.inputs().keySet())));
                }
            }
        }
        if (task.inputs().containsKey("out")) {
            add(at + "/inputs/out", "'out' is reserved for the output folder");
        }
    }

    private void checkOutput(String at, String name, OutputSpec spec) {
        if (!NAME.matcher(name).matches()) {
            add(at, "output names use a-z, 0-9, '-' and '_'");
        }
        if (spec.file() == null || spec.file().isBlank()) {
            add(at + "/file", "is required: the file the job writes into {out}");
            return;
        }
        if (!isPath(spec.file())) {
            add(at + "/file", notAPath(spec.file()));
            return;
        }
        Path file = Path.of(spec.file()).normalize();
        if (file.isAbsolute() || file.startsWith("..") || file.toString().isEmpty()) {
            add(at + "/file", "must be a path inside the job's output folder");
        }
    }

    // why: no argument, variable or path can hold a NUL; caught here it is a config error with its line, not a crash
    private void checkNoNul(String at, TaskConfig task) {
        for (int i = 0; i < task.command().size(); i++) {
            if (task.command().get(i).indexOf('\0') >= 0) {
                add(at + "/command/" + i, "must not contain NUL characters");
            }
        }
        for (int i = 0; i < task.preflight().size(); i++) {
            if (task.preflight().get(i).indexOf('\0') >= 0) {
                add(at + "/preflight/" + i, "must not contain NUL characters");
            }
        }
        task.env().forEach((name, value) -> {
            if (name.indexOf('\0') >= 0 || name.indexOf('=') >= 0 || name.isEmpty()) {
                add(at + "/env", "'" + name.replace("\0", "\\0") + "' is not an environment variable name");
            } else if (value == null) {
                add(at + "/env/" + name, "needs a value; write \"\" for an empty one");
            } else if (value.indexOf('\0') >= 0) {
                add(at + "/env/" + name, "must not contain NUL characters");
            }
        });
    }

    private List<Path> hiddenFromSandbox() {
        return List.of(config.storage().dataPath(), baseDir.toAbsolutePath().normalize());
    }

    /** Whether the text can be a file path on this system at all. */
    static boolean isPath(String text) {
        if (text == null || text.indexOf('\0') >= 0) {
            return false;
        }
        try {
            Path.of(text);
            return true;
        } catch (java.nio.file.InvalidPathException notAPath) {
            return false;
        }
    }

    private static String notAPath(String text) {
        return text != null && text.indexOf('\0') >= 0 ? "must not contain NUL characters" : "is not a valid path";
    }

    private void add(String pointer, String message) {
        problems.add(new Problem(pointer, message));
    }

}
