package dev.sluice.http;

import dev.sluice.SluiceException;
import java.util.HashMap;
import java.util.Map;

/**
 * How many event streams may be open: half of `max-connections` in all, a quarter per job (a class watching one job
 * on a projector), 10 per client (its token, else its address). A stream is kept open by keep-alive comments and
 * never counts as idle, so without caps one client could hold every connection the server has.
 */
final class EventStreamSlots {

    private static final int MOST_PER_CLIENT = 10;

    private final int total;
    private final int perJob;
    private final int perClient;
    private final Map<String, Integer> byJob = new HashMap<>();
    private final Map<String, Integer> byClient = new HashMap<>();
    private int open;

    EventStreamSlots(int maxConnections) {
        this.total = Math.max(1, maxConnections / 2);
        this.perJob = Math.max(1, maxConnections / 4);
        this.perClient = Math.max(1, Math.min(MOST_PER_CLIENT, maxConnections / 4));
    }

    /** A slot for one stream, or a 429 saying which cap was reached. */
    synchronized Slot open(String job, String client) {
        if (open >= total) {
            throw refusal("the server has " + open + " event streams open, its most (half of server.max-connections)");
        }
        if (byJob.getOrDefault(job, 0) >= perJob) {
            throw refusal("this job already has " + perJob + " event streams open, the most one job may have");
        }
        if (byClient.getOrDefault(client, 0) >= perClient) {
            throw refusal("this client already has " + perClient + " event streams open, the most one client may have");
        }
        open++;
        byJob.merge(job, 1, Integer::sum);
        byClient.merge(client, 1, Integer::sum);
        return () -> close(job, client);
    }

    /** How many streams are open now. */
    synchronized int open() {
        return open;
    }

    private synchronized void close(String job, String client) {
        open--;
        byJob.computeIfPresent(job, (k, n) -> n > 1 ? n - 1 : null);
        byClient.computeIfPresent(client, (k, n) -> n > 1 ? n - 1 : null);
    }

    private static SluiceException refusal(String why) {
        return new SluiceException(429, "too-many-event-streams", "Too many event streams",
                why + "; close another stream, or poll GET /jobs/{id} instead", Map.of("retryAfter", 5));
    }

    /** One open stream; closing it frees the slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
