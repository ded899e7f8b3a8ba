package dev.sluice.config;

import java.time.Duration;
import java.util.List;

/**
 * `server.cors: { origins: [https://app.example], credentials: true, max-age: 10m }`: the web origins whose pages may
 * call the API from a browser, whether they may send the visitor's cookies, and how long a browser may remember the
 * answer to a preflight.
 */
public record CorsConfig(List<String> origins, Boolean credentials, Duration maxAge) {

    /** The one origin entry that stands for every origin (allowed only without credentials). */
    public static final String ANY_ORIGIN = "*";
    // why: Firefox keeps a preflight for at most 24 h and Chromium for 2 h; a longer value would only mislead
    public static final Duration LONGEST_MAX_AGE = Duration.ofHours(24);

    public CorsConfig {
        origins = origins == null ? List.of() : List.copyOf(origins);
        credentials = credentials != null && credentials;
        maxAge = maxAge == null ? Duration.ofMinutes(10) : maxAge;
    }
}
