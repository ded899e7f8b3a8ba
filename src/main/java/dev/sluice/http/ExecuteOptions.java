package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.SluiceException;
import dev.sluice.callback.CallbackTargets;
import dev.sluice.config.OutputSpec;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.Subscriber;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an OGC execute request beside `inputs`: `response`, `outputs` and `subscriber`. How this server sends
 * outputs is fixed (typed ones by value, files by reference; the outputs named decide only which are answered), so a
 * request that asks for anything else is refused with what it asked and what is offered, rather than answered
 * otherwise. Subscriber URLs are taken when callbacks are offered and each passes {@link CallbackTargets}.
 */
final class ExecuteOptions {

    private ExecuteOptions() {
    }

    private static final List<String> SUBSCRIBER_MEMBERS = List.of("successUri", "inProgressUri", "failedUri");

    /** Checks the options; answers the subscriber the request named, if any. */
    static Optional<Subscriber> check(ObjectNode request, TaskConfig task, Optional<CallbackTargets> callbacks) {
        JsonNode response = request.get("response");
        if (response != null && !response.isNull() && !"document".equals(response.asText(null))) {
            throw refused("response", shown(response) + " is not offered: this server answers with a results document"
                    + " (\"response\": \"document\"), or a synchronous execution that asks for one output (named in"
                    + " 'outputs', without \"response\") with that output's value itself");
        }
        checkOutputs(request.get("outputs"), task);
        JsonNode subscriber = request.get("subscriber");
        if (subscriber == null || subscriber.isNull()) {
            return Optional.empty();
        }
        if (callbacks.isEmpty()) {
            throw refused("subscriber", "callbacks are not offered by this server (server.callbacks.enabled is false);"
                    + " follow the job's status or its event stream instead");
        }
        return Optional.of(subscriber(subscriber, callbacks.get()));
    }

    /**
     * The outputs a checked request asks for: those its `outputs` names, or every declared one when it names none
     * (/req/core/process-execute-default-outputs).
     */
    static java.util.Set<String> requested(ObjectNode request, TaskConfig task) {
        JsonNode outputs = request.get("outputs");
        if (outputs == null || !outputs.isObject() || outputs.isEmpty()) {
            return task.outputs().keySet();
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        outputs.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Subscriber subscriber(JsonNode given, CallbackTargets targets) {
        if (!given.isObject()) {
            throw badSubscriber("subscriber", "must be an object such as {\"successUri\": \"https://…\"}");
        }
        for (Map.Entry<String, JsonNode> member : given.properties()) {
            String name = member.getKey();
            if (!SUBSCRIBER_MEMBERS.contains(name)) {
                throw badSubscriber("subscriber." + SubmissionReader.abbreviate(name), "is not a member of subscriber; its members are "
                        + String.join(", ", SUBSCRIBER_MEMBERS));
            }
        }
        Subscriber subscriber = new Subscriber(uri(given, "successUri", targets), uri(given, "inProgressUri", targets),
                uri(given, "failedUri", targets));
        if (subscriber.isEmpty()) {
            throw badSubscriber("subscriber", "names no URL; give at least successUri");
        }
        return subscriber;
    }

    private static Optional<String> uri(JsonNode subscriber, String name, CallbackTargets targets) {
        JsonNode value = subscriber.get(name);
        String member = "subscriber." + name;
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw badSubscriber(member, "must be a URL as a string");
        }
        try {
            targets.check(value.asText());
        } catch (CallbackTargets.Refused refused) {
            throw badSubscriber(member, refused.getMessage());
        }
        return Optional.of(value.asText());
    }

    private static void checkOutputs(JsonNode outputs, TaskConfig task) {
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

    private static SluiceException badSubscriber(String member, String why) {
        return new SluiceException(400, "invalid-subscriber", "Callback URL refused", "'" + member + "' " + why,
                Map.of("member", member));
    }

    private static SluiceException refused(String member, String why) {
        return new SluiceException(400, "execute-option-not-offered", "Execute option not offered",
                "'" + member + "' " + why, Map.of("member", member));
    }
}
