package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * `static:`: URL prefixes mapped to folders whose files are served as they are, and the config file the server
 * was read from, which is never served even when a mounted folder holds it.
 */
public record StaticConfig(Map<String, StaticMount> mounts, Path configFile) {

    public static final StaticConfig NONE = new StaticConfig(Map.of(), null);

    /**
     * The first path segments of Sluice's own routes (and of `/api`, kept for the OpenAPI description): a mount there
     * would hide them. A test compares this with the routes the HTTP server registers.
     */
    public static final java.util.Set<String> ROUTE_SEGMENTS = java.util.Set.of("admin", "api", "api.html", "assets", "conformance",
            "health", "jobs", "metrics", "processes", "results", "sluice.py", "tasks");

    public StaticConfig {
        mounts = mounts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(mounts));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static StaticConfig of(Map<String, StaticMount> mounts) {
        return new StaticConfig(mounts, null);
    }

    public StaticConfig withConfigFile(Path file) {
        return new StaticConfig(mounts, file.toAbsolutePath().normalize());
    }

    public Optional<Path> configFileIfKnown() {
        return Optional.ofNullable(configFile);
    }
}
