package dev.sluice.cli;

import dev.sluice.config.ConfigException;
import dev.sluice.config.SluiceConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `sluice demo`: serves the built-in demo tasks (image comparison, slow, fail, echo) with no config file. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Serve the built-in demo tasks on http://127.0.0.1:8080 (data in ./sluice-demo-data).",
                "Override with SLUICE_SERVER_LISTEN and SLUICE_STORAGE_DATA_DIR."})
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        SluiceConfig config;
        try {
            config = DemoConfig.load(System.getenv());
        } catch (ConfigException invalid) {
            invalid.problems().forEach(System.err::println);
            return 1;
        }
        return ServerRunner.runUntilStopped(config, false, port -> {
            String url = config.server().urlFor(port);
            System.out.println("sluice demo: serving on " + url + "/ (data in " + config.storage().dataPath() + ")");
            System.out.println("try: curl -s -X POST " + url + "/processes/echo/execution -H 'Content-Type: application/json'"
                    + " -d '{\"inputs\": {\"message\": \"hello\"}}'");
            System.out.println("(echo answers with its results; with -H 'Prefer: respond-async' it answers 201 at once, and"
                    + " the Location header names the job to follow)");
            System.out.println("stop with Ctrl-C");
        });
    }
}
