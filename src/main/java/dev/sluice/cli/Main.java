package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `sluice` command. Exit codes: 0 success, 1 failure (bad config, failed job, server error), 2 wrong usage, 3 a job
 * followed to its end (`submit --wait`, `tail`) was dismissed.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Puts heavy, long-running computations on the web safely.",
        subcommands = {ServeCommand.class, DemoCommand.class, CheckCommand.class, SubmitCommand.class, JobsCommand.class,
                CancelCommand.class, TailCommand.class, SchedulesCommand.class, MaintenanceCommand.class,
                BackupCommand.class, RestoreCommand.class, ExportCommand.class, ImportCommand.class,
                HashPasswordCommand.class, SystemdCommand.class, NginxCommand.class,
                InitPythonCommand.class, SchemaCommand.class, TrainCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure (bad config, failed job, unreachable server), 2 wrong usage,",
                "3 a job followed to its end (submit --wait, tail) was dismissed."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // why: image inputs are decoded and resized with java.awt; a server must never try to reach a display for that
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /** The command line as `sluice` runs it: wrong usage is reported in one line, with exit code 2. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setParameterExceptionHandler(new OneLineUsageErrors());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
