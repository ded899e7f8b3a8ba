package dev.sluice.demo;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Runs one built-in demo task, chosen by the first argument, as a child process of the Sluice server. */
public final class DemoTaskMain {

    static final int EXIT_OK = 0;
    static final int EXIT_INTERNAL = 1;
    static final int EXIT_USAGE = 2;

    private static final String USAGE = "compare <imageA> <imageB> <outDir>, slow <seconds> <outDir>,"
            + " fail <outDir>, or echo <text> <pause> <outDir> [<style>]";

    private DemoTaskMain() {
    }

    public static void main(String[] args) {
        // Set before any AWT class loads: the server runs tasks without a display.
        System.setProperty("java.awt.headless", "true");
        // Fixed UTF-8 rather than the platform default, so file names in messages survive a C/POSIX locale.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8);
        int code = run(args, new Progress(out), err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the task and returns the process exit code; never throws, so main can always exit cleanly. */
    static int run(String[] args, Progress progress, PrintStream err) {
        try {
            return dispatch(args, progress, err);
        } catch (UsageException e) {
            return fail(err, e.getMessage(), EXIT_USAGE);
        } catch (IOException e) {
            return fail(err, "The demo task could not write its output: " + e.getMessage() + ".", EXIT_INTERNAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, "The demo task was interrupted before it finished.", EXIT_INTERNAL);
        }
    }

    private static int dispatch(String[] args, Progress progress, PrintStream err)
            throws UsageException, IOException, InterruptedException {
        if (args.length == 0) {
            throw new UsageException("Usage: DemoTaskMain " + USAGE + ".");
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "compare" -> {
                expect(args[0], rest, 3, "compare <imageA> <imageB> <outDir>");
                Path outDir = outputDir(rest.get(2));
                ImageComparison.run(inputPath(rest.get(0)), inputPath(rest.get(1)), outDir, progress);
                return EXIT_OK;
            }
            case "slow" -> {
                expect(args[0], rest, 2, "slow <seconds> <outDir>");
                int seconds = SlowTask.parseSeconds(rest.get(0));
                SlowTask.run(seconds, outputDir(rest.get(1)), progress);
                return EXIT_OK;
            }
            case "fail" -> {
                expect(args[0], rest, 1, "fail <outDir>");
                outputDir(rest.get(0));
                return FailTask.run(progress, err);
            }
            case "echo" -> {
                // The style is optional so that the three-argument form keeps working.
                expect(args[0], rest, rest.size() == 4 ? 4 : 3, "echo <text> <pause> <outDir> [as-is|upper|lower]");
                double pause = EchoTask.parsePause(rest.get(1));
                String text = EchoTask.styled(rest.get(0), rest.size() == 4 ? rest.get(3) : "as-is");
                EchoTask.run(text, pause, outputDir(rest.get(2)), progress);
                return EXIT_OK;
            }
            default -> throw new UsageException("Unknown demo task \"" + args[0] + "\"; expected " + USAGE + ".");
        }
    }

    private static void expect(String task, List<String> rest, int count, String form) throws UsageException {
        if (rest.size() != count) {
            throw new UsageException("The " + task + " task expects exactly " + count + (count == 1 ? " argument" : " arguments")
                    + " (" + form + ") but got " + rest.size() + ".");
        }
    }

    private static Path inputPath(String text) throws UsageException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException("The input path \"" + text + "\" is not a valid file path.");
        }
    }

    private static Path outputDir(String text) throws UsageException, IOException {
        // An empty argument would otherwise resolve to the working directory and scatter files there.
        if (text.isBlank()) {
            throw new UsageException("The output folder argument is empty.");
        }
        Path dir = inputPath(text);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("The output folder " + text + " exists but is not a folder.");
        }
        return Files.createDirectories(dir);
    }

    private static int fail(PrintStream err, String sentence, int code) {
        err.print(sentence + "\n");
        err.flush();
        return code;
    }
}
