package dev.sluice.store;

import java.time.Instant;
import java.util.Optional;

/** Maintenance mode as an admin set it: what users are told, since when, and when it ends by itself, if it does. */
public record Maintenance(String message, Instant since, Optional<Instant> until) {

    public boolean activeAt(Instant now) {
        return until.map(now::isBefore).orElse(true);
    }
}
