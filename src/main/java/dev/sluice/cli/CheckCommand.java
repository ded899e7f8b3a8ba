package dev.sluice.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.SluiceConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import dev.sluice.worker.Preflight;
import dev.sluice.worker.Preflights;
import dev.sluice.worker.SandboxProbe;
import java.util.Optional;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `sluice check`: validates the config file and prints every problem with its line, without starting anything. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate the config file and run every task's preflight; print what is wrong (exit 1), or a summary (exit 0).")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--no-preflight", description = "only validate the file; do not run the tasks' preflight commands")
    boolean noPreflight;

    @Override
    public Integer call() {
        try {
            SluiceConfig loaded = config.load();
            System.out.println(config.file + " is valid: " + loaded.tasks().size() + " tasks (" + String.join(", ", loaded.tasks().keySet())
                    + "), " + loaded.queues().size() + " queues (" + String.join(", ", loaded.queues().keySet()) + ")");
            boolean sandboxWorks = checkSandbox(loaded);
            if (noPreflight) {
                return sandboxWorks ? 0 : 1;
            }
            List<Preflight.Result> results = Preflights.runAll(loaded);
            results.stream().filter(Preflight.Result::passed).forEach(r -> System.out.println(r.describe()));
            List<Preflight.Result> failed = results.stream().filter(r -> !r.passed()).toList();
            failed.forEach(r -> System.err.println(r.describe()));
            return failed.isEmpty() && sandboxWorks ? 0 : 1;
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            System.err.println(invalid.problems().size() == 1 ? "1 problem" : invalid.problems().size() + " problems");
            return 1;
        }
    }

    /** When a task asks for a sandbox, tries bubblewrap once and says whether it works here. */
    private static boolean checkSandbox(SluiceConfig loaded) {
        if (!SandboxProbe.needed(loaded)) {
            return true;
        }
        Optional<String> problem = SandboxProbe.problem();
        if (problem.isPresent()) {
            System.err.println("sandbox: " + problem.get() + "; the server will not start with sandboxed tasks");
            return false;
        }
        System.out.println("sandbox: bubblewrap works here");
        return true;
    }
}
