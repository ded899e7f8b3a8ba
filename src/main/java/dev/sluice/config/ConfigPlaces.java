package dev.sluice.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Names the file, line and dotted key of a place in a config already loaded, for problems found after loading. */
public final class ConfigPlaces {

    private final String source;
    private final ConfigLocations locations;

    private ConfigPlaces(String source, ConfigLocations locations) {
        this.source = source;
        this.locations = locations;
    }

    /** The places of {@code file}; without lines when it cannot be read again (it was read a moment ago). */
    public static ConfigPlaces of(Path file) {
        String source = file.getFileName().toString();
        try {
            return new ConfigPlaces(source, ConfigLocations.index(source, Files.readString(file)));
        } catch (IOException unreadable) {
            return new ConfigPlaces(source, null);
        }
    }

    /** `sluice.yaml:12: tasks.echo.command[0]: message`, as the loader's own problems read. */
    public String describe(String pointer, String message) {
        if (locations == null) {
            String key = ConfigLocations.dottedKey(pointer);
            return source + ": " + (key.isEmpty() ? "" : key + ": ") + message;
        }
        return locations.describe(pointer, message);
    }
}
