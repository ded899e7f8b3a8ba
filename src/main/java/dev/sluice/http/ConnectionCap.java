package dev.sluice.http;

import java.time.Duration;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's connection limit (accepting pauses at the cap, so new connections wait in the system's accept queue),
 * where every connection open while the cap is reached gets the shorter idle timeout, so that silent
 * connections holding every slot give way.
 * why: Jetty shortens the idle timeout only of connections already set up when the cap is reached; the ones
 * accepted just before it are still being set up then, and would keep every slot for the full idle timeout.
 */
final class ConnectionCap extends NetworkConnectionLimit implements Connection.Listener {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCap.class);

    private final int max;
    private final long idleAtCapMillis;
    private volatile boolean atCap;
    private volatile long lastWarned;

    ConnectionCap(int max, Duration idleAtCap, AbstractConnector connector) {
        super(max, connector);
        this.max = max;
        this.idleAtCapMillis = idleAtCap.toMillis();
        setEndPointIdleTimeout(idleAtCapMillis);
    }

    @Override
    protected void limit() {
        atCap = true;
        long now = System.nanoTime();
        // why: under a flood the cap is reached and cleared many times a second; one line a minute says enough
        if (lastWarned == 0 || now - lastWarned > 60_000_000_000L) {
            lastWarned = now;
            log.warn("event=connection-limit-reached max={} reason=\"new connections wait until others close\"", max);
        }
        super.limit();
    }

    @Override
    protected void unlimit() {
        atCap = false;
        log.debug("event=connection-limit-cleared max={}", max);
        super.unlimit();
    }

    @Override
    public void onOpened(Connection connection) {
        if (atCap) {
            connection.getEndPoint().setIdleTimeout(idleAtCapMillis);
        }
    }
}
