package dev.sluice.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The whole, validated configuration of one Sluice server: what `sluice.yaml` says, with defaults filled in. */
public record SluiceConfig(
        ServerConfig server,
        StorageConfig storage,
        NodeConfig node,
        Map<String, TaskConfig> tasks,
        Map<String, QueueConfig> queues) {

    public static final String DEFAULT_QUEUE = "default";

    public SluiceConfig {
        server = server == null ? new ServerConfig(null, null) : server;
        storage = storage == null ? new StorageConfig(null, null, null) : storage;
        node = node == null ? new NodeConfig(null) : node;
        tasks = tasks == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        Map<String, QueueConfig> withDefault = new LinkedHashMap<>();
        withDefault.put(DEFAULT_QUEUE, new QueueConfig(null, null));
        if (queues != null) {
            withDefault.putAll(queues);
        }
        queues = java.util.Collections.unmodifiableMap(withDefault);
    }

    public Optional<TaskConfig> task(String name) {
        return Optional.ofNullable(tasks.get(name));
    }

    public QueueConfig queue(String name) {
        return queues.getOrDefault(name, new QueueConfig(null, null));
    }
}
