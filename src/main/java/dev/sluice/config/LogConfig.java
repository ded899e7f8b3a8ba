package dev.sluice.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * `log: { file: sluice.log, max-size: 10MB, keep: 5 }`: the server also writes its log to a file (relative to the
 * config's folder), rolled over at `max-size` into `sluice.log.1` … `sluice.log.<keep>`, the oldest dropped.
 */
public record LogConfig(String file, DataSize maxSize, Integer keep) {

    public static final LogConfig STDERR_ONLY = new LogConfig(null, null, null);

    public LogConfig {
        maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
        keep = keep == null ? 5 : keep;
    }

    public Optional<Path> filePath() {
        return Optional.ofNullable(file).map(f -> Path.of(f).toAbsolutePath().normalize());
    }
}
