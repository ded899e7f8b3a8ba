package dev.sluice.cli;

import dev.sluice.app.SluiceServer;
import dev.sluice.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * `sluice train`, run by the launcher once per build under JDK 25's `-XX:AOTCacheOutput`: starts the demo on a free
 * loopback port in a folder of its own, goes through what a first job takes (pages, API documents, a submission,
 * its status and results), and stops. The JVM then writes the classes it loaded and linked, and their profiles, to
 * the ahead-of-time cache that later starts read instead of doing that work again.
 */
@Command(name = "train", hidden = true, description = "Exercise a throwaway demo server, to record the ahead-of-time cache.")
final class TrainCommand implements Callable<Integer> {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Override
    public Integer call() throws IOException, ConfigException, InterruptedException {
        Path folder = Files.createTempDirectory("sluice-train");
        try (SluiceServer server = SluiceServer.start(DemoConfig.load(Map.of("SLUICE_SERVER_LISTEN", "127.0.0.1:0",
                "SLUICE_STORAGE_DATA_DIR", folder.resolve("data").toString())))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
            String base = "http://127.0.0.1:" + server.port();
            for (String path : List.of("/", "/processes", "/processes/echo", "/conformance", "/health")) {
                get(http, base + path, "application/json");
                get(http, base + path, "text/html");
            }
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/processes/echo/execution"))
                    .timeout(PATIENCE).header("Content-Type", "application/json").header("Prefer", "respond-async")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"train\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String job = accepted.headers().firstValue("Location").orElseThrow(() -> new IOException("no job: " + accepted.body()));
            // why: the job's end is what a first result waits for; one long poll (Prefer: wait) instead of many
            HttpResponse<String> ended = http.send(HttpRequest.newBuilder(URI.create(job)).timeout(PATIENCE.plusSeconds(5))
                    .header("Prefer", "wait=30").build(), HttpResponse.BodyHandlers.ofString());
            if (!ended.body().contains("\"status\":\"successful\"")) {
                System.err.println("sluice train: the demo's job did not succeed: " + ended.body());
                return 1;
            }
            get(http, job, "text/html");
            get(http, job + "/results", "application/json");
            get(http, base + "/admin", "text/html");
            return 0;
        } finally {
            dev.sluice.worker.FolderTree.delete(folder);
        }
    }

    private static void get(HttpClient http, String url, String accept) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PATIENCE).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
