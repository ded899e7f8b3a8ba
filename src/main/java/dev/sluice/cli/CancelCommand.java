package dev.sluice.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `sluice cancel JOB`: dismisses a queued or running job (a running job's process is stopped). */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a job: a waiting job leaves its queue, a running one is stopped. Prints the job's state.",
                "Exit 0 when the job is now dismissed or had already finished, 1 when there is no such job or it was refused."})
final class CancelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JOB", description = "the job's id")
    String job;

    @Option(names = "--json", description = "print the job's status document (links absolute) and nothing else on stdout")
    boolean json;

    @Mixin
    ServerOption server;

    // why: `?finished=keep`: a plain DELETE of a finished job removes it and its results (OGC dismiss); cancel never does
    @Override
    public Integer call() {
        ApiClient client = server.client();
        try {
            ApiClient.Reply reply = client.delete("jobs/" + job + "?finished=keep");
            if (reply.ok()) {
                String state = reply.body().path("status").asText();
                print(client, reply, job + " " + state + ("dismissed".equals(state) ? "" : " (it had already finished)"));
                return 0;
            }
            if (reply.status() == 409 && reply.body().path("type").asText().endsWith("/job-finished")) {
                ApiClient.Reply now = client.get("jobs/" + job);
                print(client, now, job + " " + now.body().path("status").asText("finished") + " (it had already finished)");
                return 0;
            }
            System.err.println("sluice cancel: " + reply.problem());
            return 1;
        } catch (IOException unreachable) {
            System.err.println("sluice cancel: cannot reach " + server.url + ": " + unreachable.getMessage());
            return 1;
        }
    }

    private void print(ApiClient client, ApiClient.Reply status, String line) {
        System.out.println(json ? client.links().absoluteLinks(status.body()).toString() : TextTable.printable(line));
    }
}
