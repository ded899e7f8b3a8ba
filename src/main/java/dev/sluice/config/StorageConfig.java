package dev.sluice.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where jobs live: the data folder (database and job files), which database, and what an accepted job must
 * survive: any crash of the server (`crash`, the default) or also a power loss (`power-loss`: every
 * acceptance is synced to disk before the 201). With a PostgreSQL database its password comes from the URL,
 * from {@code password} (`SLUICE_STORAGE_PASSWORD` sets it from the environment) or from {@code password-file}.
 */
public record StorageConfig(String dataDir, String database, Durability durability, String password,
                            String passwordFile) {

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

    /** The PostgreSQL server the config names, or empty for the embedded database (call on a checked config). */
    public Optional<DatabaseUrl> postgres() {
        if (EMBEDDED.equals(database)) {
            return Optional.empty();
        }
        return switch (DatabaseUrl.parse(database)) {
            case DatabaseUrl.Result.Parsed parsed -> Optional.of(parsed.url());
            case DatabaseUrl.Result.Refused refused -> throw new IllegalStateException("storage.database " + refused.reason());
        };
    }

    /**
     * The PostgreSQL password: the URL's, else {@code password}, else the first line of {@code password-file} (read
     * now, so a renewed file is read at the next start); empty when none is given.
     */
    public String postgresPassword() {
        Optional<String> inUrl = postgres().flatMap(DatabaseUrl::password);
        if (inUrl.isPresent()) {
            return inUrl.get();
        }
        if (password != null) {
            return password;
        }
        if (passwordFile == null) {
            return "";
        }
        try {
            return Files.readString(Path.of(passwordFile)).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read storage.password-file " + passwordFile, e);
        }
    }

    /** Never the password. */
    @Override
    public String toString() {
        String shown = switch (DatabaseUrl.parse(database)) {
            case DatabaseUrl.Result.Parsed parsed -> parsed.url().toString();
            case DatabaseUrl.Result.Refused refused -> EMBEDDED.equals(database) ? database : "(not a valid URL)";
        };
        return "StorageConfig[data-dir=" + dataDir + ", database=" + shown
                + ", durability=" + durability + (passwordFile == null ? "" : ", password-file=" + passwordFile) + "]";
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }
}
