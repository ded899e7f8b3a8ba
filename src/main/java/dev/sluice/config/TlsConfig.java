package dev.sluice.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * `server.tls`: serve HTTPS (HTTP/2 and HTTP/1.1) on `server.listen`, with a certificate from PEM files (`cert`,
 * `key`, reloaded when they change) or obtained and renewed from an ACME server (`acme`); optionally HSTS, and a
 * plain HTTP listener (`http-listen`) that redirects to https and answers ACME challenges.
 */
public record TlsConfig(String cert, String key, HstsConfig hsts, String httpListen, AcmeConfig acme) {

    /** No TLS: the server speaks plain HTTP on `server.listen`. */
    public static final TlsConfig OFF = new TlsConfig(null, null, null, null, null);

    public TlsConfig {
        httpListen = httpListen == null ? null : httpListen.trim();
    }

    public boolean enabled() {
        return cert != null || key != null || acme != null;
    }

    public Optional<Path> certPath() {
        return Optional.ofNullable(cert).map(Path::of);
    }

    public Optional<Path> keyPath() {
        return Optional.ofNullable(key).map(Path::of);
    }

    public Optional<HstsConfig> hstsIfAny() {
        return Optional.ofNullable(hsts);
    }

    public Optional<AcmeConfig> acmeIfAny() {
        return Optional.ofNullable(acme);
    }

    /** The plain listener's address, when one is configured. */
    public Optional<Listen> plainListener() {
        return Optional.ofNullable(httpListen).map(Listen::parse);
    }
}
