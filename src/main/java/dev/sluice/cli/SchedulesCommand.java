package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `sluice schedules`: each schedule of a running server with its latest tick, what came of it, and its next tick. */
@Command(name = "schedules", mixinStandardHelpOptions = true,
        description = {"List a running server's schedules: when each ticks, its latest tick and outcome, and its next tick.",
                "Reads GET /admin/schedules, so it needs the admin's credentials when the server has an admin password."})
final class SchedulesCommand implements Callable<Integer> {

    @Mixin
    ServerUrlOption server;

    @Mixin
    AdminCredentials admin;

    @Option(names = "--json", description = "print the server's JSON document (links absolute) and nothing else on stdout")
    boolean json;

    @Override
    public Integer call() {
        return AdminClient.run("schedules", server, admin, "admin/schedules", Optional.empty(), answer -> {
            if (json) {
                System.out.println(new ServerLinks(server.base()).absoluteLinks(answer.body()));
            } else {
                print(answer.body().path("schedules"));
            }
            return 0;
        });
    }

    private static void print(JsonNode schedules) {
        if (schedules.isEmpty()) {
            System.out.println("no schedules");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SCHEDULE", "TASK", "WHEN", "LAST TICK", "OUTCOME", "NEXT TICK"});
        for (JsonNode s : schedules) {
            String when = s.has("every") ? "every " + s.path("every").asText()
                    : "cron " + s.path("cron").asText() + " (" + s.path("timeZone").asText() + ")";
            JsonNode last = s.path("lastTick");
            String outcome = last.isMissingNode() || last.isNull() ? ""
                    : last.path("jobStatus").asText(last.path("outcome").asText());
            rows.add(new String[] {s.path("name").asText(), s.path("task").asText(), when,
                    last.isMissingNode() || last.isNull() ? "never" : last.path("at").asText(), outcome, s.path("nextTick").asText()});
        }
        System.out.print(TextTable.render(rows, java.util.Set.of()));
    }
}
