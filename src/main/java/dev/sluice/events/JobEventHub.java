package dev.sluice.events;

import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobState;
import dev.sluice.worker.JobOutputListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans out what happens to jobs (state, progress, log lines) to whoever watches them, in memory. Only a
 * watched job has a channel: for any other job publishing is one map look-up. A channel stays for a while
 * after its last watcher left, so a client that reconnects can resume from its Last-Event-ID.
 */
public final class JobEventHub implements JobObserver, JobOutputListener {

    static final int LONGEST_LINE = 2000;
    private static final int RING_CAPACITY = 512;
    private static final Duration LINGER = Duration.ofMinutes(1);

    private final Map<JobId, JobChannel> channels = new ConcurrentHashMap<>();
    // why: starting from the clock keeps ids growing across restarts, so an id from before a restart is never
    // mistaken for one of this run and always gets a fresh snapshot
    private final AtomicLong ids;

    public JobEventHub(Clock clock) {
        this.ids = new AtomicLong(clock.millis() * 1000);
    }

    @Override
    public void stateChanged(Job job) {
        JobChannel own = channels.get(job.id());
        if (own != null) {
            own.publish(new JobEvent.StateChanged(job), ids);
        }
        boolean newInLine = job.state() == JobState.ACCEPTED && job.attempts() == 0;
        if (!newInLine) {
            // why: a job behind this one waits for it; a new job at the end changes nothing for those ahead
            for (JobChannel waiting : channels.values()) {
                if (waiting != own && waiting.waitsIn(job.queue())) {
                    waiting.publish(new JobEvent.QueueMoved(), ids);
                }
            }
        }
    }

    @Override
    public void progressChanged(JobId job, int percent, String message) {
        JobChannel channel = channels.get(job);
        if (channel != null) {
            channel.publish(new JobEvent.ProgressChanged(percent, message), ids);
        }
    }

    @Override
    public void waitingNoted(JobId job, String message) {
        JobChannel channel = channels.get(job);
        Job known = channel == null ? null : channel.lastKnown();
        if (known != null && known.state() == JobState.ACCEPTED && !known.message().equals(message)) {
            channel.publish(new JobEvent.StateChanged(known.withMessage(message)), ids);
        }
    }

    @Override
    public void line(JobId job, String line, long logPosition) {
        JobChannel channel = channels.get(job);
        if (channel != null) {
            String cut = line.length() > LONGEST_LINE ? line.substring(0, LONGEST_LINE) + "…" : line;
            channel.publish(new JobEvent.LogLine(cut, logPosition), ids);
        }
    }

    /**
     * Starts watching a job. With {@code lastEventId} still in the job's ring, the subscription resumes right
     * after it; otherwise (a new watcher, or an id too old) it starts with a snapshot.
     */
    public EventSubscription subscribe(JobId job, OptionalLong lastEventId) {
        forgetIdleChannels();
        JobChannel channel = channels.compute(job, (id, existing) -> {
            JobChannel c = existing != null ? existing : new JobChannel(ids.get(), RING_CAPACITY, System.nanoTime());
            c.subscribed();
            return c;
        });
        boolean resumable = lastEventId.isPresent() && channel.covers(lastEventId.getAsLong());
        return new EventSubscription(this, job, channel, resumable ? lastEventId.getAsLong() : -1);
    }

    /**
     * Whether a change of this job's state would show on a stream: the job is watched, or a watched job waits in its
     * queue (and would hear that the queue moved).
     */
    public boolean follows(JobId job, String queue) {
        return channels.containsKey(job) || channels.values().stream().anyMatch(channel -> channel.waitsIn(queue));
    }

    /** The jobs watched now, or a moment ago. */
    public java.util.Set<JobId> watched() {
        return java.util.Set.copyOf(channels.keySet());
    }

    /** How many jobs are watched or were watched a moment ago (for tests and the admin page). */
    public int channelCount() {
        return channels.size();
    }

    void unsubscribe(JobChannel channel) {
        channel.unsubscribed(System.nanoTime());
    }

    private void forgetIdleChannels() {
        long now = System.nanoTime();
        for (JobId id : channels.keySet()) {
            channels.computeIfPresent(id, (key, c) -> c.idleLongerThan(LINGER.toNanos(), now) ? null : c);
        }
    }
}
