package dev.sluice.worker;

import dev.sluice.config.TaskConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task's `preflight` command (for example `[python3, -c, "import cv2"]`) the way its jobs will run:
 * same working folder, same environment. A wrong interpreter or a missing library is then found at start-up
 * instead of by the first user.
 */
public final class Preflight {

    /** The outcome for one task: passed, or why not, with the command's own output. */
    public record Result(String task, List<String> command, boolean passed, String problem) {
        public String describe() {
            return passed ? "preflight of task '" + task + "' passed"
                    : "preflight of task '" + task + "' failed: " + String.join(" ", command) + " " + problem;
        }
    }

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int KEPT_OUTPUT = 2000;

    private Preflight() {
    }

    /** Empty when the task declares no preflight; in the task's sandbox when it has one, as its jobs will run. */
    public static Optional<Result> run(String name, TaskConfig task, Optional<Sandbox> sandbox) {
        if (task.preflight().isEmpty()) {
            return Optional.empty();
        }
        List<String> command = task.preflight();
        // why: "exited with code 1" is half the story when the PATH holds two Pythons; the one that ran is the other half
        CommandLookup.Resolution program = CommandLookup.resolve(command.get(0), task);
        String ran = " (" + program.path().map(p -> program.describe()).orElseGet(() -> program.problem().orElse(program.program())) + ")";
        // why: a sandbox without a job has no job folder; the private /tmp is the one writable place to start in
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        task.workdirPath().map(Path::toFile).ifPresent(builder::directory);
        JobEnvironment.fillForTask(builder.environment(), System.getenv(), task);
        builder.command(sandbox.map(s -> s.wrap(command, Optional.empty(), task.workdirPath(),
                task.workdirPath().orElse(Path.of("/tmp")))).orElseGet(() -> CommandLookup.onPathOf(command, builder.environment())));
        try {
            Process process = sandbox.isPresent() ? SandboxLauncher.start(builder) : builder.start();
            java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> lastOutput(process), java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            boolean ended = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                ProcessTree.terminate(Optional.of(process.toHandle()), Optional.empty(), Duration.ofSeconds(1));
                return Optional.of(new Result(name, command, false, "did not finish within " + TIMEOUT.toSeconds() + "s" + ran));
            }
            int exit = process.exitValue();
            String printed = output.get(5, TimeUnit.SECONDS).strip();
            return Optional.of(exit == 0 ? new Result(name, command, true, "")
                    : new Result(name, command, false, "exited with code " + exit + ran + (printed.isEmpty() ? "" : ": " + printed)));
        } catch (IOException cannotStart) {
            return Optional.of(new Result(name, command, false, "could not be started" + ran
                    + (program.problem().isPresent() ? "" : ": " + systemReason(cannotStart))));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException outputLost) {
            return Optional.of(new Result(name, command, false, "failed and its output could not be read"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Result(name, command, false, "was interrupted"));
        }
    }

    // why: Java's message repeats the command and folder; the system's reason at its end is what is news
    private static String systemReason(IOException e) {
        String message = String.valueOf(e.getMessage());
        java.util.regex.Matcher reason = java.util.regex.Pattern.compile("error=\\d+, (.*)$").matcher(message);
        return reason.find() ? reason.group(1) : message;
    }

    private static String lastOutput(Process process) {
        try {
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return text.length() > KEPT_OUTPUT ? "…" + text.substring(text.length() - KEPT_OUTPUT) : text;
        } catch (IOException closed) {
            return "";
        }
    }
}
