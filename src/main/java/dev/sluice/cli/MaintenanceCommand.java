package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sluice maintenance on|off|status`: maintenance mode of a running server, through POST /admin/maintenance. */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = {"Turn a running server's maintenance mode on or off, or show it (status, the default).",
                "While it is on, new submissions get 503 with Retry-After and the pages that submit say why; queued and",
                "running jobs go on and existing jobs stay readable. It survives a restart. Needs the admin's credentials",
                "when the server has an admin password."})
final class MaintenanceCommand implements Callable<Integer> {

    enum Action { on, off, status }

    @Mixin
    ServerUrlOption server;

    @Mixin
    AdminCredentials admin;

    @Parameters(index = "0", arity = "0..1", defaultValue = "status", paramLabel = "on|off|status",
            description = "what to do (default: status)")
    Action action;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "with on: what users are told (at most 500 characters)")
    String message;

    @Option(names = "--until", paramLabel = "TIME",
            description = "with on: when it ends by itself: a date and time with its offset (2026-12-06T06:00:00Z) or a duration from now (30m, 2h)")
    String until;

    @Option(names = "--json", description = "print the server's JSON document (active, message, since, until) and nothing else")
    boolean json;

    @Override
    public Integer call() {
        if (action != Action.on && (message != null || until != null)) {
            System.err.println("sluice maintenance: --message and --until go with 'on' only");
            return 2;
        }
        Optional<String> body = action == Action.status ? Optional.empty() : Optional.of(request().toString());
        return AdminClient.run("maintenance", server, admin, "admin/maintenance", body, answer -> {
            System.out.println(json ? answer.body().toString() : TextTable.printable(describe(answer.body())));
            return 0;
        });
    }

    private ObjectNode request() {
        ObjectNode request = ApiClient.json().createObjectNode().put("active", action == Action.on);
        if (message != null) {
            request.put("message", message);
        }
        if (until != null) {
            // why: a bare duration is the common case ("back in 30m"); anything else is passed on as a time to parse
            request.put(until.strip().matches("([0-9]+(ms|s|m|h|d))+") ? "for" : "until", until.strip());
        }
        return request;
    }

    private static String describe(JsonNode state) {
        if (!state.path("active").asBoolean()) {
            return "maintenance mode is off: new jobs are taken";
        }
        return "maintenance mode is on since " + state.path("since").asText()
                + (state.has("until") ? ", until " + state.path("until").asText() : ", until turned off")
                + ": " + state.path("message").asText();
    }
}
