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

    /**
     * A request's raw path as the routes know it: without the base path when it starts with it, as it is otherwise
     * (a proxy may have stripped the prefix already).
     */
    String routed(String rawPath) {
        if (!basePath.isEmpty() && rawPath.startsWith(basePath)
                && (rawPath.length() == basePath.length() || rawPath.charAt(basePath.length()) == '/')) {
            String rest = rawPath.substring(basePath.length());
            return rest.isEmpty() ? "/" : rest;
        }
        return rawPath;
    }
}
