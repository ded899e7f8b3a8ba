package dev.sluice.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of an export file as bytes, split at each newline, exactly as written: the reader digests these bytes, and
 * the JSON parser decodes them (refusing malformed UTF-8).
 */
final class ExportLines implements AutoCloseable {

    /** Longer than any row Sluice writes (inputs are text, files live in job folders); a longer line is damage. */
    static final int LONGEST = 256 << 20;

    /** The input ended in the middle of a line; {@link #partial} is what there was of it. */
    static final class CutShort extends IOException {
        final transient byte[] partial;

        CutShort(byte[] partial) {
            this.partial = partial;
        }
    }

    /** A line longer than {@link #LONGEST}. */
    static final class TooLong extends IOException {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long number;

    ExportLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its newline, or null at the end of the input. */
    byte[] next() throws IOException {
        ByteArrayOutputStream longLine = null;
        while (true) {
            if (position == limit && !fill()) {
                if (longLine == null) {
                    return null;
                }
                number++;
                throw new CutShort(longLine.toByteArray());
            }
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            if (newline >= 0 && longLine == null) {
                byte[] line = Arrays.copyOfRange(buffer, position, end);
                position = end + 1;
                number++;
                return line;
            }
            longLine = longLine == null ? new ByteArrayOutputStream() : longLine;
            longLine.write(buffer, position, end - position);
            position = newline < 0 ? limit : end + 1;
            if (longLine.size() > LONGEST) {
                number++;
                throw new TooLong();
            }
            if (newline >= 0) {
                number++;
                return longLine.toByteArray();
            }
        }
    }

    /** The number of the line {@link #next} read last (or failed on), from 1. */
    long number() {
        return number;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // a file only read from; nothing is lost
        }
    }
}
