package dev.sluice.worker;

import dev.sluice.config.DataSize;
import dev.sluice.config.Durations;
import dev.sluice.config.TaskConfig;
import dev.sluice.store.FailureReason;
import dev.sluice.store.Job;
import dev.sluice.store.JobOutcome;
import dev.sluice.store.JobStore;
import dev.sluice.store.RunFacts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one job as a fresh process (exec mode): launch without a shell in the job's folder, copy its
 * output to the log while reading progress lines, enforce the timeout, and say how the run ended.
 */
public final class JobRun implements Run {

    private static final Logger log = LoggerFactory.getLogger(JobRun.class);
    // why: a stray grandchild that keeps the job's stdout open must not keep a finished job's run alive
    private static final Duration PUMP_DRAIN = Duration.ofMillis(300);

    private final Job job;
    private final String run;
    private final TaskConfig task;
    private final JobFolder folder;
    private final JobStore store;
    private final JobOutputListener output;
    private final Optional<Sandbox> sandbox;
    private final LogTail tail = new LogTail();
    private volatile Optional<ProcessHandle> process = Optional.empty();
    private final Object ending = new Object();
    private volatile boolean cancelled;
    private boolean endedByItself;
    private RunFacts facts = RunFacts.NONE;

    /** {@code output} hears each line the job prints (the live log of its event stream). */
    public JobRun(Job job, TaskConfig task, JobFolder folder, JobStore store, JobOutputListener output, Optional<Sandbox> sandbox) {
        this.job = job;
        this.run = ProcessTree.runMark(job);
        this.sandbox = sandbox;
        this.task = task;
        this.folder = folder;
        this.store = store;
        this.output = output;
    }

    @Override
    public Job job() {
        return job;
    }

    /** Runs the job to its end; blocks the calling (virtual) thread. */
    @Override
    public JobOutcome run() {
        Process started;
        long logStartsAt;
        try {
            folder.create();
            logStartsAt = folder.setAsideEarlierAttempt(job.attempts());
            started = launch();
        } catch (IOException | RuntimeException cannotStart) {
            log.warn("event=launch-failed job={} task={} reason=\"{}\"", job.id(), job.task(), cannotStart.getMessage());
            return new JobOutcome.Failed(FailureReason.LAUNCH, "the command could not be started: " + cannotStart.getMessage());
        }
        ProcessHandle handle = started.toHandle();
        process = Optional.of(handle);
        // why: ProcessHandle.info() costs milliseconds here; recovery matches this time within a tolerance
        store.recordWorker(job.id(), new Job.WorkerProcess(handle.pid(), Instant.now()));
        ProgressReporter progress = new ProgressReporter(store, job.id());
        PipeReaders.Reading pump = startPump(started, progress, logStartsAt);
        MemoryWatch memory = new MemoryWatch(handle, Optional.of(run), task.limits().memoryLimit(),
                () -> ProcessTree.terminateRun(process, run, Duration.ZERO)).start();
        if (cancelled) {
            ProcessTree.terminateRun(process, run, task.limits().killGrace());
        }
        boolean inTime = waitFor(started, task.limits().timeout());
        boolean dismissed;
        synchronized (ending) {
            endedByItself = inTime && !cancelled;
            dismissed = cancelled;
        }
        if (!inTime) {
            log.info("event=timeout job={} task={} limit={}", job.id(), job.task(), Durations.format(task.limits().timeout()));
            ProcessTree.terminateRun(process, run, task.limits().killGrace());
        }
        int exit = exitCodeOf(started);
        memory.close();
        finishPump(pump);
        progress.flush();
        if (memory.peak() > 0) {
            facts = new RunFacts(Optional.empty(), Optional.of(memory.peak()));
        }
        Optional<Long> overLimit = memory.exceeded();
        if (overLimit.isPresent() && !dismissed) {
            DataSize limit = task.limits().memoryLimit().orElseThrow();
            log.info("event=memory-limit job={} task={} used={} limit={}", job.id(), job.task(), overLimit.get(), limit.bytes());
            return new JobOutcome.Failed(FailureReason.MEMORY, "used " + new DataSize(overLimit.get()) + ", limit "
                    + limit + "; use a smaller input or raise limits.memory");
        }
        if (dismissed) {
            return new JobOutcome.Dismissed("cancelled while running");
        }
        if (!inTime) {
            return new JobOutcome.Failed(FailureReason.TIMEOUT, "stopped after the time limit of "
                    + Durations.format(task.limits().timeout()) + "; raise limits.timeout if the job needs longer");
        }
        return DiskFull.refine(outcomeOf(exit), folder, tail.text());
    }

    @Override
    public RunFacts facts() {
        return facts;
    }

    /**
     * Stops the job's whole process tree; {@link #run()} then returns a dismissal. A process that had already ended by
     * itself keeps its own outcome: its work is done, and a server stopping at that moment must not run it again.
     */
    @Override
    public void cancel() {
        synchronized (ending) {
            // why: also before run() has seen the end: the process exited (a zombie until its reaper wakes, which under
            // load takes milliseconds), or was reaped and only its output is still being read
            if (endedByItself || process.isPresent() && ProcessTree.exited(process.get())) {
                return;
            }
            cancelled = true;
        }
        if (process.isPresent()) {
            ProcessTree.terminateRun(process, run, task.limits().killGrace());
        }
    }

    @Override
    public Optional<WorkerInfo> worker() {
        return process.map(p -> new WorkerInfo(p.pid(), job.task(), dev.sluice.config.TaskMode.EXEC, Optional.of(job.id()), 0,
                TreeMemory.bytes(ProcessTree.members(Optional.of(p), Optional.empty())), job.started().orElse(job.updated())));
    }

    private Process launch() throws IOException {
        java.nio.file.Path dir = task.workdirPath().orElse(folder.root());
        List<String> command = ArgumentVector.build(task, job.inputs(), folder);
        ProcessBuilder builder = new ProcessBuilder()
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        JobEnvironment.fill(builder.environment(), System.getenv(), task, job.id(), run, folder);
        List<String> argv = sandbox.map(s -> s.wrap(command, Optional.of(folder), task.workdirPath(), dir))
                .orElseGet(() -> CommandLookup.onPathOf(command, builder.environment()));
        builder.command(argv);
        log.debug("event=launch job={} task={} argv={}", job.id(), job.task(), argv);
        return sandbox.isPresent() ? SandboxLauncher.start(builder) : ProcessStarter.best().start(builder);
    }

    private PipeReaders.Reading startPump(Process started, ProgressReporter progress, long logStartsAt) {
        // why: most jobs of a busy queue print nothing, and a file made per job is an inode the disk allocates; a log
        // that cannot be opened at the first byte becomes a line of the job's tail (OutputPump)
        CappedLog logFile = new CappedLog(new java.io.BufferedOutputStream(new LazyFileOutput(folder::appendToLog)),
                task.limits().maxLog().bytes(), logStartsAt);
        OutputPump pump = new OutputPump(started.getInputStream(), logFile, line -> {
            tail.add(line);
            ProgressLine.parse(line).ifPresent(progress::report);
            output.line(job.id(), line, logFile.position());
        });
        return PipeReaders.start("job-output-" + job.id(), pump);
    }

    private void finishPump(PipeReaders.Reading pump) {
        try {
            if (!pump.awaitEnd(PUMP_DRAIN)) {
                ProcessTree.terminateRun(Optional.empty(), run, task.limits().killGrace());
                pump.awaitEnd(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JobOutcome outcomeOf(int exit) {
        if (exit == 0) {
            return OutputCheck.afterSuccess(task, folder);
        }
        String last = tail.text();
        String logPart = last.isEmpty() ? "" : ":\n" + last;
        if (exit > 128 && exit < 160) {
            return new JobOutcome.Failed(FailureReason.CRASHED, "killed by signal " + (exit - 128) + logPart);
        }
        return new JobOutcome.Failed(FailureReason.EXIT_CODE, "exited with code " + exit + logPart);
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int exitCodeOf(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
