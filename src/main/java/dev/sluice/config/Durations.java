package dev.sluice.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes durations in the config's short form: `500ms`, `30s`, `10m`, `2h`, `7d`, or `1h30m`. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    // why: every duration must fit in nanoseconds added to the monotonic clock (a deadline), which holds 292 years
    static final Duration LONGEST = Duration.ofDays(36500);

    private Durations() {
    }

    public static Duration parse(String text) {
        String compact = text.trim().replace(" ", "");
        Matcher m = PART.matcher(compact);
        Duration total = Duration.ZERO;
        int end = 0;
        try {
            while (m.find() && m.start() == end) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
                end = m.end();
            }
        } catch (NumberFormatException | ArithmeticException tooLong) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        if (end == 0 || end != compact.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 10m, 2h or 7d");
        }
        if (total.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration (at most " + format(LONGEST) + ", 100 years)");
        }
        return total;
    }

    public static String format(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 86400 == 0 && s > 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
