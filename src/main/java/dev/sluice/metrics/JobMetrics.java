package dev.sluice.metrics;

import dev.sluice.events.JobObserver;
import dev.sluice.store.FailureReason;
import dev.sluice.store.Job;
import dev.sluice.store.JobState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts jobs as the store commits them: submitted, started and finished by task (and outcome and reason), with
 * their wait and run times and peak memory. Every label value comes from the config or a closed set.
 */
final class JobMetrics implements JobObserver {

    private static final Duration[] TIME_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1), Duration.ofHours(4)};
    private static final double[] MEMORY_BUCKETS = {16.0 * (1 << 20), 64.0 * (1 << 20), 256.0 * (1 << 20), 1024.0 * (1 << 20),
            4096.0 * (1 << 20), 16384.0 * (1 << 20)};

    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void stateChanged(Job job) {
        switch (job.state()) {
            case ACCEPTED -> {
                // why: a re-queued job is reported as accepted too; only a fresh insert has never been updated
                if (job.attempts() == 0 && job.updated().equals(job.created())) {
                    Counter.builder("sluice.jobs.submitted").description("Jobs accepted into a queue")
                            .tag("task", job.task()).tag("queue", job.queue()).register(registry).increment();
                }
            }
            case RUNNING -> started(job);
            default -> {
                if (job.state().isFinal()) {
                    finished(job);
                }
            }
        }
    }

    private void started(Job job) {
        Counter.builder("sluice.jobs.started").description("Runs of jobs started, retries included")
                .tag("task", job.task()).tag("queue", job.queue()).register(registry).increment();
        if (job.attempts() == 1) {
            job.started().ifPresent(at -> timer("sluice.job.wait", "Time from submission to the first start", job.task())
                    .record(positive(job.created(), at)));
        }
    }

    private void finished(Job job) {
        String outcome = job.state().name().toLowerCase(Locale.ROOT);
        String reason = job.reason().map(FailureReason::wireName).orElse("none");
        Counter.builder("sluice.jobs.finished").description("Jobs that reached a final state")
                .tag("task", job.task()).tag("outcome", outcome).tag("reason", reason).register(registry).increment();
        if (job.state() == JobState.FAILED) {
            job.reason().flatMap(JobMetrics::eventOf).ifPresent(event -> Counter.builder(event.name())
                    .description(event.description()).tag("task", job.task()).register(registry).increment());
        }
        if (job.started().isPresent() && job.finished().isPresent()) {
            timer("sluice.job.run", "Time from the last start to the end of a run that finished", job.task())
                    .record(positive(job.started().get(), job.finished().get()));
        }
        job.peakMemory().ifPresent(bytes -> DistributionSummary.builder("sluice.job.peak.memory")
                .description("Peak memory of a finished job's process tree").baseUnit("bytes").tag("task", job.task())
                .serviceLevelObjectives(MEMORY_BUCKETS).register(registry).record(bytes));
    }

    private record Event(String name, String description) {
    }

    private static Optional<Event> eventOf(FailureReason reason) {
        return switch (reason) {
            case MEMORY -> Optional.of(new Event("sluice.memory.kills", "Jobs stopped for going over their memory limit"));
            case TIMEOUT -> Optional.of(new Event("sluice.timeouts", "Jobs stopped at their time limit"));
            case CRASHED -> Optional.of(new Event("sluice.crashes", "Jobs whose process (or warm worker) crashed"));
            default -> Optional.empty();
        };
    }

    private Timer timer(String name, String description, String task) {
        return Timer.builder(name).description(description).tag("task", task).serviceLevelObjectives(TIME_BUCKETS)
                .register(registry);
    }

    private static Duration positive(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
