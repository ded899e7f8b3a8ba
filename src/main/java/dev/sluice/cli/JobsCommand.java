package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `sluice jobs`: lists the most recent jobs of a running server. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List the most recent jobs, newest first.")
final class JobsCommand implements Callable<Integer> {

    @Option(names = {"-n", "--limit"}, defaultValue = "20", description = "how many jobs (default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        try {
            ApiClient.Reply reply = server.client().get("jobs?limit=" + limit);
            if (!reply.ok()) {
                System.err.println("sluice jobs: " + reply.problem());
                return 1;
            }
            System.out.printf("%-32s  %-10s  %-12s  %4s  %-24s  %s%n", "ID", "STATUS", "TASK", "PROG", "CREATED", "MESSAGE");
            for (JsonNode job : reply.body().path("jobs")) {
                String message = job.path("message").asText().replace('\n', ' ');
                System.out.printf("%-32s  %-10s  %-12s  %4s  %-24s  %s%n", job.path("jobID").asText(), job.path("status").asText(),
                        job.path("processID").asText(), job.has("progress") ? job.get("progress").asInt() + "%" : "",
                        job.path("created").asText(), message.length() > 60 ? message.substring(0, 60) + "…" : message);
            }
            return 0;
        } catch (IOException unreachable) {
            System.err.println("sluice jobs: cannot reach " + server.url + ": " + unreachable.getMessage());
            return 1;
        }
    }
}
