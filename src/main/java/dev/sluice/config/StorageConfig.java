package dev.sluice.config;

import java.nio.file.Path;

/** Where jobs live: the data folder (database and job files) and which database. */
public record StorageConfig(String dataDir, String database) {

    public static final String EMBEDDED = "embedded";

    public StorageConfig {
        dataDir = dataDir == null ? "sluice-data" : dataDir;
        database = database == null ? EMBEDDED : database;
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }
}
