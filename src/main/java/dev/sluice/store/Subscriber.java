package dev.sluice.store;

import java.util.Optional;

/** The URLs an execute request asked to be called at: when its job succeeds, starts running, or fails. */
public record Subscriber(Optional<String> successUri, Optional<String> inProgressUri, Optional<String> failedUri) {

    public boolean isEmpty() {
        return successUri.isEmpty() && inProgressUri.isEmpty() && failedUri.isEmpty();
    }
}
