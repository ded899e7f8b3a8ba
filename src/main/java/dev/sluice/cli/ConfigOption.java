package dev.sluice.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The `--config` option shared by the commands that read `sluice.yaml`. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "sluice.yaml",
            description = "the config file (default: ${DEFAULT-VALUE})")
    Path file;

    SluiceConfig load() throws ConfigException {
        return new ConfigLoader().load(file, System.getenv());
    }
}
