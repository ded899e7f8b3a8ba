package dev.sluice.app;

import dev.sluice.config.SluiceConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** How a node sharing a database names itself, and what it tells the others of its version and address. */
final class NodeNames {

    private NodeNames() {
    }

    /**
     * The configured name, else host:port; with port 0 (any free port) host:pid, so that two nodes of one machine never
     * share a name, and with it the marker that finds their workers.
     */
    static String of(SluiceConfig config) {
        return config.node().nameIfSet().orElseGet(() -> host() + ":"
                + (config.server().port() != 0 ? String.valueOf(config.server().port()) : "pid" + ProcessHandle.current().pid()));
    }

    /** Where the node's HTTP server listens, as the others can use it. */
    static String address(SluiceConfig config, int port) {
        String host = config.server().host();
        boolean anyAddress = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
        String shown = anyAddress ? host() : host;
        return (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port;
    }

    static String version() {
        String version = SluiceServer.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
