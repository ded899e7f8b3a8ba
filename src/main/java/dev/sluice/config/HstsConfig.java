package dev.sluice.config;

import java.time.Duration;

/** `server.tls.hsts: { max-age: 365d, include-subdomains: false }`: browsers are told to use only https for this host. */
public record HstsConfig(Duration maxAge, Boolean includeSubdomains) {

    public HstsConfig {
        maxAge = maxAge == null ? Duration.ofDays(365) : maxAge;
        includeSubdomains = includeSubdomains != null && includeSubdomains;
    }

    /** The value of the Strict-Transport-Security header. */
    public String headerValue() {
        return "max-age=" + maxAge.toSeconds() + (includeSubdomains ? "; includeSubDomains" : "");
    }
}
