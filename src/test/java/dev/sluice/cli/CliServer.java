package dev.sluice.cli;

import static dev.sluice.cli.SluiceCommand.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCommand.Run;
import dev.sluice.testing.Scripts;
import dev.sluice.testing.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real server for the operators' commands, with tokens remembered in the test's folder: tasks that succeed, fail,
 * print lines, report progress with control characters, carry a long name, and one held (its pid in a file) until
 * the test releases it.
 */
abstract class CliServer extends ServerFixture {

    static final String LONG_TASK = "a-task-with-a-name-longer-than-any-column";

    Path release;
    Path pidFile;

    @BeforeEach
    void startServerAndKeepTokensHere() {
        System.setProperty("sluice.token-file", dir.resolve("tokens").toString());
        release = dir.resolve("release");
        pidFile = dir.resolve("held.pid");
        Path scripts = dir.resolve("scripts");
        Path hold = Scripts.write(scripts, "hold.sh", "echo $$ > \"" + pidFile + "\"\nwhile [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        Path lines = Scripts.write(scripts, "lines.sh", "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done\n"
                + "for i in 1 2 3 4 5; do echo \"line $i\"; sleep 0.05; done");
        Path breaks = Scripts.write(scripts, "breaks.sh", "echo 'about to fail'\nexit 3");
        Path chatty = Scripts.write(scripts, "chatty.sh", "printf '::progress 50 tab\\there, \\033[2Jescape\\n'\n"
                + "while [ ! -e \"" + release + "\" ]; do sleep 0.05; done");
        start("tasks:\n  ok:\n    command: [true]\n  " + LONG_TASK + ":\n    command: [true]\n"
                + "  hold:\n    command: " + Scripts.command(hold) + "\n"
                + "  lines:\n    command: " + Scripts.command(lines) + "\n"
                + "  breaks:\n    command: " + Scripts.command(breaks) + "\n"
                + "  chatty:\n    command: " + Scripts.command(chatty) + "\n"
                + "queues:\n  default: { concurrency: 4 }\n");
    }

    @AfterEach
    void releaseAndForgetTheTokenFile() throws IOException {
        Files.writeString(release, "go");
        System.clearProperty("sluice.token-file");
    }

    /** `sluice ARGS --server URL`. */
    Run sluice(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--server";
        all[args.length + 1] = server.http().base();
        return run(all);
    }

    /** Submits through the command line (so its token is remembered) and returns the job's id. */
    String submit(String task) {
        Run submitted = sluice("submit", task);
        assertThat(submitted.exit()).as(submitted.err()).isEqualTo(0);
        return submitted.out().strip();
    }

    String submitAndAwaitEnd(String task) {
        String id = submit(task);
        server.awaitEnd(id);
        return id;
    }
}
