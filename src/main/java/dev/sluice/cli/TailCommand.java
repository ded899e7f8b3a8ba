package dev.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `sluice tail JOB`: prints a job's log as it grows, and its progress, until the job ends. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        header = "Follow a job's log, state and progress until it ends.",
        description = {"Follow a job: its log lines on stdout as they come (the last 200 first), state and progress on stderr,",
                "until it ends. Exit 0 when it succeeded, 1 when it failed (or cannot be followed), 3 when it was dismissed."})
final class TailCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JOB", description = "the job's id")
    String job;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        return new JobTail(server.client(), job).follow();
    }
}
