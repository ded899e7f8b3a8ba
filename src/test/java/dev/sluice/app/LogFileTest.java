package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The server's log file rolls over at its size and keeps a bounded number of old files. */
class LogFileTest extends ServerFixture {

    @Test
    void the_log_file_rolls_over_at_max_size_and_keeps_at_most_keep_old_files() throws IOException {
        start("log: { file: logs/sluice.log, max-size: 2KB, keep: 2 }\ntasks:\n  echo: { command: [echo, hi] }\n");
        for (int i = 0; i < 40; i++) {
            server.awaitEnd(server.submit("echo", "{}"));
        }
        server.close();
        server = null;

        Path logs = dir.resolve("logs");
        assertThat(logs.resolve("sluice.log")).exists();
        assertThat(Files.readString(logs.resolve("sluice.log.1"))).contains("event=");
        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sluice.log", "sluice.log.1", "sluice.log.2");
        }
        for (String name : new String[] {"sluice.log", "sluice.log.1", "sluice.log.2"}) {
            // a line may finish past the limit, never much more
            assertThat(Files.size(logs.resolve(name))).as(name).isLessThan(2048 + 1024);
        }
    }
}
