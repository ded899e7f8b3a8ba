package dev.sluice.demo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Writes the {@code ::progress N message} lines that the Sluice server reads from a task's stdout. */
final class Progress {

    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    /** A printer that discards everything, for callers (such as tests) that do not watch progress. */
    static Progress silent() {
        return new Progress(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
    }

    /** Reports how far the task has got; the percentage is clamped so a rounding slip never breaks the protocol. */
    void report(int percent, String message) {
        line("::progress " + Math.clamp(percent, 0, 100) + " " + oneLine(message, "working"));
    }

    /** Prints an ordinary log line that the server keeps as task output. */
    void log(String message) {
        line(oneLine(message, ""));
    }

    private void line(String text) {
        // An explicit LF rather than println: the server splits on LF whatever platform the task runs on.
        out.print(text + "\n");
        // Flush every line so the server sees progress while the task runs, not when it exits.
        out.flush();
    }

    private static String oneLine(String message, String fallback) {
        String flat = message == null ? "" : message.replaceAll("[\\r\\n]+", " ").strip();
        return flat.isEmpty() ? fallback : flat;
    }
}
