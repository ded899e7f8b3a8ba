package dev.sluice.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A job's log with a size cap: the first bytes go straight to the file, the last bytes are kept in a ring
 * and written when the job ends, with a line saying how much was left out between them. A runaway print
 * loop can therefore neither fill the disk nor hide how the job ended.
 */
final class CappedLog extends OutputStream {

    static final long NOT_IN_FILE = JobOutputListener.NOT_IN_FILE;

    private final OutputStream file;
    private final long headLimit;
    private final int tailSize;
    private final long startsAt;
    private byte[] ring = new byte[0];
    private long written;
    // why: read on other threads (a warm worker's stdout reader) to tell where a line ends in the file
    private volatile long position;
    private long ringFill;
    private int ringStart;

    CappedLog(OutputStream file, long cap) {
        this(file, cap, 0);
    }

    /** {@code startsAt}: how long the file already is (an earlier attempt's log), so positions count from its start. */
    CappedLog(OutputStream file, long cap, long startsAt) {
        this.file = file;
        // why: the end of a log (the error) matters most, but a ring of it lives in memory, so it stays small
        int tail = (int) Math.min(cap / 4, 1L << 20);
        this.headLimit = cap - tail;
        this.tailSize = Math.max(0, tail);
        this.startsAt = startsAt;
        this.position = startsAt;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        long room = Math.max(0, headLimit - written);
        int toFile = (int) Math.min(room, length);
        if (toFile > 0) {
            try {
                file.write(bytes, offset, toFile);
            } catch (IOException failed) {
                position = NOT_IN_FILE;
                throw failed;
            }
            written += toFile;
        }
        if (toFile < length && ring.length < tailSize) {
            // why: most logs never reach the cap, so the ring is not allocated (nor zeroed) for every job
            ring = new byte[tailSize];
        }
        for (int i = toFile; i < length && ring.length > 0; i++) {
            ring[(int) ((ringStart + ringFill) % ring.length)] = bytes[offset + i];
            if (ringFill < ring.length) {
                ringFill++;
            } else {
                ringStart = (ringStart + 1) % ring.length;
            }
            written++;
        }
        if (ring.length == 0) {
            written += length - toFile;
        }
        if (position != NOT_IN_FILE) {
            position = written <= headLimit ? startsAt + written : NOT_IN_FILE;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            file.flush();
        } catch (IOException failed) {
            position = NOT_IN_FILE;
            throw failed;
        }
    }

    /**
     * How many bytes of the file, from its start, hold everything written so far once flushed; {@link #NOT_IN_FILE}
     * when the file does not hold it all (past the cap, or after a write failed).
     */
    long position() {
        return position;
    }

    /** Writes the kept tail after a line naming what was left out. */
    @Override
    public void close() throws IOException {
        try (file) {
            long omitted = written - headLimit - ringFill;
            if (written > headLimit) {
                String marker = "\n--- sluice: log capped at the task's limits.max-log; " + omitted + " bytes left out here ---\n";
                file.write(marker.getBytes(StandardCharsets.UTF_8));
                // why: in at most two pieces; byte by byte, an unbuffered log (a warm job's) took a system call per byte
                int fill = (int) ringFill;
                int firstPiece = Math.min(fill, ring.length - ringStart);
                file.write(ring, ringStart, firstPiece);
                file.write(ring, 0, fill - firstPiece);
            }
        }
    }
}
