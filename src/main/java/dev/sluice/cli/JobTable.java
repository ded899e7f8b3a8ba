package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The job list as a table whose columns are as wide as their longest value, so long task names keep it aligned. */
final class JobTable {

    private static final String[] HEADER = {"ID", "STATUS", "TASK", "PROG", "CREATED", "MESSAGE"};
    private static final int MESSAGE_WIDTH = 60;

    private JobTable() {
    }

    static String render(JsonNode jobs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode job : jobs) {
            String message = TextTable.printable(job.path("message").asText());
            rows.add(new String[] {job.path("jobID").asText(), job.path("status").asText(), job.path("processID").asText(),
                    job.has("progress") ? job.get("progress").asInt() + "%" : "", job.path("created").asText(),
                    TextTable.width(message) > MESSAGE_WIDTH
                            ? message.substring(0, message.offsetByCodePoints(0, MESSAGE_WIDTH)) + "…" : message});
        }
        return TextTable.render(rows, Set.of(3));
    }
}
