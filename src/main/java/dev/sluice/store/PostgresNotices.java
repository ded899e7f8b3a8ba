package dev.sluice.store;

/**
 * What a PostgreSQL store tells the other nodes once a change is committed: a queue got work
 * ({@link PostgresSignals#WAKE}), a job changed ({@link PostgresSignals#EVENTS}); the payloads are
 * {@link SignalPayload}s, sent by a {@link PostgresNoticeSender}.
 */
final class PostgresNotices implements AutoCloseable {

    private final String origin;
    private final PostgresNoticeSender sender;

    /** {@code origin} names this node in what it sends, so it can tell its own notifications from the others'. */
    PostgresNotices(Transactions db, String origin) {
        this.origin = origin;
        this.sender = new PostgresNoticeSender(db, wake(SignalPayload.EVERY_QUEUE));
    }

    String origin() {
        return origin;
    }

    /** A job was queued (inserted, or put back): its queue got work, and the job is accepted. */
    void jobQueued(JobId job, String queue) {
        sender.send(wake(queue));
        sender.send(event(SignalPayload.stateChanged(origin, job, queue, JobState.ACCEPTED)));
    }

    void stateChanged(Job job) {
        sender.send(event(SignalPayload.stateChanged(origin, job.id(), job.queue(), job.state())));
    }

    void progressed(JobId job, int percent, String message) {
        sender.send(event(SignalPayload.progressed(origin, job, percent, message)));
    }

    void waitingNoted(JobId job, String message) {
        sender.send(event(SignalPayload.waitingNoted(origin, job, message)));
    }

    private PostgresNoticeSender.Notice wake(String queue) {
        return new PostgresNoticeSender.Notice(PostgresSignals.WAKE, SignalPayload.queued(origin, queue));
    }

    private static PostgresNoticeSender.Notice event(String payload) {
        return new PostgresNoticeSender.Notice(PostgresSignals.EVENTS, payload);
    }

    /** Sends what is still waiting, briefly, and stops. */
    @Override
    public void close() {
        sender.close();
    }
}
