package dev.sluice.config;

import java.nio.file.Path;

/** Where jobs live: the data folder (database and job files) and which database. */
public record StorageConfig(String dataDir, String database) {

    public static final String EMBEDDED = "embedded";
    public static final String DEFAULT_DATA_DIR = "sluice-data";

    public StorageConfig {
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        database = database == null ? EMBEDDED : database;
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }
}
