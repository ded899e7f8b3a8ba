package dev.sluice.app;

import dev.sluice.config.SluiceConfig;
import dev.sluice.config.StorageConfig;
import dev.sluice.http.HttpServer;
import dev.sluice.queue.JobQueues;
import dev.sluice.store.JobStore;
import dev.sluice.store.SqliteJobStore;
import dev.sluice.worker.Preflight;
import dev.sluice.worker.Preflights;
import dev.sluice.worker.TaskHealth;
import java.util.List;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running Sluice node: builds the parts from the config, starts them in order and stops them in reverse. */
public final class SluiceServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SluiceServer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final DataDirLock lock;
    private final JobStore store;
    private final JobQueues queues;
    private final HttpServer http;

    private SluiceServer(DataDirLock lock, JobStore store, JobQueues queues, HttpServer http) {
        this.lock = lock;
        this.store = store;
        this.queues = queues;
        this.http = http;
    }

    public static SluiceServer start(SluiceConfig config) {
        return start(config, false);
    }

    /**
     * Starts the node. Every task's preflight runs first; a failure stops the start, or with
     * {@code allowBroken} marks that task broken and starts anyway.
     */
    public static SluiceServer start(SluiceConfig config, boolean allowBroken) {
        TaskHealth health = new TaskHealth(Clock.systemUTC());
        List<Preflight.Result> preflightFailures = Preflights.runAll(config).stream().filter(r -> !r.passed()).toList();
        if (!preflightFailures.isEmpty() && !allowBroken) {
            throw new IllegalStateException(preflightFailures.stream().map(Preflight.Result::describe)
                    .collect(java.util.stream.Collectors.joining("; "))
                    + " (fix it, or start with --allow-broken to serve the other tasks)");
        }
        preflightFailures.forEach(r -> health.markBroken(r.task(), dev.sluice.store.FailureReason.PREFLIGHT, r.describe()));
        Path dataDir = config.storage().dataPath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data folder " + dataDir, e);
        }
        DataDirLock lock = DataDirLock.acquire(dataDir);
        JobStore store = null;
        JobQueues queues = null;
        try {
            store = DiskReserve.claim(dataDir).guard(SqliteJobStore.open(dataDir.resolve("sluice.db"), Clock.systemUTC(),
                    config.storage().durability() == StorageConfig.Durability.POWER_LOSS));
            queues = new JobQueues(config, store, dataDir, health);
            queues.start();
            HttpServer http = new HttpServer(config, store, queues, dataDir, health).start();
            log.info("event=started listen={}:{} data-dir={} tasks={}", config.server().host(), http.port(), dataDir,
                    config.tasks().keySet());
            return new SluiceServer(lock, store, queues, http);
        } catch (RuntimeException failed) {
            if (queues != null) {
                queues.stop(Duration.ofSeconds(5));
            }
            if (store != null) {
                store.close();
            }
            lock.close();
            throw failed;
        }
    }

    public int port() {
        return http.port();
    }

    public JobStore store() {
        return store;
    }

    @Override
    public void close() {
        http.stop();
        queues.stop(STOP_WAIT);
        store.close();
        lock.close();
        log.info("event=stopped");
    }
}
