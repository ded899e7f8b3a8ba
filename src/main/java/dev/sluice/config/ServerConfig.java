package dev.sluice.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP side: where to listen, how large a request may be, how long and how slowly a client may take to
 * send one (so slow or silent clients cannot hold connections for ever), how many connections at once, how
 * often an open event stream gets a keep-alive comment, how long a stop waits for running jobs before it stops
 * them and puts them back in their queue, who may read which job, and how much memory decoding uploaded images
 * may take at once, and who may read `GET /metrics` (the admin, unless `metrics: public`); which other origins' pages
 * may call the API (`cors`), which proxies' forwarding headers are believed (`trusted-proxies`), the URL prefix
 * every route, page and link lives under (`base-path`, empty for none), whether it speaks HTTPS (`tls`), and where
 * and how it calls back the `subscriber` URLs of execute requests (`callbacks`).
 */
public record ServerConfig(String listen, DataSize maxUpload, Duration idleTimeout, Duration requestTimeout,
                           DataSize minUploadRate, Integer maxConnections, Duration keepAlive, Duration drainTimeout,
                           AuthConfig auth, DataSize decodeMemory, MetricsAccess metrics, CorsConfig cors,
                           List<String> trustedProxies, String basePath, TlsConfig tls, CallbacksConfig callbacks) {

    /** Who may read `GET /metrics`: the admin only (as the admin pages), or anyone who can reach the server. */
    public enum MetricsAccess {
        @com.fasterxml.jackson.annotation.JsonProperty("admin") ADMIN,
        @com.fasterxml.jackson.annotation.JsonProperty("public") PUBLIC
    }

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final DataSize DEFAULT_MIN_UPLOAD_RATE = new DataSize(1024);
    public static final int DEFAULT_MAX_CONNECTIONS = 500;

    public ServerConfig {
        listen = listen == null ? "127.0.0.1:8080" : listen.trim();
        maxUpload = maxUpload == null ? DataSize.ofMegabytes(100) : maxUpload;
        idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        minUploadRate = minUploadRate == null ? DEFAULT_MIN_UPLOAD_RATE : minUploadRate;
        maxConnections = maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections;
        keepAlive = keepAlive == null ? Duration.ofSeconds(15) : keepAlive;
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
        auth = auth == null ? new AuthConfig(null, null, null) : auth;
        decodeMemory = decodeMemory == null ? defaultDecodeMemory() : decodeMemory;
        metrics = metrics == null ? MetricsAccess.ADMIN : metrics;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        // why: "/" and "/sluice/" mean the same as "" and "/sluice"; links are built by appending "/jobs/…"
        basePath = basePath == null ? "" : basePath.strip().replaceAll("/+$", "");
        tls = tls == null ? TlsConfig.OFF : tls;
        callbacks = callbacks == null ? CallbacksConfig.DEFAULT : callbacks;
    }

    /** The CORS policy of the API, if the config sets one (without it, no page of another origin may read the API). */
    public Optional<CorsConfig> corsIfAny() {
        return Optional.ofNullable(cors);
    }

    /** A quarter of physical memory, at least 256 MB and at most 2 GB: decoders also use memory outside the heap. */
    private static DataSize defaultDecodeMemory() {
        long physical = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        return new DataSize(Math.clamp(physical / 4, DataSize.ofMegabytes(256).bytes(), DataSize.ofMegabytes(2048).bytes()));
    }

    public ServerConfig(String listen, DataSize maxUpload) {
        this(listen, maxUpload, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The address to show people: scheme, host (bracketed when IPv6), the port bound and the base path, no slash after. */
    public String urlFor(int boundPort) {
        String shown = host().contains(":") ? "[" + host() + "]" : host();
        return (tls().enabled() ? "https://" : "http://") + shown + ":" + boundPort + basePath;
    }

    public String host() {
        int colon = listen.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : listen.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port, or -1 when `listen` does not end in a valid one. */
    public int port() {
        int colon = listen.lastIndexOf(':');
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            return port >= 0 && port <= 65535 ? port : -1;
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
