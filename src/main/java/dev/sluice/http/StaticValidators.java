package dev.sluice.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The ETag and Last-Modified of one representation of a static file, and whether a conditional request already has it. */
record StaticValidators(String etag, long modifiedMillis) {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    static StaticValidators of(long size, long modifiedMillis, String coding) {
        String suffix = coding.isEmpty() ? "" : "-" + coding;
        return new StaticValidators("\"" + Long.toHexString(size) + "-" + Long.toHexString(modifiedMillis) + suffix + "\"",
                modifiedMillis);
    }

    String lastModified() {
        // why: written by hand, an HTTP-date (RFC 9110 5.6.7: two-digit day, English names, GMT) costs a tenth of what
        // a DateTimeFormatter does, and every file answer carries one
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(modifiedMillis, 1000), 0, ZoneOffset.UTC);
        return DAYS[t.getDayOfWeek().ordinal()] + ", " + twoDigits(t.getDayOfMonth()) + " " + MONTHS[t.getMonthValue() - 1]
                + " " + t.getYear() + " " + twoDigits(t.getHour()) + ":" + twoDigits(t.getMinute()) + ":" + twoDigits(t.getSecond())
                + " GMT";
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    /** RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since (whole seconds). */
    boolean notModified(StaticExchange ex) {
        String noneMatch = ex.header("If-None-Match");
        if (noneMatch != null) {
            for (String tag : noneMatch.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || weakless(t).equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        return since(ex.header("If-Modified-Since")).map(date -> modifiedMillis / 1000 <= date.getEpochSecond()).orElse(false);
    }

    /** Whether a Range request may be answered with a part: no If-Range, or one naming this very representation. */
    boolean rangeStillFits(String ifRange) {
        if (ifRange == null) {
            return true;
        }
        String condition = ifRange.trim();
        if (condition.startsWith("\"")) {
            return condition.equals(etag);
        }
        return since(condition).map(date -> date.getEpochSecond() == modifiedMillis / 1000).orElse(false);
    }

    private static String weakless(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static java.util.Optional<Instant> since(String header) {
        if (header == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException unreadable) {
            return java.util.Optional.empty();
        }
    }
}
