package dev.sluice.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The whole, validated configuration of one Sluice server: what `sluice.yaml` says, with defaults filled in. */
public record SluiceConfig(
        ServerConfig server,
        StorageConfig storage,
        NodeConfig node,
        Map<String, TaskConfig> tasks,
        Map<String, QueueConfig> queues,
        SandboxConfig sandbox,
        Map<String, ScheduleConfig> schedules,
        RetentionConfig retention,
        LogConfig log,
        @com.fasterxml.jackson.annotation.JsonIgnore Path configFolder,
        @com.fasterxml.jackson.annotation.JsonProperty("static") StaticConfig staticFiles) {

    public static final String DEFAULT_QUEUE = "default";

    public SluiceConfig {
        server = server == null ? new ServerConfig(null, null) : server;
        storage = storage == null ? new StorageConfig(null, null, null, null, null) : storage;
        node = node == null ? new NodeConfig(null) : node;
        sandbox = sandbox == null ? SandboxConfig.OFF : sandbox;
        retention = retention == null ? RetentionConfig.FOREVER : retention;
        log = log == null ? LogConfig.STDERR_ONLY : log;
        configFolder = configFolder == null ? Path.of("").toAbsolutePath() : configFolder;
        staticFiles = staticFiles == null ? StaticConfig.NONE : staticFiles;
        tasks = tasks == null ? Map.of() : withSandboxDefault(tasks, sandbox);
        schedules = schedules == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(schedules));
        Map<String, QueueConfig> withDefault = new LinkedHashMap<>();
        withDefault.put(DEFAULT_QUEUE, new QueueConfig(null, null));
        if (queues != null) {
            withDefault.putAll(queues);
        }
        queues = java.util.Collections.unmodifiableMap(withDefault);
    }

    /** The same configuration, read from a file in {@code folder} (which a sandbox hides from jobs). */
    public SluiceConfig withConfigFolder(Path folder) {
        return new SluiceConfig(server, storage, node, tasks, queues, sandbox, schedules, retention, log,
                folder.toAbsolutePath().normalize(), staticFiles);
    }

    /** The same configuration, read from {@code file}: its folder as {@link #withConfigFolder}, and the file itself never served. */
    public SluiceConfig withConfigFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return new SluiceConfig(server, storage, node, tasks, queues, sandbox, schedules, retention, log,
                absolute.getParent(), staticFiles.withConfigFile(absolute));
    }

    // why: the top-level `sandbox` is the default of every task that says nothing about it
    private static Map<String, TaskConfig> withSandboxDefault(Map<String, TaskConfig> tasks, SandboxConfig sandbox) {
        Map<String, TaskConfig> filled = new LinkedHashMap<>();
        tasks.forEach((name, task) -> filled.put(name, task == null ? null : task.inheritingSandbox(sandbox)));
        return java.util.Collections.unmodifiableMap(filled);
    }

    public Optional<TaskConfig> task(String name) {
        return Optional.ofNullable(tasks.get(name));
    }

    public QueueConfig queue(String name) {
        return queues.getOrDefault(name, new QueueConfig(null, null));
    }
}
