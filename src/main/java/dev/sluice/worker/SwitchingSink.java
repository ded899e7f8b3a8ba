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
    public synchronized void write(int b) throws IOException {
        target.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        target.write(bytes, offset, length);
    }

    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        idle.close();
    }
}
