package dev.sluice.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a node's notifications after the commits they tell of, on a thread of its own: whatever is waiting goes in one
 * transaction. why: a transaction that NOTIFYs holds a lock of the whole PostgreSQL cluster from its commit until the
 * commit is on disk, so notifying commits queue behind each other's disk flushes; inside the jobs' own transactions
 * that cut 16 clients' insert commits from ~2,000 to ~450 a second (bench/postgres/NotifyCost.java). A batch here
 * commits without waiting for the disk (a crash loses the notification, which a crash would lose anyway), holds the
 * lock for a moment, and the change costs its caller no round trip at all.
 */
final class PostgresNoticeSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresNoticeSender.class);

    /** How many notifications may wait for a database that does not answer; beyond, they are dropped. */
    static final int MOST_WAITING = 10_000;
    private static final int LARGEST_BATCH = 1_000;
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final String SEND = "SELECT set_config('synchronous_commit', 'off', true), pg_notify(channel, payload)"
            + " FROM unnest(?::text[], ?::text[]) AS notice(channel, payload)";

    /** One notification: its channel and payload. */
    record Notice(String channel, String payload) {
    }

    private static final Notice STOP = new Notice("", "");

    private final Transactions db;
    private final Notice dropNotice;
    private final BlockingQueue<Notice> pending = new ArrayBlockingQueue<>(MOST_WAITING);
    private final AtomicBoolean dropped = new AtomicBoolean();
    private volatile boolean open = true;
    private Thread sender;

    /** {@code dropNotice} is sent ahead of the next batch once some were dropped, so the others know to look again. */
    PostgresNoticeSender(Transactions db, Notice dropNotice) {
        this.db = db;
        this.dropNotice = dropNotice;
    }

    /** Queues a notification, to be sent at once; never waits. */
    void send(Notice notice) {
        if (!open) {
            return;
        }
        startOnce();
        if (!pending.offer(notice)) {
            dropped.set(true);
        }
    }

    // why: only a store that changes jobs has anything to send; a command that reads one starts no thread
    private synchronized void startOnce() {
        if (sender == null) {
            sender = Thread.ofVirtual().name("postgres-notices").start(this::run);
        }
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        boolean failing = false;
        List<Notice> batch = new ArrayList<>();
        boolean last = false;
        while (true) {
            try {
                if (batch.isEmpty()) {
                    if (last) {
                        return;
                    }
                    last = take(batch);
                    if (batch.isEmpty()) {
                        return;
                    }
                }
                if (dropped.getAndSet(false)) {
                    batch.addFirst(dropNotice);
                }
                sendAll(batch);
                batch.clear();
                if (failing) {
                    failing = false;
                    retry = FIRST_RETRY;
                    log.info("event=notices-sent-again");
                }
            } catch (RuntimeException failed) {
                if (!open) {
                    return;
                }
                if (!failing) {
                    failing = true;
                    log.warn("event=notices-not-sent waiting={} error=\"{}\"", batch.size() + pending.size(), failed.getMessage());
                }
                LockSupport.parkNanos(retry.toNanos());
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    /** Waits for notifications and takes what is waiting, up to a batch; true when the sender is to stop after it. */
    private boolean take(List<Notice> batch) {
        try {
            batch.add(pending.take());
        } catch (InterruptedException stopped) {
            return true;
        }
        pending.drainTo(batch, LARGEST_BATCH - 1);
        return batch.removeIf(notice -> notice == STOP);
    }

    private void sendAll(List<Notice> batch) {
        String[] channels = batch.stream().map(Notice::channel).toArray(String[]::new);
        String[] payloads = batch.stream().map(Notice::payload).toArray(String[]::new);
        db.write(sql -> sql.rows(SEND, rs -> Boolean.TRUE, channels, payloads));
    }

    /** Sends what is waiting (for a short while at most, and once only), then stops. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = sender;
        }
        if (running == null) {
            open = false;
            return;
        }
        if (!pending.offer(STOP)) {
            open = false;
        }
        try {
            running.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open = false;
        running.interrupt();
    }
}
