package dev.sluice.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.SluiceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `sluice systemd`: prints a systemd unit that runs this Sluice with this config. */
@Command(name = "systemd", mixinStandardHelpOptions = true,
        header = "Print a hardened systemd service unit for the config.",
        description = {"Print a systemd service unit for the config: restart on failure, a stop timeout above the drain,",
                "and hardening (read-only system, writable data folder and log). Save it as /etc/systemd/system/sluice.service."})
final class SystemdCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "sluice",
            description = "the account the server runs as (default: ${DEFAULT-VALUE}); it must own the data folder")
    String user;

    @Override
    public Integer call() {
        try {
            SluiceConfig loaded = config.load();
            Path file = config.file.toAbsolutePath().normalize();
            System.out.print(SystemdUnit.render(loaded, file, command(), user));
            return 0;
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            return 1;
        }
    }

    /** This very Java and this very jar (or class path), so the unit runs what was tried here. */
    private static List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // why: the flags ./sluice starts the server with (see that script)
        command.addAll(List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx512m", "-Xss512k",
                "-Djdk.reflect.useNativeAccessorOnly=true"));
        if (Runtime.version().feature() >= 22) {
            command.add("-XX:TrimNativeHeapInterval=5000");
        }
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-jar", Path.of(classPath).toAbsolutePath().toString()));
        } else {
            command.addAll(List.of("-cp", classPath, Main.class.getName()));
        }
        return command;
    }
}
