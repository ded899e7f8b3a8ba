package dev.sluice.app;

import dev.sluice.callback.CallbackDeliveries;
import dev.sluice.callback.CallbackTargets;
import dev.sluice.config.DatabaseUrl;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.StorageConfig;
import dev.sluice.events.JobEventHub;
import dev.sluice.events.ObservedJobStore;
import dev.sluice.events.RemoteJobEvents;
import dev.sluice.http.CallbackDocuments;
import dev.sluice.http.HttpServer;
import dev.sluice.metrics.Readiness;
import dev.sluice.metrics.SluiceMetrics;
import dev.sluice.queue.QueueEstimates;
import dev.sluice.queue.JobQueues;
import dev.sluice.schedule.RetentionSweeper;
import dev.sluice.schedule.Scheduler;
import dev.sluice.store.ClusterSignals;
import dev.sluice.store.JobStore;
import dev.sluice.store.NodeRegistration;
import dev.sluice.store.PostgresJobStore;
import dev.sluice.store.PostgresSettings;
import dev.sluice.store.SqliteJobStore;
import dev.sluice.worker.NodePlace;
import dev.sluice.worker.Preflight;
import dev.sluice.worker.Preflights;
import dev.sluice.worker.SandboxProbe;
import dev.sluice.worker.TaskHealth;
import java.util.List;
import java.util.Optional;
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
    private static final Duration CALLBACK_STOP_WAIT = Duration.ofSeconds(5);
    /** The database's file in the data folder. */
    public static final String DATABASE_FILE = "sluice.db";

    private final DataDirLock lock;
    private final JobStore store;
    private final JobQueues queues;
    private final Scheduler scheduler;
    private final LogFile logFile;
    private final RetentionSweeper retention;
    private final HttpServer http;
    private final Duration drainTimeout;
    private final SluiceMetrics metrics;
    private final CallbackDeliveries callbacks;
    private final Optional<IdleMemoryRelease> memoryRelease;

    private SluiceServer(DataDirLock lock, JobStore store, JobQueues queues, Scheduler scheduler, RetentionSweeper retention,
                         HttpServer http, Duration drainTimeout, SluiceMetrics metrics, LogFile logFile, CallbackDeliveries callbacks,
                         Optional<IdleMemoryRelease> memoryRelease) {
        this.memoryRelease = memoryRelease;
        this.callbacks = callbacks;
        this.metrics = metrics;
        this.logFile = logFile;
        this.drainTimeout = drainTimeout;
        this.scheduler = scheduler;
        this.retention = retention;
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
        return start(config, StartOptions.DEFAULT.allowingBroken(allowBroken));
    }

    /** Starts the node as {@link #start(SluiceConfig, boolean)} does, with the options given. */
    public static SluiceServer start(SluiceConfig config, StartOptions options) {
        boolean allowBroken = options.allowBroken();
        TaskHealth health = new TaskHealth(Clock.systemUTC());
        SandboxProbe.requireWhereNeeded(config);
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
        Optional<String> nodeName = config.storage().postgres().map(url -> NodeNames.of(config));
        NodePlace place = nodeName.map(name -> NodePlace.shared(dataDir, name)).orElseGet(() -> NodePlace.alone(dataDir));
        DataDirLock lock = nodeName.isEmpty() ? DataDirLock.acquire(dataDir) : DataDirLock.acquireForNode(dataDir, place, nodeName.get());
        JobStore store = null;
        JobQueues queues = null;
        CallbackDeliveries callbacks = null;
        SluiceMetrics metrics = new SluiceMetrics(nodeName);
        LogFile logFile = LogFile.attach(config.log());
        try {
            DiskReserve reserve = DiskReserve.claim(dataDir);
            OpenedStore openedStore = openStore(config, dataDir, reserve, nodeName.map(name -> new NodeRegistration(name,
                    place.marker(), NodeNames.version(), config.node().memoryBudget().bytes(), config.node().lease())));
            JobStore opened = openedStore.store();
            JobEventHub events = new JobEventHub(Clock.systemUTC());
            QueueEstimates estimates = new QueueEstimates(config, opened, Clock.systemUTC());
            callbacks = new CallbackDeliveries(config.server().callbacks(), new CallbackTargets(config.server().callbacks()),
                    Clock.systemUTC(), metrics::callbackAttempt, SluiceServer::defaultTls);
            store = new ObservedJobStore(options.storeDecorator().apply(opened),
                    List.of(events, estimates, metrics.jobObserver(), callbacks));
            callbacks.start(store.callbacks(), new CallbackDocuments(config, store, estimates, dataDir));
            queues = new JobQueues(config, store, dataDir, place, health, events, options.reconcileEvery(), metrics.workerEvents());
            estimates.load();
            metrics.followNode(config, estimates, health, dataDir, options.usableSpace());
            store.cluster().ifPresent(metrics::followCluster);
            queues.start();
            listenToOtherNodes(opened.signals(), queues, new RemoteJobEvents(store, events));
            Scheduler scheduler = new Scheduler(config, store, queues::recordTick, options.scheduleClock(), metrics::ticked,
                    queues::leading);
            Readiness readiness = new Readiness(store, queues::accepting, health, config.tasks().keySet(), allowBroken,
                    () -> DiskSpace.shortage(dataDir, reserve, options.usableSpace()));
            HttpServer http = new HttpServer(config, store, queues, dataDir, health, events, estimates, scheduler, metrics,
                    readiness).start();
            scheduler.start();
            store.cluster().ifPresent(cluster -> cluster.announce(NodeNames.address(config, http.port())));
            RetentionSweeper retention = new RetentionSweeper(config, store, dataDir, options.scheduleClock(), metrics::swept,
                    queues::leading);
            retention.start();
            log.info("event=started listen={}:{} data-dir={} database={} tasks={}", config.server().host(), http.port(), dataDir,
                    config.storage().postgres().map(DatabaseUrl::toString).orElse(StorageConfig.EMBEDDED), config.tasks().keySet());
            return new SluiceServer(lock, store, queues, scheduler, retention, http, config.server().drainTimeout(), metrics, logFile,
                    callbacks, IdleMemoryRelease.start(options.memoryRelease(), openedStore.releaseCaches()));
        } catch (RuntimeException failed) {
            if (queues != null) {
                queues.stop(Duration.ofSeconds(5));
            }
            if (callbacks != null) {
                callbacks.stop(Duration.ZERO);
            }
            if (store != null) {
                store.close();
            }
            metrics.close();
            logFile.close();
            lock.close();
            throw failed;
        }
    }

    /**
     * Jobs queued on other nodes wake this node's queues, and their changes reach this node's event streams (nothing to
     * hear on SQLite). why: from the store as opened, under any decorator: the signals are the database's, not a call's.
     */
    private static void listenToOtherNodes(ClusterSignals signals, JobQueues queues, RemoteJobEvents events) {
        signals.onQueueWork(queues.wakeUps());
        signals.onRemoteChange(events);
        signals.start();
    }

    /** The store as opened, and how to give back the memory it keeps for reads (PostgreSQL keeps its own). */
    private record OpenedStore(JobStore store, Runnable releaseCaches) {
    }

    /**
     * SQLite in the data folder, or the PostgreSQL database the config names, this node registered in it; the latter
     * only once the data folder is shown to be the one its other users see ({@link ClusterFolderMark}).
     */
    private static OpenedStore openStore(SluiceConfig config, Path dataDir, DiskReserve reserve, Optional<NodeRegistration> node) {
        StorageConfig storage = config.storage();
        Optional<PostgresSettings> postgres = postgresSettings(storage);
        if (postgres.isEmpty()) {
            SqliteJobStore sqlite = SqliteJobStore.open(dataDir.resolve(DATABASE_FILE), Clock.systemUTC(),
                    storage.durability() == StorageConfig.Durability.POWER_LOSS);
            return new OpenedStore(reserve.guard(sqlite), sqlite::releaseCache);
        }
        java.util.Map<String, Integer> clusterLimits = new java.util.HashMap<>();
        config.queues().forEach((name, queue) -> queue.clusterLimit().ifPresent(limit -> clusterLimits.put(name, limit)));
        JobStore shared = PostgresJobStore.openAsNode(postgres.get(), Clock.systemUTC(), node.orElseThrow(), clusterLimits);
        try {
            ClusterFolderMark.check(shared, dataDir);
            return new OpenedStore(shared, () -> { });
        } catch (RuntimeException refused) {
            shared.close();
            throw refused;
        }
    }

    /** How to reach the PostgreSQL database a (checked) config names, password read now; empty for the embedded one. */
    public static Optional<PostgresSettings> postgresSettings(StorageConfig storage) {
        return storage.postgres().map(url -> new PostgresSettings(url.jdbcUrl(), url.user(), storage.postgresPassword()));
    }

    private static javax.net.ssl.SSLContext defaultTls() {
        try {
            return javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("this JVM has no TLS", impossible);
        }
    }

    public int port() {
        return http.port();
    }

    public JobStore store() {
        return store;
    }

    /** Every route of the HTTP server as "GET /jobs/{id}". */
    public java.util.List<String> routes() {
        return http.routes();
    }

    /**
     * Stops gracefully: no new submissions (503 with Retry-After), running jobs get the drain timeout to end,
     * the rest are stopped and re-queued; status, results and logs stay readable until the very end.
     */
    @Override
    public void close() {
        memoryRelease.ifPresent(IdleMemoryRelease::stop);
        scheduler.stop(STOP_WAIT);
        retention.stop();
        queues.stop(drainTimeout, STOP_WAIT);
        // why: after the queues, so the jobs they stopped are written down; what is not delivered yet is tried after a restart
        callbacks.stop(CALLBACK_STOP_WAIT);
        http.stop();
        store.close();
        metrics.close();
        lock.close();
        log.info("event=stopped");
        logFile.close();
    }
}
