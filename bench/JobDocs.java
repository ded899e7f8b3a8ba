import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmark clients read from Sluice's answers, and how they summarise latencies. */
final class JobDocs {

    private static final Pattern ID = Pattern.compile("\"jobID\":\"([0-9a-f]{32})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");

    private JobDocs() {
    }

    /** The job id in a status document, or null. */
    static String id(String body) {
        Matcher m = ID.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** The status in a status document, or an empty string. */
    static String status(String body) {
        Matcher m = STATUS.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    /** Whether a job with this status has ended; a job whose status could not be read has not. */
    static boolean ended(String status) {
        return !status.isEmpty() && !status.equals("accepted") && !status.equals("running");
    }

    /** The p-th percentile (nearest rank) of sorted nanosecond latencies, in milliseconds. */
    static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1))) / 1e6;
    }

    /** "p50=… p95=… p99=… max=…" in milliseconds, from sorted nanosecond latencies. */
    static String percentiles(List<Long> sorted) {
        return String.format("p50=%.2f p95=%.2f p99=%.2f max=%.2f", percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), sorted.get(sorted.size() - 1) / 1e6);
    }
}
