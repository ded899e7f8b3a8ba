package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** How a command that follows a job to its end exits: 0 successful, 1 failed, 3 dismissed (cancelled). */
final class JobEnding {

    static final int SUCCESSFUL = 0;
    static final int FAILED = 1;
    static final int DISMISSED = 3;

    private JobEnding() {
    }

    /** The exit code for a job's status document, or empty while the job has not ended. */
    static Optional<Integer> exitCode(JsonNode status) {
        return switch (status.path("status").asText()) {
            case "successful" -> Optional.of(SUCCESSFUL);
            case "failed" -> Optional.of(FAILED);
            case "dismissed" -> Optional.of(DISMISSED);
            default -> Optional.empty();
        };
    }

    /** One line saying how a job that did not succeed ended: `failed (timeout): ...`. */
    static String describe(JsonNode status) {
        String reason = status.hasNonNull("reason") ? " (" + status.get("reason").asText() + ")" : "";
        String message = status.path("message").asText();
        return status.path("status").asText() + reason + (message.isEmpty() ? "" : ": " + message);
    }
}
