package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import dev.sluice.queue.QueueEstimates;
import dev.sluice.store.Job;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;

/**
 * Renders a job as an OGC API – Processes status document, with Sluice's reason, attempts, queue position and
 * estimated start and finish.
 */
final class StatusDocuments {

    static final String RESULTS_REL = "http://www.opengis.net/def/rel/ogc/1.0/results";

    private final ObjectMapper json;
    private final JobStore store;
    private final QueueEstimates estimates;
    private final Hrefs hrefs;

    StatusDocuments(ObjectMapper json, JobStore store, QueueEstimates estimates, Hrefs hrefs) {
        this.hrefs = hrefs;
        this.json = json;
        this.store = store;
        this.estimates = estimates;
    }

    ObjectNode of(Job job) {
        ObjectNode doc = json.createObjectNode();
        doc.put("jobID", job.id().value());
        doc.put("processID", job.task());
        job.schedule().ifPresent(schedule -> doc.put("schedule", schedule));
        doc.put("type", "process");
        doc.put("status", job.state().wireName());
        job.reason().ifPresent(r -> doc.put("reason", r.wireName()));
        doc.put("message", job.message());
        job.progress().ifPresent(p -> doc.put("progress", p));
        if (job.state() == JobState.ACCEPTED) {
            doc.put("queuePosition", store.positionInQueue(job) + 1);
        }
        estimates.estimate(job).ifPresent(e -> {
            if (job.state() == JobState.ACCEPTED) {
                e.start().ifPresent(t -> doc.put("estimatedStart", t.truncatedTo(ChronoUnit.SECONDS).toString()));
            }
            e.finish().ifPresent(t -> doc.put("estimatedFinish", t.truncatedTo(ChronoUnit.SECONDS).toString()));
        });
        doc.put("queue", job.queue());
        job.peakMemory().ifPresent(bytes -> doc.put("peakMemory", bytes));
        doc.put("attempts", job.attempts());
        doc.put("interruptions", job.interruptions());
        doc.put("created", job.created().toString());
        job.started().ifPresent(t -> doc.put("started", t.toString()));
        job.finished().ifPresent(t -> doc.put("finished", t.toString()));
        doc.put("updated", job.updated().toString());
        ArrayNode links = doc.putArray("links");
        String self = hrefs.to("/jobs/" + job.id().value());
        link(links, self, "self", "application/json", "this status document");
        // why: the relation clients poll for a job's status (RFC 5989's `monitor`, as OGC API – Processes examples use it)
        link(links, self, "monitor", "application/json", "the job's status, to poll until it ends");
        link(links, self + "/log", "log", "text/plain", "the job's log");
        if (job.state() == JobState.SUCCESSFUL) {
            link(links, self + "/results", RESULTS_REL, "application/json", "the job's results");
        }
        return doc;
    }

    static void link(ArrayNode links, String href, String rel, String type, String title) {
        ObjectNode link = links.addObject();
        link.put("href", href);
        link.put("rel", rel);
        link.put("type", type);
        link.put("title", title);
    }
}
