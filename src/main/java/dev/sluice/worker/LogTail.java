package dev.sluice.worker;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines a job printed, kept in memory so a failure message can quote them. */
final class LogTail {

    private static final int LINES = 12;
    private static final int LONGEST_LINE = 300;

    private final Deque<String> lines = new ArrayDeque<>();

    synchronized void add(String line) {
        if (line.isBlank() || ProgressLine.parse(line).isPresent()) {
            return;
        }
        lines.addLast(line.length() > LONGEST_LINE ? line.substring(0, LONGEST_LINE) + "…" : line);
        if (lines.size() > LINES) {
            lines.removeFirst();
        }
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}
