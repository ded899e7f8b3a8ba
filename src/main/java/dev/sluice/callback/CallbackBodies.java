package dev.sluice.callback;

import dev.sluice.store.Job;
import java.util.Optional;

/**
 * Renders what a callback sends, as the API would answer for the job (the HTTP layer knows how): the status document
 * when it starts, the results document when it succeeds, the problem document when it fails. Empty when there is
 * nothing to send (the job's task is no longer configured, say). Links are absolute with {@code origin}, the scheme and
 * host the submitting request named, when it is known.
 */
public interface CallbackBodies {

    Optional<String> statusDocument(Job job, Optional<String> origin);

    Optional<String> resultsDocument(Job job, Optional<String> origin);

    Optional<String> problemDocument(Job job, Optional<String> origin);
}
