package dev.sluice.queue;

import dev.sluice.store.JobStore;
import dev.sluice.store.Maintenance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Maintenance mode: while it is on, new submissions are refused with 503 and the forms with a page saying why,
 * while queued and running jobs go on and existing jobs stay readable. Kept in the store, so it survives a restart
 * and every node sees it; read again at most once a second, so a request does not cost a database read.
 */
public final class MaintenanceMode {

    public static final int LONGEST_MESSAGE = 500;
    public static final String DEFAULT_MESSAGE = "Sluice is down for maintenance; jobs already submitted go on.";
    // why: without an end time, clients are told to come back in a while rather than hammer the server
    static final Duration RETRY_WITHOUT_END = Duration.ofMinutes(2);
    private static final Duration REREAD = Duration.ofSeconds(1);

    private final JobStore store;
    private final Clock clock;
    private volatile Read last = new Read(Optional.empty(), Instant.MIN);

    private record Read(Optional<Maintenance> maintenance, Instant at) {
    }

    public MaintenanceMode(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Maintenance mode if it is on now. */
    public Optional<Maintenance> active() {
        Instant now = clock.instant();
        Read read = last;
        if (!now.isBefore(read.at().plus(REREAD)) || now.isBefore(read.at())) {
            read = new Read(store.maintenance(), now);
            last = read;
        }
        return read.maintenance().filter(m -> m.activeAt(now));
    }

    /** Turns maintenance mode on (again) with this message, until that instant if one is given. */
    public Maintenance start(String message, Optional<Instant> until) {
        String said = message == null || message.isBlank() ? DEFAULT_MESSAGE : message.strip();
        if (said.length() > LONGEST_MESSAGE) {
            throw new IllegalArgumentException("the message has " + said.length() + " characters; at most " + LONGEST_MESSAGE);
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Optional<Instant> ends = until.map(end -> end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        if (ends.isPresent() && !ends.get().isAfter(now)) {
            throw new IllegalArgumentException("'until' (" + ends.get() + ") has already passed");
        }
        Maintenance maintenance = new Maintenance(said, now, ends);
        store.setMaintenance(Optional.of(maintenance));
        last = new Read(Optional.of(maintenance), now);
        return maintenance;
    }

    public void end() {
        store.setMaintenance(Optional.empty());
        last = new Read(Optional.empty(), clock.instant());
    }

    /** How long a refused client should wait: until the announced end, or a while when none was announced. */
    public Duration retryAfter(Maintenance maintenance) {
        return maintenance.until().map(end -> Duration.between(clock.instant(), end))
                .filter(d -> !d.isNegative()).map(d -> d.plusSeconds(1)).orElse(RETRY_WITHOUT_END);
    }

    /** Throws {@link MaintenanceException} while maintenance mode is on. */
    public void ensureOpen() {
        active().ifPresent(m -> {
            throw new MaintenanceException(m, retryAfter(m));
        });
    }
}
