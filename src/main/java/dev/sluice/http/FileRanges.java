package dev.sluice.http;

import dev.sluice.SluiceException;
import dev.sluice.worker.JobFolder;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a file whole (200) or, for a single `Range: bytes=…`, just the part asked for (206).
 * why: Javalin's seekable writer honours ranges only for audio and video; for any other type it answers 200
 * with the file cut at the range's start, which a client cannot tell from the whole file.
 */
final class FileRanges {

    static final int LARGEST_PIECE = 64 * 1024;
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private record Span(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    private FileRanges() {
    }

    static void serve(Context ctx, Path file, String contentType) throws IOException {
        // why: the path was checked to lie inside the job's folder; opened without following a link and checked for
        // a second name again, a job cannot swap the file for a link between that check and this open
        try (FileChannel channel = JobFolder.openChecked(file)) {
            StaticExchange ex = new ContextExchange(ctx);
            serve(ex, FileSource.of(channel), channel.size(), contentType, ctx.header("Range"),
                    (first, length) -> ex.sendPart(channel, first, length));
        }
    }

    /** Sends a file of a mount as {@link #serve(StaticExchange, FileSource, long, String, String, PartSender)} does. */
    static void serve(StaticExchange ex, StaticFolder.OpenFile open, String contentType, String range) throws IOException {
        serve(ex, open.source(), open.size(), contentType, range, (first, length) -> ex.sendPart(open, first, length));
    }

    /** Writes the part of a file from {@code first} on as the whole body of the answer. */
    private interface PartSender {
        void send(long first, long length) throws IOException;
    }

    /**
     * Sends an open file of {@code size} bytes whole, or the part {@code range} asks for (null: the whole file); a HEAD
     * request gets the head only. A part too large to read at once goes to {@code large}.
     */
    private static void serve(StaticExchange ex, FileSource file, long size, String contentType, String range,
                              PartSender large) throws IOException {
        ex.header("Accept-Ranges", "bytes");
        Optional<Span> asked = requested(range, size);
        if (asked.isPresent() && asked.get().first() >= size) {
            ex.header("Content-Range", "bytes */" + size);
            throw new SluiceException(416, "range-not-satisfiable", "Range not satisfiable",
                    "the range '" + SubmissionReader.abbreviate(range) + "' lies outside the file of "
                            + size + " bytes", Map.of("size", size));
        }
        Span span = asked.orElse(new Span(0, size - 1));
        if (asked.isPresent()) {
            ex.status(206);
            ex.header("Content-Range", "bytes " + span.first() + "-" + span.last() + "/" + size);
        }
        ex.header("Content-Type", contentType);
        ex.header("Content-Length", String.valueOf(span.length()));
        if (ex.head()) {
            return;
        }
        if (span.length() <= LARGEST_PIECE) {
            // why: a small file (a tile) goes out in one write, head and body together
            ex.sendSmall(file, span.first(), (int) span.length());
            return;
        }
        large.send(span.first(), span.length());
    }

    /**
     * The one range asked for, its end clamped to the file; empty when there is no header or it is not a single
     * byte range, and then the whole file is sent. A range starting at or past the end is returned as it is.
     */
    private static Optional<Span> requested(String header, long size) {
        Matcher m = header == null ? null : SINGLE_RANGE.matcher(header.trim());
        if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            return Optional.of(suffix == 0 ? new Span(size, size - 1) : new Span(Math.max(size - suffix, 0), size - 1));
        }
        long first = Long.parseLong(m.group(1));
        if (m.group(2).isEmpty()) {
            return Optional.of(new Span(first, size - 1));
        }
        long last = Long.parseLong(m.group(2));
        return last < first ? Optional.empty() : Optional.of(new Span(first, Math.min(last, size - 1)));
    }
}
