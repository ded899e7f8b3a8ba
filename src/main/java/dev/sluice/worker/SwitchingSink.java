package dev.sluice.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Where a warm worker's stderr goes: the log of the job it is running, or the worker's own log between jobs.
 * Lines go to the current job's listener too (its log tail and progress lines).
 */
final class SwitchingSink extends OutputStream {

    private final OutputStream idle;
    private volatile OutputStream target;
    private volatile Consumer<String> lines = line -> { };

    SwitchingSink(OutputStream idle) {
        this.idle = idle;
        this.target = idle;
    }

    synchronized void attach(OutputStream jobLog, Consumer<String> jobLines) {
        target = jobLog;
        lines = jobLines;
    }

    synchronized void detach() {
        target = idle;
        lines = line -> { };
    }

    void line(String line) {
        lines.accept(line);
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    // why: a job log closed a moment early must not stop the pump, or the worker would block on a full pipe
    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        try {
            target.write(bytes, offset, length);
        } catch (IOException lost) {
            // the bytes are dropped; the worker keeps running
        }
    }

    @Override
    public synchronized void flush() {
        try {
            target.flush();
        } catch (IOException lost) {
            // as above
        }
    }

    @Override
    public synchronized void close() throws IOException {
        idle.close();
    }
}
