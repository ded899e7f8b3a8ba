package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sluice submit TASK key=value file=@path [--wait]`: submits a job over the HTTP API. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a job: key=value for values, key=@path to upload a file.",
                "Prints the job id; with --wait, follows it and prints its results (exit 1 if it fails, 3 if it is dismissed)."})
final class SubmitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TASK", description = "the task to run")
    String task;

    @Parameters(index = "1..*", paramLabel = "INPUT", description = "inputs as key=value or key=@file")
    List<String> inputs = List.of();

    @Option(names = {"-w", "--wait"}, description = "wait until the job ends and print its results")
    boolean await;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (String input : inputs) {
            int eq = input.indexOf('=');
            if (eq < 1) {
                System.err.println("sluice submit: '" + input + "' is not key=value or key=@file");
                return 2;
            }
            String key = input.substring(0, eq);
            String value = input.substring(eq + 1);
            if (value.startsWith("@")) {
                Path file = Path.of(value.substring(1));
                if (!Files.isRegularFile(file)) {
                    System.err.println("sluice submit: " + file + " is not a readable file");
                    return 2;
                }
                files.put(key, file);
            } else {
                values.put(key, value);
            }
        }
        ApiClient client = server.client();
        try {
            ApiClient.Reply reply = client.send(new SubmitRequest(client, task).build(values, files));
            if (reply.status() != 201) {
                System.err.println("sluice submit: refused: " + reply.problem());
                return 1;
            }
            String id = reply.body().path("jobID").asText();
            System.out.println(id);
            return await ? new JobFollower(client).follow(id) : 0;
        } catch (IOException unreachable) {
            System.err.println("sluice submit: cannot reach " + server.url + ": " + unreachable.getMessage());
            return 1;
        }
    }

    static void printResults(JsonNode results) {
        if (results instanceof ObjectNode doc) {
            doc.properties().forEach(e -> System.out.println(e.getKey() + ": "
                    + (e.getValue().has("href") ? e.getValue().get("href").asText() : e.getValue().toString())));
        }
    }
}
