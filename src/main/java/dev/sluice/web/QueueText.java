package dev.sluice.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A waiting job's place as a person reads it: "3rd in line, about 4 min until it starts" (sluice.js says it the same way). */
final class QueueText {

    private QueueText() {
    }

    static String describe(int position, Optional<Instant> start, Instant now) {
        String place = ordinal(position) + " in line";
        return start.map(s -> place + ", " + until(Duration.between(now, s)) + " until it starts").orElse(place);
    }

    /** The time a running job should still take: "about 2 min left". */
    static String left(Instant finish, Instant now) {
        return until(Duration.between(now, finish)) + " left";
    }

    static String until(Duration left) {
        long seconds = Math.max(0, left.toSeconds());
        if (seconds < 60) {
            return "less than a minute";
        }
        long minutes = Math.round(seconds / 60.0);
        return minutes < 90 ? "about " + minutes + " min" : "about " + Math.round(minutes / 60.0) + " h";
    }

    static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
