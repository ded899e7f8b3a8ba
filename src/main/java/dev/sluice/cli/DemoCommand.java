package dev.sluice.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.SluiceConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `sluice demo`: serves the built-in demo tasks (image comparison, slow, fail, echo) with no config file. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Serve the built-in demo tasks on http://127.0.0.1:8080 (data in ./sluice-demo-data).",
                "Override with SLUICE_SERVER_LISTEN and SLUICE_STORAGE_DATA_DIR."})
final class DemoCommand implements Callable<Integer> {

    private static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Override
    public Integer call() {
        SluiceConfig config;
        try {
            config = DemoConfig.load(System.getenv());
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            return 1;
        }
        List<Path> samples;
        try {
            samples = DemoSamples.ensure(config.storage().dataPath());
        } catch (IOException unwritable) {
            System.err.println("sluice demo: cannot write the sample images under " + config.storage().dataPath() + ": " + unwritable.getMessage());
            return 1;
        }
        return ServerRunner.runUntilStopped(config, false, port -> {
            String url = config.server().urlFor(port);
            System.out.println("sluice demo: serving on " + url + "/ (data in " + config.storage().dataPath() + ")");
            System.out.println("open " + url + "/ in a browser for the forms and live progress, or try from another terminal:");
            System.out.println("  " + submitLine(url, samples));
            System.out.println("  curl -s -X POST " + url + "/processes/echo/execution -H 'Content-Type: application/json'"
                    + " -d '{\"inputs\": {\"message\": \"hello\"}}'");
            System.out.println("(echo answers with its results; with -H 'Prefer: respond-async' it answers 201 at once, and"
                    + " the Location header names the job to follow)");
            System.out.println("stop with Ctrl-C");
        });
    }

    /** A `sluice submit` of the sample images, written so that it works when pasted into a shell in this folder. */
    static String submitLine(String url, List<Path> samples) {
        // why: ./sluice names itself in SLUICE_LAUNCHER; a bare `java -jar` start has no launcher to name
        String launcher = Optional.ofNullable(System.getenv("SLUICE_LAUNCHER")).filter(s -> !s.isBlank())
                .orElse("java -jar " + shellWord(jarPath()));
        String server = url.equals(DEFAULT_URL) ? "" : " --server " + shellWord(url);
        return launcher + " submit compare reference=@" + shellWord(shown(samples.get(0))) + " sample=@"
                + shellWord(shown(samples.get(1))) + server + " --wait";
    }

    private static String shown(Path file) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    private static String jarPath() {
        return Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toAbsolutePath().toString();
    }

    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:@=+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
