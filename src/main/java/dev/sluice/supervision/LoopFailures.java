package dev.sluice.supervision;

import dev.sluice.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a long-lived loop (a queue slot, a dispatcher, a memory watch, a sweep) does with a pass that failed: it
 * logs the failure once, counts the same failure when it comes again and summarises the count once a minute, and
 * says when the loop works again. So a database that stays broken for an hour writes a few dozen lines, not a
 * stack trace every second, and the loop itself never dies of it.
 */
public final class LoopFailures {

    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);
    // why: failures are told apart by step and exception type, a bounded set; this only guards against a surprise
    private static final int MOST_KINDS = 64;

    private final Logger log;
    private final String loop;
    private final Clock clock;
    private final Map<String, Repeats> kinds = new HashMap<>();
    private volatile boolean failing;

    private static final class Repeats {
        Instant since;
        long unlogged;

        Repeats(Instant since) {
            this.since = since;
        }
    }

    public LoopFailures(String loop) {
        this(LoggerFactory.getLogger(LoopFailures.class), loop, Clock.systemUTC());
    }

    LoopFailures(Logger log, String loop, Clock clock) {
        this.log = log;
        this.loop = loop;
        this.clock = clock;
    }

    /**
     * A pass failed at {@code step}; {@code context} names what it had in hand ({@code job=…}), or is empty. The first
     * failure of a kind is logged (with its stack trace unless it is a database or I/O failure, which a full or broken
     * disk is expected to cause); the same kind again within a minute is only counted.
     */
    public synchronized void failed(String step, String context, Throwable failure) {
        failing = true;
        String kind = step + "|" + failure.getClass().getName();
        Instant now = clock.instant();
        Repeats repeats = kinds.get(kind);
        String where = context.isEmpty() ? "" : " " + context;
        if (repeats == null) {
            if (kinds.size() >= MOST_KINDS) {
                kinds.clear();
            }
            kinds.put(kind, new Repeats(now));
            String line = "event=" + step + " loop=" + loop + where + " reason=\"" + describe(failure) + "\"";
            if (failure instanceof StoreException || failure instanceof java.io.IOException
                    || failure instanceof java.io.UncheckedIOException) {
                log.error(line);
            } else {
                log.error(line, failure);
            }
            return;
        }
        repeats.unlogged++;
        if (!now.isBefore(repeats.since.plus(SUMMARY_EVERY))) {
            log.error("event={} loop={}{} repeated={} within={}s reason=\"{}\"", step, loop, where, repeats.unlogged,
                    Duration.between(repeats.since, now).toSeconds(), describe(failure));
            repeats.since = now;
            repeats.unlogged = 0;
        }
    }

    /** A pass went through: if passes failed before, the log says once that they have stopped failing. */
    public void succeeded() {
        if (!failing) {
            return;
        }
        synchronized (this) {
            if (!failing) {
                return;
            }
            long unlogged = kinds.values().stream().mapToLong(r -> r.unlogged).sum();
            log.info("event=loop-recovered loop={} unlogged-failures={}", loop, unlogged);
            kinds.clear();
            failing = false;
        }
    }

    /** One line for a person: the message, or the type where there is none. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).replace('"', '\'');
    }
}
