package dev.sluice.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        if (config.node().lease().compareTo(java.time.Duration.ofSeconds(3)) < 0) {
            add("/node/lease", "must be at least 3s (the node renews it every third of it)");
        }
        if (config.node().name() != null && !config.node().name().matches("[A-Za-z0-9._:-]{1,100}")) {
            add("/node/name", "use 1 to 100 of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
        }
        StorageChecks.check(config.storage(), this::add);
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
                new TaskChecks(config, baseDir, hiddenFromSandbox(), this::add).check(name, task);
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

    static String notAPath(String text) {
        return text != null && text.indexOf('\0') >= 0 ? "must not contain NUL characters" : "is not a valid path";
    }

    private void add(String pointer, String message) {
        problems.add(new Problem(pointer, message));
    }

}
