package dev.sluice.http;

import dev.sluice.config.ServerConfig;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import java.util.Optional;

/**
 * What one client, or many, may take of the server: a connection that stays silent is closed after
 * `idle-timeout`; a request head must arrive within `request-timeout`, and a body at `min-upload-rate` after
 * it; beyond `max-connections` new connections wait in the system's accept queue until one closes.
 */
final class ClientLimits {

    private ClientLimits() {
    }

    /** Plain HTTP on `server.listen`, or HTTPS with {@code tls} when it is given. */
    static void apply(JavalinConfig cfg, ServerConfig server, Optional<SslContextFactory.Server> tls) {
        cfg.jetty.addConnector((jetty, http) -> {
            // why: small static files are answered on the thread that reads the request (StaticMountHandler); with
            // Jetty's default of one such thread per two cores, they could not use every core
            int selectors = Runtime.getRuntime().availableProcessors();
            ServerConnector connector = tls.map(ssl -> new ServerConnector(jetty, -1, selectors, HttpsConnectionFactories.of(http, ssl,
                    server.tls().hstsIfAny()))).orElseGet(() -> new ServerConnector(jetty, -1, selectors, new HttpConnectionFactory(http)));
            connector.setHost(server.host());
            connector.setPort(server.port());
            connector.setIdleTimeout(server.idleTimeout().toMillis());
            // why: while new connections wait, connections that sit idle give way sooner than usual
            ConnectionCap cap = new ConnectionCap(server.maxConnections(),
                    server.idleTimeout().compareTo(server.requestTimeout()) < 0 ? server.idleTimeout() : server.requestTimeout(), connector);
            connector.addBean(cap);
            connector.addBean(new RequestHeadDeadline(connector, server.requestTimeout()));
            return connector;
        });
        cfg.jetty.modifyServer(jetty -> jetty.insertHandler(new SlowBodyGuard(server.requestTimeout(), server.minUploadRate())));
    }
}
