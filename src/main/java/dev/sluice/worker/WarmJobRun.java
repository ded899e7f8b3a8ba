package dev.sluice.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.DataSize;
import dev.sluice.config.Durations;
import dev.sluice.config.InputSpec;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.FailureReason;
import dev.sluice.store.Job;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobStore;
import dev.sluice.store.RunFacts;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One job on a warm worker: hand it over, follow its messages, and enforce its time and memory limits. */
public final class WarmJobRun implements Run {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Job job;
    private final WarmPool pool;
    private final TaskConfig task;
    private final JobFolder folder;
    private final JobStore store;
    private final JobOutputListener output;
    private volatile WarmWorker worker;
    private volatile boolean cancelled;
    private RunFacts facts = RunFacts.NONE;

    /** {@code output} hears each line the job prints (the live log of its event stream). */
    public WarmJobRun(Job job, WarmPool pool, JobFolder folder, JobStore store, JobOutputListener output) {
        this.job = job;
        this.pool = pool;
        this.task = pool.task();
        this.folder = folder;
        this.store = store;
        this.output = output;
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public JobOutcome run() {
        long logStartsAt;
        try {
            // why: two new directories cost more than a short warm job; a task without outputs gets them only if
            // it writes there (the log makes its own folder when the first line arrives)
            if (!task.outputs().isEmpty() || job.attempts() > 1) {
                folder.create();
            }
            logStartsAt = folder.setAsideEarlierAttempt(job.attempts());
        } catch (IOException | RuntimeException e) {
            return new JobOutcome.Failed(FailureReason.LAUNCH, "the job folder could not be prepared: " + e.getMessage());
        }
        WarmWorker w;
        try {
            w = pool.acquire();
        } catch (WarmPool.StartFailed failed) {
            return new JobOutcome.Failed(FailureReason.LAUNCH, failed.getMessage());
        }
        worker = w;
        JobFolder seen;
        try {
            seen = w.exchange().isPresent() ? w.exchange().get().lend(folder, job.id()) : folder;
        } catch (IOException e) {
            pool.discard(w);
            return new JobOutcome.Failed(FailureReason.LAUNCH, "the job folder could not be lent to the sandboxed worker: " + e.getMessage());
        }
        LogTail tail = new LogTail();
        ProgressReporter progress = new ProgressReporter(store, job.id());
        CappedLog log = new CappedLog(new LazyFileOutput(folder::appendToLog), task.limits().maxLog().bytes(),
                logStartsAt);
        w.attach(log, line -> {
            tail.add(line);
            ProgressLine.parse(line).ifPresent(progress::report);
            output.line(job.id(), line, log.position());
        });
        MemoryWatch memory = w.memory();
        memory.jobStarted();
        JobOutcome outcome;
        try {
            if (cancelled) {
                w.kill(Duration.ZERO);
            }
            w.send(jobMessage(seen));
            outcome = follow(w, progress, memory, tail);
        } catch (IOException channelBroken) {
            outcome = new JobOutcome.Failed(FailureReason.CRASHED, "the warm worker could not be reached: " + w.howItEnded());
        } finally {
            // why: detach before closing, so the worker's stderr never meets a closed log
            w.detach();
            closeQuietly(log);
            progress.flush();
        }
        long peak = memory.peak();
        memory.jobEnded();
        facts = new RunFacts(Optional.of(new Job.WorkerProcess(w.handle().pid(), w.startedAt())),
                peak > 0 ? Optional.of(peak) : Optional.empty());
        boolean workerStillGood = (outcome instanceof JobOutcome.Succeeded || isReportedFailure(outcome)) && w.alive();
        if (!workerStillGood) {
            // why: a worker that may still run must not touch the folder once it is given back
            w.kill(Duration.ZERO);
        }
        Optional<JobOutcome> notGivenBack = giveBackFolder(w);
        if (workerStillGood && notGivenBack.isEmpty()) {
            pool.giveBack(w);
        } else {
            pool.discard(w);
        }
        if (notGivenBack.isPresent()) {
            return notGivenBack.get();
        }
        if (outcome instanceof JobOutcome.Succeeded) {
            outcome = OutputCheck.afterSuccess(task, folder);
        }
        return DiskFull.refine(outcome, folder, tail.text());
    }

    @Override
    public RunFacts facts() {
        return facts;
    }

    @Override
    public void cancel() {
        cancelled = true;
        WarmWorker w = worker;
        if (w != null) {
            w.kill(Duration.ZERO);
        }
    }

    @Override
    public Optional<WorkerInfo> worker() {
        WarmWorker w = worker;
        return w == null ? Optional.empty() : Optional.of(w.info(job.task(), Optional.of(job.id())));
    }

    private JobOutcome follow(WarmWorker w, ProgressReporter progress, MemoryWatch memory, LogTail tail) {
        long deadline = System.nanoTime() + task.limits().timeout().toNanos();
        while (true) {
            Optional<JsonNode> message = w.next(Duration.ofNanos(deadline - System.nanoTime()));
            if (message.isEmpty()) {
                w.kill(Duration.ZERO);
                return cancelled ? dismissed() : new JobOutcome.Failed(FailureReason.TIMEOUT, "stopped after the time limit of "
                        + Durations.format(task.limits().timeout()) + "; raise limits.timeout if the job needs longer");
            }
            JsonNode m = message.get();
            boolean forThisJob = job.id().value().equals(m.path("id").asText());
            switch (m.path("type").asText()) {
                case "progress" -> {
                    if (forThisJob) {
                        progress.report(new ProgressLine(Math.max(0, Math.min(100, m.path("percent").asInt())),
                                abbreviate(m.path("message").asText())));
                    }
                }
                case "done" -> {
                    if (forThisJob) {
                        // why: outputs are checked once the folder is back in its place (see run)
                        return m.path("ok").asBoolean() ? new JobOutcome.Succeeded("")
                                : new JobOutcome.Failed(FailureReason.EXIT_CODE, "the task failed: " + abbreviate(m.path("error").asText()));
                    }
                }
                case "closed" -> {
                    if (cancelled) {
                        return dismissed();
                    }
                    Optional<Long> over = memory.exceeded();
                    if (over.isPresent()) {
                        return new JobOutcome.Failed(FailureReason.MEMORY, "used " + new DataSize(over.get()) + ", limit "
                                + task.limits().memoryLimit().orElseThrow() + "; use a smaller input or raise limits.memory");
                    }
                    String last = tail.text();
                    return new JobOutcome.Failed(FailureReason.CRASHED, "the warm worker died during the job: " + w.howItEnded()
                            + (last.isEmpty() ? "" : "\n" + last));
                }
                default -> {
                    // an unknown message type from a newer helper is ignored
                }
            }
        }
    }

    private Optional<JobOutcome> giveBackFolder(WarmWorker w) {
        if (w.exchange().isEmpty()) {
            return Optional.empty();
        }
        try {
            w.exchange().get().giveBack(folder);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new JobOutcome.Failed(FailureReason.INTERNAL, "the job's folder could not be taken back from"
                    + " the sandboxed worker: " + e.getMessage()));
        }
    }

    /** The job as the worker sees it: {@code seen} is its folder, or the worker's window onto it in a sandbox. */
    private ObjectNode jobMessage(JobFolder seen) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", "job");
        message.put("id", job.id().value());
        ObjectNode inputs = message.putObject("inputs");
        for (Map.Entry<String, String> input : job.inputs().entrySet()) {
            InputSpec spec = task.inputs().get(input.getKey());
            String value = input.getValue();
            if (spec == null) {
                inputs.put(input.getKey(), value);
                continue;
            }
            switch (spec.type()) {
                case NUMBER -> inputs.put(input.getKey(), new BigDecimal(value));
                case INTEGER -> inputs.put(input.getKey(), Long.parseLong(value));
                case BOOLEAN -> inputs.put(input.getKey(), Boolean.parseBoolean(value));
                case FILE, IMAGE -> inputs.put(input.getKey(), seen.in().resolve(value).toString());
                default -> inputs.put(input.getKey(), value);
            }
        }
        message.put("out", seen.out().toString());
        message.put("dir", seen.root().toString());
        return message;
    }

    private static boolean isReportedFailure(JobOutcome outcome) {
        return outcome instanceof JobOutcome.Failed f
                && (f.reason() == FailureReason.EXIT_CODE || f.reason() == FailureReason.INVALID_OUTPUT);
    }

    private static void closeQuietly(OutputStream log) {
        try {
            log.close();
        } catch (IOException unwritable) {
            // the job's outcome does not depend on its log
        }
    }

    private static JobOutcome dismissed() {
        return new JobOutcome.Dismissed("cancelled while running");
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }
}
