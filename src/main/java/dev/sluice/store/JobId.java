package dev.sluice.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job's identity, 32 lowercase hex digits: the creation time in milliseconds (48 bits), then 80 random bits,
 * unguessable so the id can serve as a capability. The time comes first so that new ids sort after old ones:
 * each insert then lands at the end of the database's id index, in a page the last insert touched, instead of
 * a page anywhere in it.
 */
public record JobId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    public JobId {
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a job id: " + value);
        }
    }

    public static JobId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        long millis = System.currentTimeMillis();
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (millis >>> (8 * (5 - i)));
        }
        return new JobId(HexFormat.of().formatHex(bytes));
    }

    /** The id in {@code text}, or empty when the text cannot be one (so a malformed id is simply an unknown job). */
    public static Optional<JobId> parse(String text) {
        return text != null && FORMAT.matcher(text).matches() ? Optional.of(new JobId(text)) : Optional.empty();
    }

    /** Eight digits that tell jobs apart on a page: the random end, since jobs of the same minute share the start. */
    public String shortForm() {
        return value.substring(value.length() - 8);
    }

    @Override
    public String toString() {
        return value;
    }
}
