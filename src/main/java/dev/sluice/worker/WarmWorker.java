package dev.sluice.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.TaskConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived worker process of a warm task, spoken to in JSON lines over its stdin and stdout
 * (docs/warm-workers.md). Its stderr goes to the log of the job it runs.
 */
final class WarmWorker {

    static final String NODE_MARKER = "SLUICE_WARM_NODE";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode CLOSED = JSON.createObjectNode().put("type", "closed");

    // why: whoever waits for a message reads the pipe itself, with an alarm that kills the worker when the wait
    // is over; a reader thread handing each message over cost a thread wake-up per message, as much as the rest
    // of a short job
    private static final ScheduledThreadPoolExecutor ALARMS = alarms();

    private final Process process;
    private final OutputStream toWorker;
    private final BufferedReader fromWorker;
    private volatile boolean overdue;
    private boolean closed;
    private final SwitchingSink stderr;
    private final LogTail idleTail = new LogTail();
    private final int jobLimit;
    private final Instant startedAt;
    private final MemoryWatch memory;
    private volatile int jobsDone;
    private final Optional<WarmExchange> exchange;

    private WarmWorker(Process process, SwitchingSink stderr, int jobLimit, TaskConfig task, Optional<WarmExchange> exchange) {
        this.process = process;
        this.exchange = exchange;
        this.toWorker = process.getOutputStream();
        this.fromWorker = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderr = stderr;
        this.jobLimit = jobLimit;
        this.startedAt = Instant.now();
        // why: one watch for the worker's whole life; starting one per job cost more than a short job itself
        this.memory = new MemoryWatch(process.toHandle(), Optional.empty(), task.limits().memoryLimit(), () -> kill(Duration.ZERO));
    }

    /** With a sandbox, the worker sees of data-dir only a window of its own, into which each job's folder is lent. */
    static WarmWorker start(TaskConfig task, Path workerLog, NodePlace place, int jobLimit, Optional<Sandbox> sandbox,
                            Path dataDir, String taskName) throws IOException {
        Optional<WarmExchange> exchange = sandbox.isPresent() ? Optional.of(WarmExchange.create(dataDir, place.exchange(), taskName))
                : Optional.empty();
        ProcessBuilder builder = new ProcessBuilder();
        task.workdirPath().map(Path::toFile).ifPresent(builder::directory);
        JobEnvironment.fillForTask(builder.environment(), System.getenv(), task);
        builder.command(sandbox.map(s -> s.wrap(task.command(), Optional.of(new JobFolder(exchange.orElseThrow().window())),
                task.workdirPath(), task.workdirPath().orElse(exchange.orElseThrow().window())))
                .orElseGet(() -> CommandLookup.onPathOf(task.command(), builder.environment())));
        builder.environment().put("SLUICE_WARM_PROTOCOL", "1");
        builder.environment().put(NODE_MARKER, place.marker());
        Files.createDirectories(workerLog.getParent());
        OutputStream idleLog = new CappedLog(Files.newOutputStream(workerLog, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), task.limits().maxLog().bytes());
        SwitchingSink sink = new SwitchingSink(idleLog);
        Process process;
        try {
            process = sandbox.isPresent() ? SandboxLauncher.start(builder) : builder.start();
        } catch (IOException cannotStart) {
            exchange.ifPresent(WarmExchange::remove);
            throw cannotStart;
        }
        WarmWorker worker = new WarmWorker(process, sink, jobLimit, task, exchange);
        worker.listen();
        worker.memory.start();
        return worker;
    }

    private void listen() {
        PipeReaders.start("warm-err-" + process.pid(), new OutputPump(process.getErrorStream(), stderr, line -> {
            idleTail.add(line);
            stderr.line(line);
        }));
    }

    private static ScheduledThreadPoolExecutor alarms() {
        ScheduledThreadPoolExecutor alarms = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("warm-alarms").daemon().factory());
        alarms.setRemoveOnCancelPolicy(true);
        return alarms;
    }

    private static Optional<JsonNode> parse(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** What the worker's first message said. */
    enum Start { READY, CLOSED, SILENT }

    /** Waits for the worker's `ready`: READY, CLOSED when it died or spoke out of turn, SILENT after {@code timeout}. */
    Start awaitReady(Duration timeout) {
        Optional<JsonNode> first = next(timeout);
        if (first.isEmpty()) {
            return Start.SILENT;
        }
        return "ready".equals(first.get().path("type").asText()) ? Start.READY : Start.CLOSED;
    }

    /**
     * The next message, or empty when none came within {@code timeout} (the worker is then killed); a message of
     * type `closed` means the worker is gone. One thread at a time waits for the worker's messages.
     */
    Optional<JsonNode> next(Duration timeout) {
        if (closed) {
            return Optional.of(CLOSED);
        }
        overdue = false;
        ScheduledFuture<?> alarm = ALARMS.schedule(() -> {
            overdue = true;
            kill(Duration.ZERO);
        }, Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        try {
            for (String line; (line = fromWorker.readLine()) != null; ) {
                Optional<JsonNode> message = parse(line);
                if (message.isPresent()) {
                    return message;
                }
                if (!line.isBlank()) {
                    // why: a library that prints to stdout before the helper took it over must not end the worker
                    stderr.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    stderr.line(line);
                }
            }
        } catch (IOException brokenPipe) {
            // the worker died: CLOSED below says so
        } finally {
            alarm.cancel(false);
        }
        closed = true;
        return overdue ? Optional.empty() : Optional.of(CLOSED);
    }

    void send(ObjectNode message) throws IOException {
        synchronized (toWorker) {
            toWorker.write((message.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            toWorker.flush();
        }
    }

    void attach(OutputStream jobLog, java.util.function.Consumer<String> jobLines) {
        stderr.attach(jobLog, jobLines);
    }

    void detach() {
        stderr.detach();
    }

    /** The worker's memory: the peak of the current job, the size between jobs, whether it went past the limit. */
    MemoryWatch memory() {
        return memory;
    }

    /** The window through which a sandboxed worker sees the job it runs; empty without a sandbox. */
    Optional<WarmExchange> exchange() {
        return exchange;
    }

    /** Removes the worker's window; only once the worker is dead and no job is lent to it. */
    void release() {
        exchange.ifPresent(WarmExchange::remove);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** How the process ended, for a message; only meaningful once it is dead. */
    String howItEnded() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            return "stopped answering";
        }
        int exit = process.exitValue();
        String how = exit > 128 && exit < 160 ? "was killed by signal " + (exit - 128) : "exited with code " + exit;
        String tail = idleTail.text();
        return how + (tail.isEmpty() ? "" : ":\n" + tail);
    }

    WorkerInfo info(String task, Optional<dev.sluice.store.JobId> job) {
        ProcessHandle handle = process.toHandle();
        return new WorkerInfo(handle.pid(), task, dev.sluice.config.TaskMode.WARM, job, jobsDone,
                TreeMemory.bytes(ProcessTree.members(Optional.of(handle), Optional.empty())), startedAt);
    }

    void countJob() {
        jobsDone++;
    }

    boolean spent() {
        return jobsDone >= jobLimit;
    }

    /** Closes its input (the signal to exit), then kills it if it has not gone within the grace. */
    void stop(Duration grace) {
        memory.close();
        try {
            toWorker.close();
        } catch (IOException alreadyClosed) {
            // it is on its way out
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(Duration.ZERO);
        }
        release();
    }

    void kill(Duration grace) {
        memory.close();
        ProcessTree.terminate(Optional.of(process.toHandle()), Optional.empty(), grace);
    }
}
