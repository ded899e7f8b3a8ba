package dev.sluice.store;

import java.util.Optional;

/**
 * The text of a notification: fields apart by tabs, the origin (the node that committed the change) first. On
 * {@link PostgresSignals#WAKE}, the queue that got work; on {@link PostgresSignals#EVENTS}, what happened to a job,
 * with a free-text message last so it may hold tabs itself.
 * <pre>
 * origin	queue        (or * after the sender dropped some: look at everything)
 * origin	state	job	queue	accepted
 * origin	progress	job	42	stage message
 * origin	waiting	job	message
 * </pre>
 * why: a line, not JSON: every node writes and reads a few of these per job, and a message is its only free text.
 */
final class SignalPayload {

    /**
     * Messages are cut to this many characters, so a payload stays far below PostgreSQL's 8,000 bytes (three bytes a
     * character at most, for characters in the Basic Multilingual Plane; four for a pair outside it).
     */
    static final int LONGEST_MESSAGE = 1000;
    /** The queue a wake-up names when its sender dropped notifications: every queue, and every job, is worth a look. */
    static final String EVERY_QUEUE = "*";

    /** A payload read back: who sent it and what it says. */
    record Heard(String origin, RemoteChange change) {
    }

    private SignalPayload() {
    }

    static String queued(String origin, String queue) {
        return origin + "\t" + queue;
    }

    /** The queue a wake-up names, unless this node ({@code origin}) sent it or it is not one this version sent. */
    static Optional<String> queueFromOthers(String payload, String origin) {
        String[] fields = payload.split("\t", -1);
        return fields.length == 2 && !fields[0].equals(origin) ? Optional.of(fields[1]) : Optional.empty();
    }

    static String stateChanged(String origin, JobId job, String queue, JobState state) {
        return String.join("\t", origin, "state", job.value(), queue, state.wireName());
    }

    static String progressed(String origin, JobId job, int percent, String message) {
        return String.join("\t", origin, "progress", job.value(), String.valueOf(percent), cut(message));
    }

    static String waitingNoted(String origin, JobId job, String message) {
        return String.join("\t", origin, "waiting", job.value(), cut(message));
    }

    /** What the payload says; empty for one this version cannot read (another version's kind, or someone else's). */
    static Optional<Heard> parse(String payload) {
        String[] head = payload.split("\t", 4);
        if (head.length < 4) {
            return Optional.empty();
        }
        Optional<JobId> job = JobId.parse(head[2]);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        try {
            RemoteChange change = switch (head[1]) {
                case "state" -> {
                    String[] rest = head[3].split("\t", 2);
                    yield rest.length < 2 ? null : new RemoteChange.StateChanged(job.get(), rest[0], JobState.fromWire(rest[1]));
                }
                case "progress" -> {
                    String[] rest = head[3].split("\t", 2);
                    yield rest.length < 2 ? null : new RemoteChange.Progressed(job.get(), Integer.parseInt(rest[0]), rest[1]);
                }
                case "waiting" -> new RemoteChange.WaitingNoted(job.get(), head[3]);
                default -> null;
            };
            return Optional.ofNullable(change).map(c -> new Heard(head[0], c));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    // why: never between the two halves of a surrogate pair, which PostgreSQL would refuse as invalid UTF-8
    private static String cut(String message) {
        if (message.length() <= LONGEST_MESSAGE) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(LONGEST_MESSAGE - 1)) ? LONGEST_MESSAGE - 1 : LONGEST_MESSAGE;
        return message.substring(0, end) + "…";
    }
}
