package dev.sluice.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the changes other nodes told of to the listeners on a thread of its own, in the order heard: a listener may
 * read the store (a slow database then holds up event streams, never the wake-ups of queues).
 */
final class RemoteChangeRelay {

    /** How many changes may wait for the listeners; beyond, they are dropped and the listeners told some were missed. */
    static final int MOST_WAITING = 10_000;

    private static final Logger log = LoggerFactory.getLogger(RemoteChangeRelay.class);

    private final List<ClusterSignals.RemoteChanges> listeners = new CopyOnWriteArrayList<>();
    // why: empty stands for "some were missed", told in its place among the changes
    private final BlockingQueue<Optional<RemoteChange>> pending = new ArrayBlockingQueue<>(MOST_WAITING);
    private final AtomicBoolean dropped = new AtomicBoolean();
    private Thread thread;

    void add(ClusterSignals.RemoteChanges listener) {
        listeners.add(listener);
    }

    synchronized void start() {
        if (thread == null && !listeners.isEmpty()) {
            thread = Thread.ofVirtual().name("postgres-remote-changes").start(this::relay);
        }
    }

    void heard(RemoteChange change) {
        if (thread != null && !pending.offer(Optional.of(change))) {
            dropped.set(true);
        }
    }

    void mayHaveMissed() {
        if (thread != null && !pending.offer(Optional.empty())) {
            dropped.set(true);
        }
    }

    synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void relay() {
        while (!Thread.currentThread().isInterrupted()) {
            Optional<RemoteChange> next;
            try {
                next = pending.take();
            } catch (InterruptedException stopped) {
                return;
            }
            tell(next);
            if (dropped.getAndSet(false)) {
                tell(Optional.empty());
            }
        }
    }

    // why: a listener that throws must not end the relay, or no stream would follow another node again; listeners
    // keep count of their own expected failures (a database that does not answer), so what lands here is a defect
    private void tell(Optional<RemoteChange> change) {
        for (ClusterSignals.RemoteChanges listener : listeners) {
            try {
                if (change.isPresent()) {
                    listener.changed(change.get());
                } else {
                    listener.mayHaveMissed();
                }
            } catch (RuntimeException e) {
                log.error("event=remote-change-listener-failed listener={}", listener.getClass().getSimpleName(), e);
            }
        }
    }
}
