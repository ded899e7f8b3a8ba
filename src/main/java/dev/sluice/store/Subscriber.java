package dev.sluice.store;

import java.util.Optional;

/** The URLs an execute request asked to be called at: when its job succeeds, starts running, or fails. */
public record Subscriber(Optional<String> successUri, Optional<String> inProgressUri, Optional<String> failedUri,
                         Optional<String> origin) {

    /** The URLs alone, before the request that named them is known. */
    public Subscriber(Optional<String> successUri, Optional<String> inProgressUri, Optional<String> failedUri) {
        this(successUri, inProgressUri, failedUri, Optional.empty());
    }

    /**
     * The same URLs, remembering the scheme and host the submitting request named (`https://host`).
     * why: a callback body is made long after that request; its links are made absolute with this origin
     */
    public Subscriber withOrigin(Optional<String> named) {
        return new Subscriber(successUri, inProgressUri, failedUri, named);
    }

    public boolean isEmpty() {
        return successUri.isEmpty() && inProgressUri.isEmpty() && failedUri.isEmpty();
    }
}
