package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Follows a job's event stream to its final state: log lines on stdout, state and progress on stderr. A dropped
 * stream is opened again with Last-Event-ID, a bounded number of times in a row, so no line is lost or repeated.
 */
final class JobTail {

    private static final int MOST_RECONNECTS = 5;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);

    private final ApiClient client;
    private final String id;
    private final LogLinePrinter lines = new LogLinePrinter();
    private Optional<String> lastEventId = Optional.empty();
    private Optional<Integer> exit = Optional.empty();
    private String shownState = "";
    private int eventsThisConnection;

    JobTail(ApiClient client, String id) {
        this.client = client;
        this.id = id;
    }

    /** The exit code: {@link JobEnding}'s for the job's final state, 1 when the job cannot be followed. */
    int follow() {
        String lastProblem = "";
        for (int failuresInARow = 0; ; ) {
            eventsThisConnection = 0;
            try {
                Optional<Integer> refused = streamOnce();
                if (refused.isPresent()) {
                    return refused.get();
                }
                lastProblem = "the stream ended before the job did";
            } catch (IOException dropped) {
                lastProblem = String.valueOf(dropped.getMessage());
            }
            if (exit.isPresent()) {
                return exit.get();
            }
            failuresInARow = eventsThisConnection > 0 ? 1 : failuresInARow + 1;
            if (failuresInARow > MOST_RECONNECTS) {
                System.err.println("sluice tail: gave up on job " + id + " after " + MOST_RECONNECTS + " attempts in a row: " + lastProblem);
                return 1;
            }
            pause(FIRST_PAUSE.multipliedBy(1L << (failuresInARow - 1)));
        }
    }

    /** Reads one connection until it ends; a refusal (404, say) comes back as the exit code. */
    private Optional<Integer> streamOnce() throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.resolve("jobs/" + id + "/events"))
                .header("Accept", "text/event-stream").GET();
        lastEventId.ifPresent(last -> request.header("Last-Event-ID", last));
        HttpResponse<Stream<String>> response = client.openLines(request.build());
        try (Stream<String> body = response.body()) {
            if (response.statusCode() != 200) {
                String said = body.collect(Collectors.joining("\n"));
                System.err.println("sluice tail: " + problemOf(said, response.statusCode()));
                // why: too many streams open is passing; any other refusal (no such job) will not change by retrying
                return response.statusCode() == 429 ? Optional.empty() : Optional.of(1);
            }
            EventStreamParser parser = new EventStreamParser(this::handle);
            var it = body.iterator();
            // why: a snapshot sends the final state before the log's last lines; the server ends the stream after both
            while (it.hasNext()) {
                parser.line(it.next());
            }
            return Optional.empty();
        } catch (java.io.UncheckedIOException dropped) {
            throw dropped.getCause();
        }
    }

    private void handle(ServerSentEvent event) {
        eventsThisConnection++;
        event.id().ifPresent(last -> lastEventId = Optional.of(last));
        JsonNode data = parse(event.data());
        switch (event.name()) {
            case "log" -> lines.live(data.path("line").asText());
            case "log-tail" -> lines.snapshot(data.path("lines"));
            case "progress" -> showState("running " + data.path("progress").asInt() + "%"
                    + (data.path("message").asText().isEmpty() ? "" : " " + data.path("message").asText()));
            case "state" -> state(data);
            default -> {
                // an event this version does not know: nothing to show
            }
        }
    }

    private void state(JsonNode status) {
        exit = JobEnding.exitCode(status);
        if (exit.isPresent() && exit.get() != JobEnding.SUCCESSFUL) {
            showState(JobEnding.describe(status));
            return;
        }
        showState(status.path("status").asText() + (status.has("progress") ? " " + status.get("progress").asInt() + "%" : "")
                + (status.path("message").asText().isEmpty() ? "" : " " + status.path("message").asText()));
    }

    private void showState(String line) {
        if (!line.equals(shownState)) {
            System.err.println(line);
            shownState = line;
        }
    }

    private static JsonNode parse(String data) {
        try {
            return ApiClient.json().readTree(data);
        } catch (IOException notJson) {
            return ApiClient.json().createObjectNode();
        }
    }

    private static String problemOf(String body, int status) {
        String detail = parse(body).path("detail").asText("");
        return detail.isEmpty() ? "HTTP " + status : detail;
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
