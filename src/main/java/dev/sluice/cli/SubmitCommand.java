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
                "Prints the job id on stdout and its page's URL on stderr; with --wait, follows",
                "it and prints its results, files as URLs (exit 1 if it fails, 3 if dismissed)."})
final class SubmitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TASK", description = "the task to run")
    String task;

    @Parameters(index = "1..*", paramLabel = "INPUT", description = "inputs as key=value or key=@file")
    List<String> inputs = List.of();

    @Option(names = {"-w", "--wait"}, description = "wait until the job ends and print its results")
    boolean await;

    @Option(names = "--json", description = "print one JSON object on stdout instead: the job's page, its status document"
            + " and, with --wait, its results (links absolute)")
    boolean json;

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
            String page = client.links().jobPage(id);
            if (!json) {
                System.out.println(id);
            }
            System.err.println("page: " + page);
            if (!await) {
                if (json) {
                    printJson(page, reply.body(), null, client);
                }
                return 0;
            }
            java.util.Optional<JsonNode> ended = new JobFollower(client).follow(id);
            if (ended.isEmpty()) {
                return 1;
            }
            int exit = JobEnding.exitCode(ended.get()).orElse(JobEnding.FAILED);
            JsonNode results = null;
            if (exit == JobEnding.SUCCESSFUL) {
                ApiClient.Reply fetched = client.get("jobs/" + id + "/results");
                if (!fetched.ok()) {
                    System.err.println("sluice submit: the job succeeded but its results could not be read: " + fetched.problem());
                    return 1;
                }
                results = client.links().absoluteResults(fetched.body());
            }
            if (json) {
                printJson(page, ended.get(), results, client);
            } else if (results != null) {
                printResults(results);
            }
            return exit;
        } catch (IOException unreachable) {
            System.err.println("sluice submit: cannot reach " + server.url + ": " + unreachable.getMessage());
            return 1;
        }
    }

    /** `name: value` per output: a file's absolute URL, an inline value as JSON. */
    private static void printResults(JsonNode results) {
        if (results instanceof ObjectNode doc) {
            doc.properties().forEach(e -> System.out.println(TextTable.printable(e.getKey() + ": "
                    + (ServerLinks.isFileOutput(e.getValue()) ? e.getValue().get("href").asText() : e.getValue().toString()))));
        }
    }

    // why: the one line a script reads: {"page", "job", "results"} with stable names, whatever the job's outputs
    private static void printJson(String page, JsonNode status, JsonNode results, ApiClient client) {
        ObjectNode out = ApiClient.json().createObjectNode().put("page", page);
        out.set("job", client.links().absoluteLinks(status));
        if (results != null) {
            out.set("results", results);
        }
        System.out.println(out);
    }
}
