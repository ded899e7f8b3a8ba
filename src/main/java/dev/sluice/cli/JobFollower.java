package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Follows a job for `submit --wait`: shows progress on stderr and the outcome and results on stdout. */
final class JobFollower {

    private static final long POLL_MILLIS = 250;
    private final ApiClient client;

    JobFollower(ApiClient client) {
        this.client = client;
    }

    int follow(String id) throws IOException {
        String shown = "";
        while (true) {
            ApiClient.Reply reply = client.get("jobs/" + id);
            if (!reply.ok()) {
                System.err.println("sluice: " + reply.problem());
                return 1;
            }
            JsonNode job = reply.body();
            String status = job.path("status").asText();
            String line = status + (job.has("progress") ? " " + job.get("progress").asInt() + "%" : "")
                    + (job.path("message").asText().isEmpty() ? "" : " " + job.path("message").asText());
            if (!line.equals(shown)) {
                System.err.println(line);
                shown = line;
            }
            switch (status) {
                case "successful" -> {
                    SubmitCommand.printResults(client.get("jobs/" + id + "/results").body());
                    return 0;
                }
                case "failed" -> {
                    return JobEnding.FAILED;
                }
                case "dismissed" -> {
                    return JobEnding.DISMISSED;
                }
                default -> pause();
            }
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
