package dev.sluice.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The ETag and Last-Modified of one representation of a static file, and whether a conditional request already has it. */
record StaticValidators(String etag, long modifiedMillis) {

    // why: RFC_1123_DATE_TIME writes a day before the 10th with one digit; an HTTP-date has two (RFC 9110 5.6.7)
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            java.util.Locale.US).withZone(ZoneOffset.UTC);

    static StaticValidators of(long size, long modifiedMillis, String coding) {
        String suffix = coding.isEmpty() ? "" : "-" + coding;
        return new StaticValidators("\"" + Long.toHexString(size) + "-" + Long.toHexString(modifiedMillis) + suffix + "\"",
                modifiedMillis);
    }

    String lastModified() {
        return HTTP_DATE.format(Instant.ofEpochMilli(modifiedMillis));
    }

    /** RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since (whole seconds). */
    boolean notModified(Context ctx) {
        String noneMatch = ctx.header("If-None-Match");
        if (noneMatch != null) {
            for (String tag : noneMatch.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || weakless(t).equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        return since(ctx.header("If-Modified-Since")).map(date -> modifiedMillis / 1000 <= date.getEpochSecond()).orElse(false);
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
