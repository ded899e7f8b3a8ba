package dev.sluice.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears what the nodes sharing a PostgreSQL database tell each other ({@link PostgresNotices}), on one connection of
 * its own outside the pool that LISTENs and waits. When the connection drops (a database restart), it connects and
 * LISTENs again, waiting longer after each failed try; what was sent meanwhile is lost, so once back it tells every
 * listener that something may have been missed.
 */
final class PostgresSignals implements ClusterSignals, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresSignals.class);

    /** The channel of queues that got work; the payload names the queue ({@link SignalPayload}). */
    static final String WAKE = "sluice_wake";
    /** The channel of jobs that changed; the payload is a {@link SignalPayload}. */
    static final String EVENTS = "sluice_events";
    /** The listening connection's name in pg_stat_activity. */
    static final String APPLICATION_NAME = "sluice signals";
    /** How long a quiet connection is waited on before it is asked whether it is still there. */
    static final Duration QUIET_CHECK = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PostgresSettings settings;
    private final String origin;
    private final List<QueueWork> work = new CopyOnWriteArrayList<>();
    private final RemoteChangeRelay relay = new RemoteChangeRelay();
    private volatile boolean open;
    private volatile Connection connection;
    private Thread listener;

    /** {@code origin} is this node's name in what it sends ({@link PostgresNotices}): its own changes are not relayed. */
    PostgresSignals(PostgresSettings settings, String origin) {
        this.settings = settings;
        this.origin = origin;
    }

    /** A name for this node's signals, new at every start: nodes need only tell each other apart. */
    static String newOrigin() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void onQueueWork(QueueWork listener) {
        work.add(listener);
    }

    @Override
    public void onRemoteChange(RemoteChanges listener) {
        relay.add(listener);
    }

    @Override
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        open = true;
        relay.start();
        try {
            connection = listen();
        } catch (SQLException unreachable) {
            log.warn("event=signals-down database={} error=\"{}\"", PostgresDatabase.where(settings), unreachable.getMessage());
        }
        listener = Thread.ofVirtual().name("postgres-signals").start(this::run);
    }

    private Connection listen() throws SQLException {
        Connection fresh = PostgresDatabase.connect(settings, APPLICATION_NAME);
        try (Statement sql = fresh.createStatement()) {
            sql.execute("LISTEN " + WAKE);
            sql.execute("LISTEN " + EVENTS);
            return fresh;
        } catch (SQLException failed) {
            closeQuietly(fresh);
            throw failed;
        }
    }

    // why: every pass catches everything, so the node never stops hearing the others for a surprise
    private void run() {
        Duration retry = FIRST_RETRY;
        boolean down = connection == null;
        while (open) {
            try {
                if (connection == null) {
                    connection = listen();
                    if (!open) {
                        closeQuietly(connection);
                        return;
                    }
                    log.info("event=signals-back database={}", PostgresDatabase.where(settings));
                    down = false;
                    retry = FIRST_RETRY;
                    tellMissed();
                }
                waitForBatch(connection);
            } catch (SQLException | RuntimeException lost) {
                if (!open) {
                    return;
                }
                if (!down) {
                    down = true;
                    log.warn("event=signals-lost database={} error=\"{}\"", PostgresDatabase.where(settings), lost.getMessage());
                }
                closeQuietly(connection);
                connection = null;
                LockSupport.parkNanos(retry.toNanos());
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private void waitForBatch(Connection listening) throws SQLException {
        PGNotification[] batch = listening.unwrap(PGConnection.class).getNotifications((int) QUIET_CHECK.toMillis());
        if (batch != null && batch.length > 0) {
            deliver(batch);
        } else if (!listening.isValid((int) QUIET_CHECK.toSeconds())) {
            // why: a connection whose host vanished says nothing at all; TCP keep-alive would notice only after hours
            throw new SQLException("the listening connection no longer answers");
        }
    }

    /**
     * why: a burst of submissions arrives as one batch; each queue hears once, with how many came. This node's own
     * wake-ups are passed over: the node woke its queue as it committed, and each echo cost an idle slot a claim that
     * found nothing (bench/postgres: a claim more for every second job).
     */
    void deliver(PGNotification[] batch) {
        Map<String, Integer> queued = new LinkedHashMap<>();
        for (PGNotification notification : batch) {
            if (WAKE.equals(notification.getName())) {
                SignalPayload.queueFromOthers(notification.getParameter(), origin).ifPresent(queue -> {
                    queued.merge(queue, 1, Integer::sum);
                    if (queue.equals(SignalPayload.EVERY_QUEUE)) {
                        relay.mayHaveMissed();
                    }
                });
            } else if (EVENTS.equals(notification.getName())) {
                SignalPayload.parse(notification.getParameter())
                        .filter(heard -> !heard.origin().equals(origin))
                        .ifPresent(heard -> relay.heard(heard.change()));
            }
        }
        if (queued.containsKey(SignalPayload.EVERY_QUEUE)) {
            tell(QueueWork::mayHaveMissed);
        } else {
            queued.forEach((queue, signals) -> tell(listener -> listener.arrived(queue, signals)));
        }
    }

    private void tellMissed() {
        tell(QueueWork::mayHaveMissed);
        relay.mayHaveMissed();
    }

    private void tell(java.util.function.Consumer<QueueWork> call) {
        for (QueueWork listener : work) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.error("event=queue-work-listener-failed listener={}", listener.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public void close() {
        Thread listening;
        synchronized (this) {
            open = false;
            listening = listener;
        }
        Connection current = connection;
        if (current != null) {
            abortQuietly(current);
        }
        if (listening != null) {
            LockSupport.unpark(listening);
            try {
                listening.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        relay.stop();
    }

    // why: abort, not close: close would wait for the listening thread's read to time out
    private static void abortQuietly(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException alreadyGone) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException alreadyGone) {
            // the server ends the session, and its LISTENs with it, however the connection ends
        }
    }
}
