package dev.sluice.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.SluiceConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `sluice serve`: runs the server of a config file until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server described by the config file.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @picocli.CommandLine.Option(names = "--allow-broken",
            description = "start even when a task's preflight fails; that task is marked broken and refuses jobs")
    boolean allowBroken;

    @Override
    public Integer call() {
        SluiceConfig loaded;
        try {
            loaded = config.load();
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            return 1;
        }
        return ServerRunner.runUntilStopped(loaded, allowBroken, port ->
                System.out.println("sluice: serving " + loaded.tasks().size() + " tasks on "
                        + loaded.server().urlFor(port) + "/"));
    }
}
