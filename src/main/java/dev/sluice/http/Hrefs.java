package dev.sluice.http;

/** The paths the server writes into documents and headers: its own, under `server.base-path` when one is set. */
record Hrefs(String basePath) {

    static Hrefs of(dev.sluice.config.SluiceConfig config) {
        return new Hrefs(config.server().basePath());
    }

    /** {@code path} (starting with '/') as a client must ask for it. */
    String to(String path) {
        return basePath + path;
    }
}
