package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.events.EventSubscription;
import dev.sluice.events.JobEvent;
import dev.sluice.events.JobEventHub;
import dev.sluice.events.LogFileTail;
import dev.sluice.store.Job;
import dev.sluice.store.JobStore;
import dev.sluice.worker.JobFolder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * `GET /jobs/{id}/events`: the job's state, progress and log lines as Server-Sent Events. A client that
 * reconnects with Last-Event-ID resumes after that event; a new one, or one whose id is too old, first gets
 * a snapshot (a `state` event and a `log-tail` event). A quiet stream gets a keep-alive comment, and the
 * stream ends after the event of the job's final state.
 * why: the handler blocks its own virtual thread (Javalin runs every handler on one), so an open stream costs
 * no platform thread, and it waits on the job's in-memory channel, never on the database.
 */
final class JobEventRoutes {

    static final int SNAPSHOT_LOG_LINES = 200;
    // why: EventSource reconnects after 3 s by default; a job page should catch up sooner
    private static final int RETRY_MILLIS = 1000;

    private final JobStore store;
    private final JobEventHub hub;
    private final StatusDocuments statusDocuments;
    private final ObjectMapper json;
    private final Path dataDir;
    private final Duration keepAlive;

    private final VisibleJobs visible;
    private final EventStreamSlots slots;

    JobEventRoutes(JobStore store, JobEventHub hub, StatusDocuments statusDocuments, ObjectMapper json, Path dataDir,
                   Duration keepAlive, VisibleJobs visible, EventStreamSlots slots) {
        this.visible = visible;
        this.slots = slots;
        this.store = store;
        this.hub = hub;
        this.statusDocuments = statusDocuments;
        this.json = json;
        this.dataDir = dataDir;
        this.keepAlive = keepAlive;
    }

    void register(RoutesConfig routes) {
        routes.get("/jobs/{id}/events", this::stream);
    }

    private void stream(Context ctx) throws IOException {
        String raw = ctx.pathParam("id");
        Job job = visible.require(ctx, raw);
        try (EventStreamSlots.Slot slot = slots.open(job.id().value(), visible.clientKey(ctx))) {
            stream(ctx, job);
        }
    }

    private void stream(Context ctx, Job job) throws IOException {
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream; charset=utf-8");
        res.setHeader("Cache-Control", PrivateResponses.PRIVATE);
        res.setHeader("X-Accel-Buffering", "no");
        OutputStream out = res.getOutputStream();
        // why: a finished job has nothing more to say; whatever the client saw, it gets the final state and the end
        OptionalLong resumeFrom = job.state().isFinal() ? OptionalLong.empty() : lastEventId(ctx);
        try (EventSubscription subscription = hub.subscribe(job.id(), resumeFrom)) {
            write(out, "retry: " + RETRY_MILLIS + "\n\n");
            boolean ended = subscription.needsSnapshot() && snapshot(subscription, out);
            out.flush();
            while (!ended) {
                EventSubscription.Batch batch = subscription.next(keepAlive);
                if (batch.resync()) {
                    ended = snapshot(subscription, out);
                } else if (batch.events().isEmpty()) {
                    write(out, ": keep-alive\n\n");
                } else {
                    ended = send(batch.events(), subscription, out);
                }
                out.flush();
            }
        } catch (IOException clientGone) {
            // the browser closed the page or lost the connection; it resumes with Last-Event-ID if it comes back
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends the job as the store has it now and the tail of its log; true when the job has ended.
     * why: the cursor is taken before the log is read, so a line cannot fall between the two; the subscription then
     * leaves out the lines told after the cursor that the file already held (only a line the job had half printed
     * when the file was read shows again, whole).
     */
    private boolean snapshot(EventSubscription subscription, OutputStream out) throws IOException {
        long id = subscription.takeSnapshot();
        Optional<Job> now = store.find(subscription.job());
        if (now.isEmpty()) {
            return true;
        }
        subscription.snapshotShowed(now.get());
        event(out, id, "state", statusDocuments.of(now.get()));
        ObjectNode tail = json.createObjectNode();
        ArrayNode lines = tail.putArray("lines");
        LogFileTail.Tail read = LogFileTail.tail(JobFolder.of(dataDir, subscription.job()), SNAPSHOT_LOG_LINES);
        read.lines().forEach(lines::add);
        subscription.snapshotShowedLog(read.fileLength());
        event(out, id, "log-tail", tail);
        return now.get().state().isFinal();
    }

    /** Sends what happened; true when it included the job's final state. */
    private boolean send(List<JobEvent.Numbered> events, EventSubscription subscription, OutputStream out) throws IOException {
        long queueMovedAt = -1;
        for (JobEvent.Numbered numbered : events) {
            switch (numbered.event()) {
                case JobEvent.StateChanged changed -> {
                    if (!subscription.showsNew(changed.job())) {
                        continue;
                    }
                    event(out, numbered.id(), "state", statusDocuments.of(changed.job()));
                    if (changed.job().state().isFinal()) {
                        return true;
                    }
                }
                case JobEvent.ProgressChanged progress -> {
                    ObjectNode data = json.createObjectNode();
                    data.put("progress", progress.percent());
                    data.put("message", progress.message());
                    event(out, numbered.id(), "progress", data);
                }
                case JobEvent.LogLine line -> event(out, numbered.id(), "log", json.createObjectNode().put("line", line.line()));
                case JobEvent.QueueMoved moved -> queueMovedAt = numbered.id();
            }
        }
        Optional<Job> known = subscription.lastKnown();
        if (queueMovedAt >= 0 && known.isPresent()) {
            // why: several jobs ahead may have moved at once; one fresh state says where this one stands now
            event(out, queueMovedAt, "state", statusDocuments.of(known.get()));
        }
        return false;
    }

    private static OptionalLong lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        String given = header != null ? header : ctx.queryParam("lastEventId");
        if (given == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(given.trim()));
        } catch (NumberFormatException notOurs) {
            return OptionalLong.empty();
        }
    }

    private void event(OutputStream out, long id, String name, Object data) throws IOException {
        write(out, "id: " + id + "\nevent: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
