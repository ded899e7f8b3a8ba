package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/** Follows a job for `submit --wait` to its end, showing its state and progress on stderr as they change. */
final class JobFollower {

    private static final long POLL_MILLIS = 250;
    private final ApiClient client;

    JobFollower(ApiClient client) {
        this.client = client;
    }

    /** The job's final status document, or empty when it could not be followed (why is printed on stderr). */
    Optional<JsonNode> follow(String id) throws IOException {
        String shown = "";
        while (true) {
            ApiClient.Reply reply = client.get("jobs/" + id);
            if (!reply.ok()) {
                System.err.println("sluice: " + reply.problem());
                return Optional.empty();
            }
            JsonNode job = reply.body();
            String status = job.path("status").asText();
            String line = status + (job.has("progress") ? " " + job.get("progress").asInt() + "%" : "")
                    + (job.path("message").asText().isEmpty() ? "" : " " + job.path("message").asText());
            if (!line.equals(shown)) {
                System.err.println(TextTable.printable(line));
                shown = line;
            }
            if (JobEnding.exitCode(job).isPresent()) {
                return Optional.of(job);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
