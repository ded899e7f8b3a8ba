package dev.sluice.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head (request line and headers), or TLS handshake, is still incomplete after
 * the request timeout. The idle timeout alone cannot do it: a client sending one byte a second is never idle, and the head
 * may hold 8 KB, so without this it would keep a connection for over two hours.
 * why: Jetty has no timeout for the head; its parser's state, read every second, says which connections are
 * half-way through one. The reading is approximate (up to one period late), which is all a timeout needs.
 */
final class RequestHeadDeadline extends AbstractLifeCycle {

    private static final Logger log = LoggerFactory.getLogger(RequestHeadDeadline.class);

    private record Episode(long requests, long since) {
    }

    private final AbstractConnector connector;
    private final long timeoutNanos;
    private final long periodMillis;
    private final Map<Connection, Episode> inHead = new HashMap<>();
    private volatile Scheduler.Task next;

    RequestHeadDeadline(AbstractConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeoutNanos = timeout.toNanos();
        this.periodMillis = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
        synchronized (inHead) {
            inHead.clear();
        }
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next = connector.getScheduler().schedule(this::sweep, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    // why: over TLS the connection on the socket decrypts; the HTTP/1.1 connection sits on its decrypted end point
    private static Connection unwrapped(Connection connection) {
        return connection instanceof SslConnection tls ? tls.getSslEndPoint().getConnection() : connection;
    }

    // why: a TLS handshake trickled a byte at a time is never idle either; until it completes, the session has no cipher
    private static boolean handshaking(SslConnection tls) {
        return "SSL_NULL_WITH_NULL_NULL".equals(tls.getSSLEngine().getSession().getCipherSuite());
    }

    private void sweep() {
        try {
            long now = NanoTime.now();
            Map<Connection, Episode> seen = new HashMap<>();
            synchronized (inHead) {
                for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                    if (endPoint.getConnection() instanceof SslConnection tls && handshaking(tls)
                            && System.currentTimeMillis() - tls.getCreatedTimeStamp() > timeoutNanos / 1_000_000) {
                        log.info("event=slow-request-closed remote={} phase=tls-handshake reason=\"handshake incomplete after {} ms\"",
                                endPoint.getRemoteSocketAddress(), timeoutNanos / 1_000_000);
                        endPoint.close();
                        continue;
                    }
                    if (!(unwrapped(endPoint.getConnection()) instanceof HttpConnection http)) {
                        continue;
                    }
                    HttpParser parser = http.getParser();
                    if (parser.isStart() || !parser.inHeaderState()) {
                        continue;
                    }
                    Episode before = inHead.get(http);
                    Episode episode = before != null && before.requests() == http.getMessagesIn()
                            ? before : new Episode(http.getMessagesIn(), now);
                    if (NanoTime.elapsed(episode.since(), now) > timeoutNanos) {
                        log.info("event=slow-request-closed remote={} phase=head reason=\"request head incomplete after {} ms\"",
                                endPoint.getRemoteSocketAddress(), timeoutNanos / 1_000_000);
                        endPoint.close();
                    } else {
                        seen.put(http, episode);
                    }
                }
                inHead.clear();
                inHead.putAll(seen);
            }
        } catch (RuntimeException e) {
            log.warn("event=head-deadline-failed reason=\"{}\"", e.toString());
        } finally {
            schedule();
        }
    }
}
