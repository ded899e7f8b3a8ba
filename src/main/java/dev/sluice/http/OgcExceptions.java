package dev.sluice.http;

import dev.sluice.SluiceException;

/**
 * The exceptions OGC API – Processes – Part 1 (18-062r2) names, as problem documents whose `type` is the standard's
 * URI, so a client written against the standard recognises them.
 */
final class OgcExceptions {

    static final String BASE = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

    private OgcExceptions() {
    }

    /** /req/core/process-exception/no-such-process. */
    static SluiceException noSuchProcess(String detail) {
        return new SluiceException(404, BASE + "no-such-process", "No such process", detail);
    }

    /** /req/core/job-exception-no-such-job. */
    static SluiceException noSuchJob(String detail) {
        return new SluiceException(404, BASE + "no-such-job", "No such job", detail);
    }

    /** /req/core/job-results-exception/results-not-ready. */
    static SluiceException resultNotReady(String detail) {
        return new SluiceException(404, BASE + "result-not-ready", "Result not ready", detail);
    }
}
