package dev.sluice.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How long finished jobs are kept (row, folder, uploads): `keep` for successful and dismissed ones, `keep-failed` for
 * failed ones (default: `keep`), and `max-disk` for the folders of all finished jobs together. Top-level for every
 * task; a task's own `retention` overrides the keep times it sets.
 */
public record RetentionConfig(Duration keep, Duration keepFailed, DataSize maxDisk) {

    public static final RetentionConfig FOREVER = new RetentionConfig(null, null, null);

    public Optional<Duration> keepIfAny() {
        return Optional.ofNullable(keep);
    }

    public Optional<Duration> keepFailedIfAny() {
        return Optional.ofNullable(keepFailed).or(this::keepIfAny);
    }

    /** The most the folders of finished jobs may take together before the oldest are removed (top-level only). */
    public Optional<DataSize> maxDiskIfAny() {
        return Optional.ofNullable(maxDisk);
    }

    /** This task's setting, with what it leaves out taken from {@code defaults}. */
    public RetentionConfig over(RetentionConfig defaults) {
        return new RetentionConfig(keep != null ? keep : defaults.keep(), keepFailed != null ? keepFailed : defaults.keepFailed(),
                defaults.maxDisk());
    }
}
