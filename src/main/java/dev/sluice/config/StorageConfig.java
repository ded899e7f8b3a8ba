package dev.sluice.config;

import java.nio.file.Path;

/**
 * Where jobs live: the data folder (database and job files), which database, and what an accepted job must
 * survive: any crash of the server (`crash`, the default) or also a power loss (`power-loss`: every
 * acceptance is synced to disk before the 201).
 */
public record StorageConfig(String dataDir, String database, Durability durability) {

    /** What a committed acceptance survives. */
    public enum Durability {
        @com.fasterxml.jackson.annotation.JsonProperty("crash") CRASH,
        @com.fasterxml.jackson.annotation.JsonProperty("power-loss") POWER_LOSS
    }

    public static final String EMBEDDED = "embedded";
    public static final String DEFAULT_DATA_DIR = "sluice-data";

    public StorageConfig {
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        database = database == null ? EMBEDDED : database;
        durability = durability == null ? Durability.CRASH : durability;
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }
}
