package dev.sluice.web;

import dev.sluice.store.Job;
import dev.sluice.store.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the jobs of one task (or one queue) that finished in a span came to: how many ended each way, why the
 * failures failed, how long they waited and ran (median, 90th and 99th percentile), the largest memory peak, and
 * the endings per slice of the span for a chart.
 */
record JobStats(String name, int successful, int failed, int dismissed, Map<String, Integer> failures, Spread waited,
                Spread ran, Optional<Long> peakMemory, int[] successfulPerSlice, int[] failedPerSlice) {

    static final int SLICES = 12;

    /** Median, 90th and 99th percentile of some durations (nearest rank); empty when there were none. */
    record Spread(Optional<Duration> p50, Optional<Duration> p90, Optional<Duration> p99) {

        static Spread of(List<Duration> durations) {
            List<Duration> sorted = durations.stream().sorted().toList();
            return new Spread(rank(sorted, 50), rank(sorted, 90), rank(sorted, 99));
        }

        private static Optional<Duration> rank(List<Duration> sorted, int percent) {
            if (sorted.isEmpty()) {
                return Optional.empty();
            }
            int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
            return Optional.of(sorted.get(Math.max(0, index)));
        }
    }

    int finished() {
        return successful + failed + dismissed;
    }

    /** One line per group (task or queue, by {@code groupOf}), in name order; {@code names} appear even with no job. */
    static List<JobStats> of(List<Job> jobs, Function<Job, String> groupOf, List<String> names, Instant from, Instant to) {
        Map<String, List<Job>> groups = new TreeMap<>();
        names.forEach(name -> groups.put(name, new ArrayList<>()));
        for (Job job : jobs) {
            if (job.finished().isPresent() && !job.finished().get().isBefore(from) && !job.finished().get().isAfter(to)) {
                groups.computeIfAbsent(groupOf.apply(job), k -> new ArrayList<>()).add(job);
            }
        }
        List<JobStats> all = new ArrayList<>();
        groups.forEach((name, group) -> all.add(summarise(name, group, from, to)));
        return all;
    }

    private static JobStats summarise(String name, List<Job> jobs, Instant from, Instant to) {
        int[] succeededIn = new int[SLICES];
        int[] failedIn = new int[SLICES];
        Map<String, Integer> failures = new TreeMap<>();
        List<Duration> waits = new ArrayList<>();
        List<Duration> runs = new ArrayList<>();
        int successful = 0;
        int failed = 0;
        int dismissed = 0;
        long sliceMillis = Math.max(1, Duration.between(from, to).toMillis() / SLICES);
        Optional<Long> peak = Optional.empty();
        for (Job job : jobs) {
            int slice = (int) Math.min(SLICES - 1, Duration.between(from, job.finished().orElseThrow()).toMillis() / sliceMillis);
            switch (job.state()) {
                case SUCCESSFUL -> {
                    successful++;
                    succeededIn[slice]++;
                }
                case FAILED -> {
                    failed++;
                    failedIn[slice]++;
                    failures.merge(job.reason().map(r -> r.wireName()).orElse("unknown"), 1, Integer::sum);
                }
                default -> dismissed++;
            }
            job.started().ifPresent(started -> {
                waits.add(Duration.between(job.created(), started));
                runs.add(Duration.between(started, job.finished().orElseThrow()));
            });
            if (job.peakMemory().isPresent() && job.state() != JobState.DISMISSED) {
                peak = Optional.of(Math.max(peak.orElse(0L), job.peakMemory().get()));
            }
        }
        return new JobStats(name, successful, failed, dismissed, failures, Spread.of(waits), Spread.of(runs), peak,
                succeededIn, failedIn);
    }
}
