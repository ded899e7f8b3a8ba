package dev.sluice.cli;

import dev.sluice.app.SluiceServer;
import dev.sluice.config.ConfigException;
import dev.sluice.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * `sluice train`, run by the launcher once per build under JDK 25's `-XX:AOTCacheOutput`: starts the demo, with a warm
 * task added, from a config file as `serve` does, on a free loopback port in a folder of its own; goes through what a
 * first job takes (pages, API documents, a submission, its status and results, and a warm job), and stops. The JVM
 * then writes the classes it loaded and linked to the ahead-of-time cache that later starts read instead of doing
 * that work again.
 * why: the requests are written on plain sockets, HTTP/1.1 as browsers and curl send them. Every class the training
 * loads is loaded again by every start; the JDK's HttpClient brought ~550 (its own, and the TLS stack it sets up),
 * which no server uses, and asked for an h2c upgrade no real client asks for.
 */
@Command(name = "train", hidden = true, description = "Exercise a throwaway demo server, to record the ahead-of-time cache.")
final class TrainCommand implements Callable<Integer> {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    // why: without a warm task in the training, the classes and call sites of warm workers were made anew by every
    // start of a server that has one, about 60 ms of the way to its first warm result (bench/run's W5)
    private static final String WARM_TASK = """
              train-warm:
                mode: warm
                command: [${java}, ${jvm-flags}, -cp, ${classpath}, dev.sluice.demo.TrainingWarmWorker]
                queue: quick
            """;

    @Override
    public Integer call() throws IOException, ConfigException {
        Path folder = Files.createTempDirectory("sluice-train");
        Path config = Files.writeString(folder.resolve("sluice.yaml"), DemoConfig.text(WARM_TASK));
        try (SluiceServer server = SluiceServer.start(new ConfigLoader().load(config, Map.of("SLUICE_SERVER_LISTEN",
                "127.0.0.1:0", "SLUICE_STORAGE_DATA_DIR", folder.resolve("data").toString())))) {
            int port = server.port();
            for (String path : List.of("/", "/processes", "/processes/echo", "/conformance", "/health")) {
                send(port, "GET " + path, "Accept: application/json\r\n", "");
                send(port, "GET " + path, "Accept: text/html\r\n", "");
            }
            String job = runToEnd(port, "echo", "{\"inputs\": {\"message\": \"train\"}}");
            if (job == null || runToEnd(port, "train-warm", "{\"inputs\": {}}") == null) {
                return 1;
            }
            send(port, "GET " + job, "Accept: text/html\r\n", "");
            send(port, "GET " + job + "/results", "Accept: application/json\r\n", "");
            send(port, "GET /admin", "Accept: text/html\r\n", "");
            return 0;
        } finally {
            dev.sluice.worker.FolderTree.delete(folder);
        }
    }

    /** Submits a job of {@code task} and waits for its end: the job's path, or null (and a message) when it failed. */
    private static String runToEnd(int port, String task, String inputs) throws IOException {
        String accepted = send(port, "POST /processes/" + task + "/execution", "Content-Type: application/json\r\n"
                + "Prefer: respond-async\r\n", inputs);
        String job = URI.create(header(accepted, "Location")).getRawPath();
        // why: the job's end is what a first result waits for; one long poll (Prefer: wait) instead of many
        String ended = send(port, "GET " + job, "Accept: application/json\r\nPrefer: wait=30\r\n", "");
        if (!ended.contains("\"status\":\"successful\"")) {
            System.err.println("sluice train: the job of " + task + " did not succeed: " + ended);
            return null;
        }
        return job;
    }

    /** One request on a connection of its own; the whole response, head and body, as the server closes it. */
    private static String send(int port, String requestLine, String headers, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n" + headers
                + (content.length > 0 ? "Content-Length: " + content.length + "\r\n" : "") + "\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) PATIENCE.plusSeconds(5).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String header(String response, String name) throws IOException {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new IOException("no " + name + " in the answer: " + response);
    }
}
