package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.SluiceException;
import dev.sluice.callback.CallbackBodies;
import dev.sluice.config.SluiceConfig;
import dev.sluice.queue.QueueEstimates;
import dev.sluice.store.Job;
import dev.sluice.store.JobStore;
import dev.sluice.worker.JobFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** What callbacks send, rendered as the API answers for the job: its status, its results, or why it has none. */
public final class CallbackDocuments implements CallbackBodies {

    // why: a callback body is kept in the database until delivered; a results document past this (large inline
    // outputs) is replaced by the status document, whose results link leads to them
    static final int LARGEST_BODY = 1 << 20;

    private final ObjectMapper json = new ObjectMapper();
    private final SluiceConfig config;
    private final Path dataDir;
    private final StatusDocuments status;
    private final ResultDocuments results;
    private final Hrefs hrefs;

    public CallbackDocuments(SluiceConfig config, JobStore store, QueueEstimates estimates, Path dataDir) {
        this.config = config;
        this.dataDir = dataDir;
        this.hrefs = Hrefs.of(config);
        this.status = new StatusDocuments(json, store, estimates, hrefs);
        this.results = new ResultDocuments(json, hrefs);
    }

    @Override
    public Optional<String> statusDocument(Job job, Optional<String> origin) {
        return Optional.of(statusOf(job, origin));
    }

    @Override
    public Optional<String> resultsDocument(Job job, Optional<String> origin) {
        return config.task(job.task()).map(task -> {
            String doc = results.of(job, JobFolder.of(dataDir, job.id()), task, href -> origin.map(o -> o + href).orElse(href))
                    .toString();
            return doc.getBytes(StandardCharsets.UTF_8).length <= LARGEST_BODY ? doc : statusOf(job, origin);
        });
    }

    // why: the links as the submitting request would have got them; without its origin (a job from before it was
    // kept) they stay paths under the base path
    private String statusOf(Job job, Optional<String> origin) {
        ObjectNode doc = status.of(job);
        origin.ifPresent(o -> AbsoluteHrefs.absolute(doc, o));
        return doc.toString();
    }

    @Override
    public Optional<String> problemDocument(Job job, Optional<String> origin) {
        SluiceException none = FailedJobProblems.of(job);
        return Optional.of(new String(Problems.document(json, none, hrefs.to("/jobs/" + job.id().value() + "/results")),
                StandardCharsets.UTF_8));
    }
}
