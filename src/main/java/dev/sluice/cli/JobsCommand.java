package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `sluice jobs`: lists the most recent jobs of a running server, narrowed by state, task and age. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = {"List the most recent jobs, newest first.",
        "Lists the jobs of the submitter token it sends (--token, $SLUICE_TOKEN, else",
        "the one `sluice submit` remembered for this server), or every job with --user",
        "(the admin's view)."})
final class JobsCommand implements Callable<Integer> {

    private static final Set<String> STATES = Set.of("accepted", "running", "successful", "failed", "dismissed");
    private static final int MOST = 1000;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "how many jobs, 1 to " + MOST + " (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--status", paramLabel = "S", split = ",",
            description = "only jobs in these states: accepted, running, successful, failed, dismissed (repeat or comma list)")
    List<String> states = List.of();

    @Option(names = "--task", paramLabel = "T", split = ",", description = "only jobs of these tasks (repeat or comma list)")
    List<String> tasks = List.of();

    @Option(names = "--since", paramLabel = "WHEN", converter = CreatedSince.class,
            description = "only jobs created within this long (2h, 3d, 1h30m) or since this instant (2026-12-01T00:00:00Z)")
    Instant since;

    @Option(names = "--json", description = "print the server's JSON document (links absolute) and nothing else on stdout")
    boolean json;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME",
            description = "list every job, as the admin NAME (password: $SLUICE_ADMIN_PASSWORD, else asked)")
    String adminUser;

    @Mixin
    ServerOption server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String query = query();
        ApiClient client = server.client();
        try {
            Optional<String> admin = adminView(client);
            if (adminUser != null && admin.isEmpty()) {
                return 1;
            }
            ApiClient.Reply reply = admin.isPresent() ? client.getAs("jobs?" + query, admin) : client.get("jobs?" + query);
            if (reply.status() == 400 && reply.body().has("parameter")) {
                throw new ParameterException(spec.commandLine(), reply.problem());
            }
            if (!reply.ok()) {
                System.err.println("sluice jobs: " + reply.problem());
                return 1;
            }
            JsonNode jobs = reply.body().path("jobs");
            System.out.print(json ? client.links().absoluteLinks(reply.body()) + System.lineSeparator() : JobTable.render(jobs));
            if (jobs.isEmpty() && admin.isEmpty()) {
                System.err.println(MissingJobsHint.of(client));
            }
            return 0;
        } catch (IOException unreachable) {
            System.err.println("sluice jobs: cannot reach " + server.url + ": " + unreachable.getMessage());
            return 1;
        }
    }

    /**
     * With --user, the admin's Basic credentials once they passed an admin route (job routes honour only credentials
     * that did, and never check a new password themselves); empty without --user or when refused (said on stderr).
     */
    private Optional<String> adminView(ApiClient client) throws IOException {
        if (adminUser == null) {
            return Optional.empty();
        }
        // why: without server.auth.admin nobody is the admin on job routes, though /admin answers on this machine
        if (client.getAs("admin/status", Optional.empty()).status() != 401) {
            System.err.println("sluice jobs: this server has no admin (server.auth.admin is not set), so --user cannot list"
                    + " every job; see Who sees which job in the README");
            return Optional.empty();
        }
        AdminCredentials credentials = new AdminCredentials();
        credentials.user = adminUser;
        Optional<String> basic = credentials.header();
        ApiClient.Reply checked = client.getAs("admin/status", basic);
        if (checked.status() == 200) {
            return basic;
        }
        System.err.println("sluice jobs: " + (checked.status() == 401
                ? "the server did not accept the admin's user name and password" : checked.problem()));
        return Optional.empty();
    }

    private String query() {
        if (limit < 1 || limit > MOST) {
            throw new ParameterException(spec.commandLine(), "--limit must be from 1 to " + MOST + ", not " + limit);
        }
        List<String> parameters = new ArrayList<>(List.of("limit=" + limit));
        for (String state : states) {
            if (!STATES.contains(state)) {
                throw new ParameterException(spec.commandLine(),
                        "--status '" + state + "' is not one of accepted, running, successful, failed, dismissed");
            }
            parameters.add("status=" + state);
        }
        for (String task : tasks) {
            if (task.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--task needs a task name");
            }
            parameters.add("processID=" + encoded(task));
        }
        if (since != null) {
            parameters.add("datetime=" + encoded(since + "/.."));
        }
        return String.join("&", parameters);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
