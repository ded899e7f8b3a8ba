package dev.sluice.events;

import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import java.time.Duration;
import java.util.List;

/**
 * One watcher of one job: reads the job's events after its cursor. When it is new, or fell so far behind
 * that the ring no longer holds what it missed, it is told to send a snapshot first.
 */
public final class EventSubscription implements AutoCloseable {

    /** What {@link #next} found: events to send, or {@code resync} when a snapshot must be sent instead. */
    public record Batch(boolean resync, List<JobEvent.Numbered> events) {
    }

    private final JobEventHub hub;
    private final JobId job;
    private final JobChannel channel;
    private long cursor;
    private boolean closed;
    private Job shown;
    private long logShown;

    EventSubscription(JobEventHub hub, JobId job, JobChannel channel, long cursor) {
        this.hub = hub;
        this.job = job;
        this.channel = channel;
        this.cursor = cursor;
    }

    public JobId job() {
        return job;
    }

    /** True until a snapshot was taken, when the subscription could not resume from the client's last id. */
    public boolean needsSnapshot() {
        return cursor < 0;
    }

    /**
     * Call before reading the state and log for a snapshot: events from now on are delivered after it, so
     * nothing falls between the snapshot and the stream. Returns the id the snapshot stands for.
     */
    public long takeSnapshot() {
        cursor = channel.lastId();
        return cursor;
    }

    /** Lets the channel know the job's state as the snapshot read it. */
    public void snapshotShowed(Job job) {
        channel.know(job);
        shown = job;
    }

    /**
     * The snapshot showed the log's last lines from its first {@code fileLength} bytes: a line told after the cursor
     * but already in those bytes is not sent again.
     * why: a line is in the file a moment before it is told, so one printed while the snapshot was read would show twice
     */
    public void snapshotShowedLog(long fileLength) {
        logShown = fileLength;
    }

    /**
     * Whether this watcher has yet to see the job as it is in {@code job}; true records it as seen.
     * why: the same state can be told twice (another node's notice read just as the snapshot was, or every watched job
     * read again after lost notices), and a watcher should see a change, never the same state again
     */
    public boolean showsNew(Job job) {
        if (job.equals(shown)) {
            return false;
        }
        shown = job;
        return true;
    }

    /** The job's state as the latest state event or snapshot showed it. */
    public java.util.Optional<Job> lastKnown() {
        return java.util.Optional.ofNullable(channel.lastKnown());
    }

    /** The events after the cursor, waiting up to {@code wait}; an empty batch means nothing happened meanwhile. */
    public Batch next(Duration wait) throws InterruptedException {
        List<JobEvent.Numbered> events = channel.after(cursor, wait.toNanos());
        if (events == null) {
            cursor = -1;
            return new Batch(true, List.of());
        }
        if (events.isEmpty()) {
            return new Batch(false, events);
        }
        cursor = events.getLast().id();
        return new Batch(false, events.stream().filter(e -> !(e.event() instanceof JobEvent.LogLine line)
                || line.logPosition() > logShown).toList());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            hub.unsubscribe(channel);
        }
    }
}
