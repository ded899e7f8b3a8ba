package dev.sluice.http;

import java.util.Optional;

/**
 * Who sent a request: the key of its submitter token (a SHA-256, never the token itself) if it sent one,
 * and whether it proved to be the admin.
 */
record Caller(Optional<String> key, boolean admin) {

    static final Caller ANONYMOUS = new Caller(Optional.empty(), false);

    boolean owns(Optional<String> owner) {
        return key.isPresent() && key.equals(owner);
    }
}
