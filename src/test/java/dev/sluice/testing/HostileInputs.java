package dev.sluice.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts the bad inputs that the hostile-input tests and the fuzzers try, by kind, so that a run can say how
 * many it threw at the server; {@link HostileInputSummary} turns the counts into one line when the run ends.
 */
public final class HostileInputs {

    private static final Map<String, LongAdder> TRIED = new ConcurrentSkipListMap<>();

    private HostileInputs() {
    }

    public static void tried(String kind) {
        tried(kind, 1);
    }

    public static void tried(String kind, long count) {
        TRIED.computeIfAbsent(kind, k -> new LongAdder()).add(count);
    }

    public static long total() {
        return TRIED.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** This JVM's counts, a `kind count` line each. */
    static String lines() {
        return TRIED.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().sum() + "\n").collect(Collectors.joining());
    }

    static String summary() {
        Map<String, Long> counts = new TreeMap<>();
        TRIED.forEach((kind, count) -> counts.put(kind, count.sum()));
        return summary(counts);
    }

    /** `hostile inputs tried: 5123 (config-fuzz 2000, http 310, ...)`. */
    static String summary(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        String kinds = counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return "hostile inputs tried: " + total + " (" + kinds + ")";
    }
}
