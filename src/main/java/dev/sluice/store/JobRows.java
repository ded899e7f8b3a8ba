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

    /** The columns {@link #map} reads, in this order. */
    static final String COLUMNS = "seq, id, task, queue, state, reason, message, progress, inputs, attempts, max_retries,"
            + " worker_pid, worker_started, peak_memory, created, started, finished, updated, owner, interruptions, schedule,"
            + " priority, promote_at";

    /** The columns {@link #queued} reads, by name. */
    static final String QUEUED_COLUMNS = "seq, id, task, state, started, priority, promote_at";

    private JobRows() {
    }

    static QueuedJob queued(ResultSet rs) throws SQLException {
        long started = rs.getLong("started");
        Optional<Instant> at = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(started));
        return new QueuedJob(rs.getLong("seq"), new JobId(rs.getString("id")), rs.getString("task"),
                JobState.fromWire(rs.getString("state")), at, new Standing(rs.getInt("priority"), Instant.ofEpochMilli(rs.getLong("promote_at"))));
    }

    // why: reading columns by position; a lookup by name costs a native call per column per row
    static Job map(ResultSet rs) throws SQLException {
        long pid = rs.getLong(12);
        Optional<Job.WorkerProcess> worker = rs.wasNull() ? Optional.empty()
                : Optional.of(new Job.WorkerProcess(pid, Instant.ofEpochMilli(rs.getLong(13))));
        int progress = rs.getInt(8);
        Optional<Integer> maybeProgress = rs.wasNull() ? Optional.empty() : Optional.of(progress);
        String reason = rs.getString(6);
        long peak = rs.getLong(14);
        Optional<Long> peakMemory = rs.wasNull() ? Optional.empty() : Optional.of(peak);
        return new Job(
                new JobId(rs.getString(2)),
                rs.getLong(1),
                rs.getString(3),
                rs.getString(4),
                JobState.fromWire(rs.getString(5)),
                Optional.ofNullable(reason).map(FailureReason::fromWire),
                rs.getString(7),
                maybeProgress,
                inputsFrom(rs.getString(9)),
                rs.getInt(10),
                rs.getInt(20),
                rs.getInt(11),
                worker,
                peakMemory,
                Instant.ofEpochMilli(rs.getLong(15)),
                instant(rs, 16),
                instant(rs, 17),
                Instant.ofEpochMilli(rs.getLong(18)),
                Optional.ofNullable(rs.getString(19)),
                Optional.ofNullable(rs.getString(21)),
                new Standing(rs.getInt(22), Instant.ofEpochMilli(rs.getLong(23))));
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

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
