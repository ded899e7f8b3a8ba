package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.SluiceException;
import dev.sluice.config.OutputSpec;
import dev.sluice.config.TaskConfig;
import java.util.Map;

/**
 * The parts of an OGC execute request beside `inputs`: `response`, `outputs` and `subscriber`. What this server
 * does is fixed (results as a document; typed outputs by value, files by reference; no callbacks), so a request
 * that asks for anything else is refused with what it asked and what is offered, rather than answered otherwise.
 */
final class ExecuteOptions {

    private ExecuteOptions() {
    }

    static void check(ObjectNode request, TaskConfig task) {
        JsonNode response = request.get("response");
        if (response != null && !response.isNull() && !"document".equals(response.asText(null))) {
            throw refused("response", shown(response) + " is not offered: this server"
                    + " answers every execution with a results document (\"response\": \"document\")");
        }
        JsonNode subscriber = request.get("subscriber");
        if (subscriber != null && !subscriber.isNull()) {
            throw refused("subscriber", "callbacks are not offered by this server yet; follow the job's status or its"
                    + " event stream instead");
        }
        JsonNode outputs = request.get("outputs");
        if (outputs == null || outputs.isNull()) {
            return;
        }
        if (!outputs.isObject()) {
            throw refused("outputs", "must be an object mapping output names to {\"transmissionMode\": …}");
        }
        for (Map.Entry<String, JsonNode> asked : outputs.properties()) {
            String name = asked.getKey();
            OutputSpec spec = task.outputs().get(name);
            if (spec == null) {
                throw refused("outputs", "'" + SubmissionReader.abbreviate(name) + "' is not an output of this process; its outputs are "
                        + (task.outputs().isEmpty() ? "none" : String.join(", ", task.outputs().keySet())));
            }
            JsonNode mode = asked.getValue().path("transmissionMode");
            String offered = spec.inlineType().isPresent() ? "value" : "reference";
            if (!mode.isMissingNode() && !mode.isNull() && !offered.equals(mode.asText(null))) {
                throw refused("outputs", "output '" + name + "' is sent by " + offered + " only, not by " + shown(mode));
            }
        }
    }

    // why: a string is shown as the client wrote it; anything else (a number, an object) as its JSON
    private static String shown(JsonNode value) {
        return "'" + SubmissionReader.abbreviate(value.isTextual() ? value.asText() : value.toString()) + "'";
    }

    private static SluiceException refused(String member, String why) {
        return new SluiceException(400, "execute-option-not-offered", "Execute option not offered",
                "'" + member + "' " + why, Map.of("member", member));
    }
}
