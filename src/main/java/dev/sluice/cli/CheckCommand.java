package dev.sluice.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.SluiceConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `sluice check`: validates the config file and prints every problem with its line, without starting anything. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate the config file and print what is wrong (exit 1), or a summary (exit 0).")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try {
            SluiceConfig loaded = config.load();
            System.out.println(config.file + " is valid: " + loaded.tasks().size() + " tasks (" + String.join(", ", loaded.tasks().keySet())
                    + "), " + loaded.queues().size() + " queues (" + String.join(", ", loaded.queues().keySet()) + ")");
            return 0;
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            System.err.println(invalid.problems().size() == 1 ? "1 problem" : invalid.problems().size() + " problems");
            return 1;
        }
    }
}
