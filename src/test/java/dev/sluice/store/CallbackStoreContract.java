package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's subscriber and its pending deliveries, as every {@link JobStore} keeps them: written with the job, kept over
 * a reopen, removed with the job. Each implementation subclasses it once and says how to open a store on a folder.
 */
abstract class CallbackStoreContract {

    private static final Subscriber HOOKS = new Subscriber(Optional.of("https://app.example/done"), Optional.empty(),
            Optional.of("https://app.example/failed")).withOrigin(Optional.of("https://sluice.example:8443"));

    @TempDir
    protected Path dir;

    /** Opens the store kept in {@code dir}, creating it when the folder is empty. */
    protected abstract JobStore openStore(Path dir);

    private JobStore open() {
        return openStore(dir);
    }

    @Test
    void a_subscriber_is_stored_with_its_job_and_kept_over_a_reopen() {
        JobId subscribed = JobId.random();
        JobId plain = JobId.random();
        try (JobStore store = open()) {
            store.insertIfRoom(new NewJob(subscribed, "echo", "default", Map.of(), 0).subscribed(Optional.of(HOOKS)), 10);
            store.insertIfRoom(new NewJob(plain, "echo", "default", Map.of(), 0), 10);
            assertThat(store.callbacks().subscriber(subscribed)).contains(HOOKS);
        }
        try (JobStore store = open()) {
            assertThat(store.callbacks().subscriber(subscribed)).contains(HOOKS);
            assertThat(store.callbacks().subscriber(plain)).isEmpty();
        }
    }

    @Test
    void a_pending_delivery_is_kept_over_a_reopen_until_removed() {
        JobId job = JobId.random();
        Instant first = Instant.parse("2026-12-05T10:00:00Z");
        long id;
        try (JobStore store = open()) {
            store.insertIfRoom(new NewJob(job, "echo", "default", Map.of(), 0).subscribed(Optional.of(HOOKS)), 10);
            PendingDelivery added = store.callbacks().add(new PendingDelivery(0, job, "successUri", "https://app.example/done",
                    "{\"x\":1}", 0, first, first));
            id = added.id();
            assertThat(store.callbacks().update(added.tried(first.plusSeconds(1)))).isTrue();
        }
        try (JobStore store = open()) {
            List<PendingDelivery> pending = store.callbacks().pending();
            assertThat(pending).singleElement().satisfies(p -> {
                assertThat(p.body()).isEqualTo("{\"x\":1}");
                assertThat(p.attempts()).isEqualTo(1);
                assertThat(p.nextAt()).isEqualTo(first.plusSeconds(1));
            });
            store.callbacks().remove(id);
            assertThat(store.callbacks().pending()).isEmpty();
        }
    }

    @Test
    void removing_a_finished_job_removes_its_subscriber_and_deliveries() {
        try (JobStore store = open()) {
            JobId job = JobId.random();
            store.insertIfRoom(new NewJob(job, "echo", "default", Map.of(), 0).subscribed(Optional.of(HOOKS)), 10);
            Instant now = Instant.now();
            store.callbacks().add(new PendingDelivery(0, job, "successUri", "https://app.example/done", "{}", 0, now, now));
            Job running = store.claimNext("default").orElseThrow();
            store.finish(running.id(), JobState.RUNNING, new JobOutcome.Succeeded("ok"));

            assertThat(store.retention().remove(List.of(job))).containsExactly(job);

            assertThat(store.callbacks().subscriber(job)).isEmpty();
            assertThat(store.callbacks().pending()).isEmpty();
        }
    }
}
