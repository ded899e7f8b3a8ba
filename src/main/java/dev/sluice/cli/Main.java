package dev.sluice.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `sluice` command. Exit codes: 0 success, 1 failure (bad config, failed job, server error), 2 wrong usage, 3 a job
 * followed to its end (`submit --wait`, `tail`) was dismissed.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Puts heavy, long-running computations on the web safely.",
        footer = {"", "Exit codes: 0 success, 1 failure (bad config, failed job, unreachable server), 2 wrong usage,",
                "3 a job followed to its end (submit --wait, tail) was dismissed."})
public final class Main implements Runnable {

    private static final List<Class<?>> COMMANDS = List.of(ServeCommand.class, DemoCommand.class, CheckCommand.class,
            SubmitCommand.class, JobsCommand.class, CancelCommand.class, TailCommand.class, SchedulesCommand.class,
            MaintenanceCommand.class, BackupCommand.class, RestoreCommand.class, ExportCommand.class, ImportCommand.class,
            HashPasswordCommand.class, SystemdCommand.class, NginxCommand.class, InitPythonCommand.class,
            SchemaCommand.class, TrainCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // why: image inputs are decoded and resized with java.awt; a server must never try to reach a display for that
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine(args).execute(args));
    }

    /** The command line as `sluice` runs it: wrong usage is reported in one line, with exit code 2. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when they start with a command's name, only that command is built.
     * Why: picocli models every command it is given by reflection, most of it interpreted so early in a start; the
     * eighteen others cost a server's start about 0.1 s.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine line = new CommandLine(new Main());
        boolean named = args.length > 0 && COMMANDS.stream().anyMatch(c -> nameOf(c).equals(args[0]));
        for (Class<?> command : COMMANDS) {
            if (!named || nameOf(command).equals(args[0])) {
                line.addSubcommand(command);
            }
        }
        return line.setParameterExceptionHandler(new OneLineUsageErrors());
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
