package dev.sluice.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Turns a row of the jobs table into a {@link Job}, and inputs to and from their JSON column. */
final class JobRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> INPUTS = new TypeReference<>() {
    };

    static final String COLUMNS = "seq, id, task, queue, state, reason, message, progress, inputs, attempts, max_retries,"
            + " worker_pid, worker_started, peak_memory, created, started, finished, updated";

    private JobRows() {
    }

    static Job map(ResultSet rs) throws SQLException {
        long pid = rs.getLong("worker_pid");
        Optional<Job.WorkerProcess> worker = rs.wasNull() ? Optional.empty()
                : Optional.of(new Job.WorkerProcess(pid, Instant.ofEpochMilli(rs.getLong("worker_started"))));
        int progress = rs.getInt("progress");
        Optional<Integer> maybeProgress = rs.wasNull() ? Optional.empty() : Optional.of(progress);
        String reason = rs.getString("reason");
        long peak = rs.getLong("peak_memory");
        Optional<Long> peakMemory = rs.wasNull() ? Optional.empty() : Optional.of(peak);
        return new Job(
                new JobId(rs.getString("id")),
                rs.getLong("seq"),
                rs.getString("task"),
                rs.getString("queue"),
                JobState.fromWire(rs.getString("state")),
                Optional.ofNullable(reason).map(FailureReason::fromWire),
                rs.getString("message"),
                maybeProgress,
                inputsFrom(rs.getString("inputs")),
                rs.getInt("attempts"),
                rs.getInt("max_retries"),
                worker,
                peakMemory,
                Instant.ofEpochMilli(rs.getLong("created")),
                instant(rs, "started"),
                instant(rs, "finished"),
                Instant.ofEpochMilli(rs.getLong("updated")));
    }

    static String inputsJson(Map<String, String> inputs) {
        try {
            return JSON.writeValueAsString(inputs);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Map<String, String> inputsFrom(String json) {
        try {
            return JSON.readValue(json, INPUTS);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("inputs column is not JSON", corrupt);
        }
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
