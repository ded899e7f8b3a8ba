package dev.sluice.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One `static:` mount: the folder whose files are served under a URL prefix, how long clients may cache them
 * (`cache`, none: revalidate every time) and the file sent for paths that name no file (`fallback`, such as a
 * single-page app's index.html). The short form `"/docs": ./site` gives only the folder.
 */
public record StaticMount(String dir, Duration cache, String fallback) {

    public Path dirPath() {
        return Path.of(dir).toAbsolutePath().normalize();
    }

    public Optional<Duration> cacheFor() {
        return Optional.ofNullable(cache);
    }

    public Optional<String> fallbackFile() {
        return Optional.ofNullable(fallback);
    }
}
