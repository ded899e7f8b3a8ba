package dev.sluice.queue;

import dev.sluice.config.SluiceConfig;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.Job;
import dev.sluice.store.JobId;
import dev.sluice.store.JobState;
import dev.sluice.store.JobStore;
import dev.sluice.store.NewJob;
import dev.sluice.worker.FolderTree;
import dev.sluice.worker.JobFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The admin's "retry": a failed or dismissed job submitted again as a new job of the same task, with the same
 * inputs (its uploaded files copied, so each job keeps a folder of its own) and the same submitter.
 */
public final class JobRetry {

    /** Why a job cannot be retried, in a sentence for the admin. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    private final SluiceConfig config;
    private final JobStore store;
    private final JobQueues queues;
    private final Path dataDir;

    public JobRetry(SluiceConfig config, JobStore store, JobQueues queues, Path dataDir) {
        this.config = config;
        this.store = store;
        this.queues = queues;
        this.dataDir = dataDir;
    }

    /** The new job; empty when there is no such job; {@link Refused} when it may not be retried. */
    public Optional<Job> retry(JobId id) {
        Optional<Job> found = store.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Job old = found.get();
        if (old.state() != JobState.FAILED && old.state() != JobState.DISMISSED) {
            throw new Refused("only a failed or dismissed job can be retried; this one is " + old.state().wireName());
        }
        TaskConfig task = config.task(old.task())
                .orElseThrow(() -> new Refused("its task '" + old.task() + "' is no longer in the config"));
        JobId fresh = JobId.random();
        boolean uploaded = task.inputs().entrySet().stream()
                .anyMatch(input -> input.getValue().type().isUpload() && old.inputs().containsKey(input.getKey()));
        if (uploaded) {
            copyInputs(JobFolder.of(dataDir, old.id()), JobFolder.of(dataDir, fresh));
        }
        NewJob again = new NewJob(fresh, old.task(), task.queue(), old.inputs(), task.retries());
        try {
            return Optional.of(queues.submit(old.owner().map(again::ownedBy).orElse(again)));
        } catch (RuntimeException refused) {
            FolderTree.deleteQuietly(JobFolder.of(dataDir, fresh).root());
            throw refused;
        }
    }

    // why: only the regular files the server itself stored under in/; a link there was never made by Sluice
    private static void copyInputs(JobFolder from, JobFolder to) {
        if (!Files.isDirectory(from.in(), LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused("its uploaded files are gone (removed by retention or with the job), so they cannot be sent again");
        }
        to.createForInputs();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from.in())) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(file, to.in().resolve(file.getFileName().toString()), LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException e) {
            FolderTree.deleteQuietly(to.root());
            throw new UncheckedIOException("cannot copy the inputs of job " + from.root().getFileName(), e);
        }
    }
}
