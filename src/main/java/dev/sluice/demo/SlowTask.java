package dev.sluice.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The slow task: reports progress about once a second for a while, then writes {@code done.txt}. */
final class SlowTask {

    static final int DEFAULT_SECONDS = 20;
    // A cap keeps a typo such as 2000000 from pinning a worker slot for weeks.
    static final int MAX_SECONDS = 86_400;

    private SlowTask() {
    }

    static int parseSeconds(String text) throws UsageException {
        if (text.isEmpty()) {
            return DEFAULT_SECONDS;
        }
        if (!text.matches("\\d{1,6}") || Integer.parseInt(text) > MAX_SECONDS) {
            throw new UsageException("slow expects a whole number of seconds from 0 to " + MAX_SECONDS
                    + ", not \"" + text + "\".");
        }
        return Integer.parseInt(text);
    }

    static void run(int seconds, Path outDir, Progress progress) throws IOException, InterruptedException {
        progress.report(0, "step 0 of " + seconds);
        Pacing pacing = new Pacing();
        for (int step = 1; step <= seconds; step++) {
            pacing.sleepUntil(step * 1000L);
            // Hold back 100 until done.txt exists, so 100 always means the results are there.
            progress.report(Math.min(99, step * 100 / seconds), "step " + step + " of " + seconds);
        }
        Files.writeString(outDir.resolve("done.txt"), "done", StandardCharsets.UTF_8);
        progress.report(100, "done");
    }
}
