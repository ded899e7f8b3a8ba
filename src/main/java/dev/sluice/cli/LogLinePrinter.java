package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Prints a job's log lines on stdout once each, control characters shown as spaces: a snapshot (the log's last lines)
 * that comes again after a reconnect is printed only from where the lines already printed end.
 */
final class LogLinePrinter {

    private static final int REMEMBERED = 500;
    private final Deque<String> printed = new ArrayDeque<>();

    void live(String line) {
        print(line);
    }

    void snapshot(JsonNode lines) {
        List<String> tail = new ArrayList<>();
        lines.forEach(line -> tail.add(line.asText()));
        for (String line : tail.subList(overlap(tail), tail.size())) {
            print(line);
        }
    }

    /** How many of the snapshot's first lines are the last lines printed already. */
    private int overlap(List<String> tail) {
        List<String> seen = new ArrayList<>(printed);
        for (int k = Math.min(seen.size(), tail.size()); k > 0; k--) {
            if (seen.subList(seen.size() - k, seen.size()).equals(tail.subList(0, k))) {
                return k;
            }
        }
        return 0;
    }

    // why: a job writes what it likes; an escape sequence in its log could rewrite the operator's terminal
    private void print(String line) {
        System.out.println(TextTable.printable(line));
        printed.addLast(line);
        if (printed.size() > REMEMBERED) {
            printed.removeFirst();
        }
    }
}
