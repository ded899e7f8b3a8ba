package dev.sluice.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import dev.sluice.worker.JobFolder;

/** The last lines of a job's log file, read from its end, for a snapshot of a job and for its page. */
public final class LogFileTail {

    private static final int LARGEST_READ = 64 * 1024;

    private LogFileTail() {
    }

    /** The last lines read, and how long the file was when they were read. */
    public record Tail(List<String> lines, long fileLength) {
        static final Tail NONE = new Tail(List.of(), 0);
    }

    /**
     * At most {@code lines} last lines, each cut like a live log line; empty when there is no log yet, or when what
     * is there is not the log the server wrote (a link the job put in its place).
     */
    public static List<String> read(JobFolder folder, int lines) {
        return tail(folder, lines).lines();
    }

    /** As {@link #read}, with the length of the file the lines came from. */
    public static Tail tail(JobFolder folder, int lines) {
        Optional<Path> log = folder.logFile();
        if (log.isEmpty()) {
            return Tail.NONE;
        }
        try (FileChannel channel = JobFolder.openChecked(log.get())) {
            long size = channel.size();
            int length = (int) Math.min(size, LARGEST_READ);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            long from = size - length;
            while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
                // keep reading until the slice is full
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            List<String> all = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
            if (from > 0 && !all.isEmpty()) {
                all.removeFirst();
            }
            if (!all.isEmpty() && all.getLast().isEmpty()) {
                all.removeLast();
            }
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return new Tail(last.stream().map(l -> l.length() > JobEventHub.LONGEST_LINE ? l.substring(0, JobEventHub.LONGEST_LINE) + "…" : l)
                    .toList(), from + buffer.position());
        } catch (IOException unreadable) {
            return Tail.NONE;
        }
    }
}
