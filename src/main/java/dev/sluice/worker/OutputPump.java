package dev.sluice.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import dev.sluice.supervision.LoopFailures;

/**
 * Copies a job's combined stdout and stderr into its log file byte for byte, and hands each line (cut at
 * a bounded length, so a job printing without newlines cannot grow the server's memory) to a listener.
 */
final class OutputPump implements Runnable {

    private static final int LONGEST_LINE = 8192;
    private static final LoopFailures FAILURES = new LoopFailures("job-output");
    static final String LOG_FAILED = "--- sluice: the log could not be written: ";

    private final InputStream from;
    private final OutputStream log;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    OutputPump(InputStream from, OutputStream log, Consumer<String> lines) {
        this.from = from;
        this.log = log;
        this.lines = lines;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (from; log) {
            int n;
            boolean logging = true;
            while ((n = from.read(buffer)) >= 0) {
                if (logging) {
                    logging = written(buffer, n);
                }
                split(buffer, n);
            }
        } catch (IOException closed) {
            // the process or its log went away; what was read is in the log
        }
        if (current.size() > 0) {
            emit();
        }
    }

    // why: a log that cannot be written (a full disk) must not stop the draining, or the job would block on a full
    // pipe until its timeout; the failure becomes a line of the tail, so the job's outcome can say what happened
    private boolean written(byte[] buffer, int n) {
        try {
            log.write(buffer, 0, n);
            log.flush();
            return true;
        } catch (IOException unwritable) {
            hand(LOG_FAILED + unwritable.getMessage());
            return false;
        }
    }

    private void split(byte[] buffer, int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
                append(buffer, start, i - start);
                emit();
                start = i + 1;
            }
        }
        append(buffer, start, n - start);
        if (current.size() >= LONGEST_LINE) {
            emit();
        }
    }

    private void append(byte[] buffer, int offset, int length) {
        int room = LONGEST_LINE - current.size();
        current.write(buffer, offset, Math.max(0, Math.min(room, length)));
    }

    private void emit() {
        String line = current.toString(StandardCharsets.UTF_8);
        current.reset();
        hand(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }

    // why: a listener that throws (the event hub, the progress parser) must not stop the draining, or the job
    // would block on a full pipe until its timeout
    private void hand(String line) {
        try {
            lines.accept(line);
        } catch (RuntimeException | StackOverflowError e) {
            FAILURES.failed("line-listener-failed", "", e);
        }
    }
}
