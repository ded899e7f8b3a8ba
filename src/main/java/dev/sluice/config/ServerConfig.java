package dev.sluice.config;

/**
 * The HTTP side: where to listen, how large a request may be, how often an open event stream gets a
 * keep-alive comment (so proxies and browsers do not take a quiet stream for a dead one), how long a stop
 * waits for running jobs before it stops them and puts them back in their queue, and who may read which job.
 */
public record ServerConfig(String listen, DataSize maxUpload, java.time.Duration keepAlive, java.time.Duration drainTimeout,
                           AuthConfig auth) {

    public ServerConfig {
        listen = listen == null ? "127.0.0.1:8080" : listen.trim();
        maxUpload = maxUpload == null ? DataSize.ofMegabytes(100) : maxUpload;
        drainTimeout = drainTimeout == null ? java.time.Duration.ofSeconds(30) : drainTimeout;
        keepAlive = keepAlive == null ? java.time.Duration.ofSeconds(15) : keepAlive;
        auth = auth == null ? new AuthConfig(null, null, null) : auth;
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
