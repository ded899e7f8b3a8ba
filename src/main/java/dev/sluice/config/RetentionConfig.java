package dev.sluice.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How long finished jobs are kept (row, folder, uploads): `keep` for successful and dismissed ones, `keep-failed` for
 * failed ones (default: `keep`). Top-level for every task; a task's own `retention` overrides what it sets.
 */
public record RetentionConfig(Duration keep, Duration keepFailed) {

    public static final RetentionConfig FOREVER = new RetentionConfig(null, null);

    public Optional<Duration> keepIfAny() {
        return Optional.ofNullable(keep);
    }

    public Optional<Duration> keepFailedIfAny() {
        return Optional.ofNullable(keepFailed).or(this::keepIfAny);
    }

    /** This task's setting, with what it leaves out taken from {@code defaults}. */
    public RetentionConfig over(RetentionConfig defaults) {
        return new RetentionConfig(keep != null ? keep : defaults.keep(), keepFailed != null ? keepFailed : defaults.keepFailed());
    }
}
